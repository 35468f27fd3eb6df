import type { PolicyParams } from '../api-types';
import { useI18n } from '../i18n';

type RuleName = PolicyParams['colours']['order'][number];
// Every colour rule a version may apply (the server's COLOUR_RULE_NAMES; a name outside is refused there).
const RULES: RuleName[] = [
  'infection',
  'recovered-7d',
  'positive-test',
  'positive-pool',
  'high-zone-resident',
  'medium-zone-resident',
  'close-contact',
  'secondary-contact',
  'left-zone',
  'trace-list',
  'fever-clinic',
  'arrival',
];

/**
 * A draft's colour rules and their order (the earlier wins a tie): each applied rule can move up or
 * be left out, each rule left out can be applied again at the end. A contradiction (a medium-zone
 * rule without medium zones) is the server's to refuse by name.
 */
export function ColourOrder({
  order,
  disabled,
  onChange,
}: {
  order: RuleName[];
  disabled: boolean;
  onChange: (order: RuleName[]) => void;
}) {
  const { t, label } = useI18n();
  const up = (i: number) =>
    onChange(order.map((r, j) => (j === i - 1 ? order[i] : j === i ? order[i - 1] : r) as RuleName));
  return (
    <div data-testid="colour-order">
      <ol>
        {order.map((r, i) => (
          <li key={r} data-rule={r}>
            {label('policyScreen.rule', r)} <span className="muted mono">{r}</span>{' '}
            <button
              type="button"
              className="btn btn-link"
              name={`rule-up-${r}`}
              disabled={disabled || i === 0}
              onClick={() => up(i)}
            >
              {t('policyScreen.ruleUp')}
            </button>
            <button
              type="button"
              className="btn btn-link"
              name={`rule-off-${r}`}
              disabled={disabled}
              onClick={() => onChange(order.filter((x) => x !== r))}
            >
              {t('policyScreen.ruleOff')}
            </button>
          </li>
        ))}
      </ol>
      <p>
        {RULES.filter((r) => !order.includes(r)).map((r) => (
          <button
            key={r}
            type="button"
            className="btn btn-link"
            name={`rule-on-${r}`}
            disabled={disabled}
            onClick={() => onChange([...order, r])}
          >
            {t('policyScreen.ruleOn', { rule: label('policyScreen.rule', r) })}
          </button>
        ))}
      </p>
    </div>
  );
}
