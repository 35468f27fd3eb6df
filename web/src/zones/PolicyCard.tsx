import type { LiftRule, Policy } from '../api-types';
import { formatDay } from '../common/dates';
import { useI18n } from '../i18n';
import { policyName } from './defaults';

/** The policy version in force: its name, id and effective day, and its rules in words. */
export function PolicyCard({ policy }: { policy: Policy }) {
  const { t, lang, formatNumber } = useI18n();
  const need = (r: { cleanDays: number; finalRound: boolean }) =>
    `${t('policy.cleanDays', { n: formatNumber(r.cleanDays) })}${r.finalRound ? t('policy.finalRound') : t('policy.noFinalRound')}`;
  const rule = (from: 'high' | 'medium', r: LiftRule) => (
    <li key={from}>
      <strong>
        {t(`zones.level.${from}`)} → {t(`zones.level.${r.to}`)}
      </strong>
      {t('policy.colon')}
      {need(r)}
      {r.afterDowngrade && (
        <span className="muted"> {t('policy.afterDowngrade', { rule: need(r.afterDowngrade) })}</span>
      )}
    </li>
  );
  const { high, medium } = policy.params.lift;
  return (
    <section className="card policy-card" data-testid="policy-card">
      <div className="card-header">
        <h2 data-testid="policy-name">{policyName(policy.name, lang)}</h2>
        <span className="mono small muted" data-testid="policy-id">
          {policy.id}
        </span>
      </div>
      <dl className="details policy-details">
        <dt>{t('policy.effectiveFrom')}</dt>
        <dd data-testid="policy-effective">
          {formatDay(policy.effectiveFrom, lang)} <span className="mono muted">({policy.effectiveFrom})</span>
        </dd>
        <dt>{t('policy.levels')}</dt>
        <dd>{policy.params.levels.map((l) => t(`zones.level.${l}`)).join(t('policy.listSep'))}</dd>
        <dt>{t('policy.rules')}</dt>
        <dd>
          <ul className="policy-rules">
            {high && rule('high', high)}
            {medium && rule('medium', medium)}
            {!high && !medium && <li className="muted">{t('policy.noRules')}</li>}
          </ul>
        </dd>
      </dl>
    </section>
  );
}
