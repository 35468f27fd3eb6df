import type { Evaluation } from '../api-types';
import { type Lang, type MessageKey, type T, useI18n } from '../i18n';
import { localized, policyName, zoneHref } from './defaults';
import { LevelBadge } from './LevelBadge';

interface Props {
  items: Evaluation[];
  date: string;
  districtName: (code: string) => string;
  /** The version's name (`中文 / English`): rules are named by it, not by its id. */
  policyName: string;
  /** In a replay, the version each zone's page replays too. */
  policy?: string;
}

/** A rule in words: the version's name and the step it allows (the raw id belongs in a tooltip). */
export function ruleInWords(t: T, lang: Lang, e: Pick<Evaluation, 'rule' | 'level' | 'to'>, name: string): string {
  if (!e.rule) return '—';
  const level = (l: string) => t(`zones.level.${l}` as MessageKey);
  const step = e.rule.endsWith('-abolished')
    ? t('evaluation.ruleAbolished', { level: level(e.level) })
    : t('evaluation.ruleStep', { level: level(e.level), to: level(e.to ?? 'low') }) +
      (e.rule.includes('after downgrade') ? t('evaluation.afterDowngrade') : '');
  return `${policyName(name, lang)} · ${step}`;
}

/** One recommendation per active zone, eligible first, with the rule applied and the reason in the UI language. */
export function EvaluationTable({ items, date, districtName, policyName: name, policy }: Props) {
  const { t, lang, formatNumber } = useI18n();
  const level = (l: string) => t(`zones.level.${l}` as MessageKey);
  const ruleText = (e: Evaluation) => ruleInWords(t, lang, e, name);
  return (
    <div className="table-wrap">
      <table className="table evaluation-table" data-testid="evaluation-table">
        <thead>
          <tr>
            <th scope="col">{t('zones.zone')}</th>
            <th scope="col">{t('zones.district')}</th>
            <th scope="col">{t('zones.level')}</th>
            <th scope="col">{t('evaluation.recommendation')}</th>
            <th scope="col" className="num">
              {t('zones.cleanDays')}
            </th>
            <th scope="col">{t('evaluation.since')}</th>
            <th scope="col">{t('evaluation.reason')}</th>
            <th scope="col">{t('evaluation.rule')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr
              key={e.zoneCode}
              className={e.eligible && !e.decidedToday ? 'eligible' : undefined}
              data-testid="evaluation-row"
              data-eligible={e.eligible && !e.decidedToday}
            >
              <th scope="row" className="wrap zone-name-cell">
                <a href={zoneHref(e.zoneCode, date, policy)} data-testid="zone-link">
                  {e.zoneName}
                </a>
                <span className="mono muted small evaluation-code">{e.zoneCode}</span>
              </th>
              <td>{districtName(e.districtCode)}</td>
              <td>
                <LevelBadge zone={{ level: e.level, status: 'active' }} short />
              </td>
              <td>
                {e.decidedToday ? (
                  <span className="verdict muted" data-testid="decided-today">
                    {t('evaluation.decided', { action: t(`evaluation.action.${e.decidedToday.kind}`) })}
                    {e.decidedToday.kind === 'downgrade' ? ` → ${level(e.decidedToday.to)}` : ''}
                  </span>
                ) : e.action === 'none' ? (
                  <span className="muted">{t('evaluation.action.none')}</span>
                ) : (
                  <span className={e.eligible ? 'verdict verdict-yes' : 'verdict verdict-no'}>
                    {e.eligible ? '✓ ' : ''}
                    {t(`evaluation.action.${e.action}`)}
                    {e.action === 'downgrade' && e.to ? ` → ${t(`zones.level.${e.to}`)}` : ''}
                    {e.eligible ? '' : ` · ${t('evaluation.notYet')}`}
                  </span>
                )}
              </td>
              <td className="num">{formatNumber(e.cleanDays)}</td>
              <td className="mono">{e.since}</td>
              <td className="wrap evaluation-reason" data-testid="evaluation-reason">
                {localized(e.reason, lang)}
              </td>
              <td className="small wrap evaluation-rule" title={e.rule ?? undefined} data-testid="evaluation-rule">
                {ruleText(e)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
