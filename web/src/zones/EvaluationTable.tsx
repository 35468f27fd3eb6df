import type { Evaluation } from '../api-types';
import { useI18n } from '../i18n';
import { localized, zoneHref } from './defaults';
import { LevelBadge } from './LevelBadge';

interface Props {
  items: Evaluation[];
  date: string;
  districtName: (code: string) => string;
}

/** One recommendation per active zone, eligible first, with the rule applied and the reason in the UI language. */
export function EvaluationTable({ items, date, districtName }: Props) {
  const { t, lang, formatNumber } = useI18n();
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
              className={e.eligible ? 'eligible' : undefined}
              data-testid="evaluation-row"
              data-eligible={e.eligible}
            >
              <th scope="row" className="wrap zone-name-cell">
                <a href={zoneHref(e.zoneCode, date)} data-testid="zone-link">
                  {e.zoneName}
                </a>
                <span className="mono muted small evaluation-code">{e.zoneCode}</span>
              </th>
              <td>{districtName(e.districtCode)}</td>
              <td>
                <LevelBadge zone={{ level: e.level, status: 'active' }} short />
              </td>
              <td>
                {e.action === 'none' ? (
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
              <td className="mono small wrap evaluation-rule">{e.rule ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
