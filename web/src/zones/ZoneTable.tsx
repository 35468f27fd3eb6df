import type { Zone } from '../api-types';
import { useI18n } from '../i18n';
import { unitLabel, zoneHref } from './defaults';
import { LevelBadge } from './LevelBadge';

/** One row per zone; the code and name open the zone. */
export function ZoneTable({ items, date }: { items: Zone[]; date: string }) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table zone-table" data-testid="zones-table">
        <thead>
          <tr>
            <th scope="col">{t('zones.code')}</th>
            <th scope="col">{t('zones.name')}</th>
            <th scope="col">{t('zones.district')}</th>
            <th scope="col">{t('zones.level')}</th>
            <th scope="col">{t('zones.unit')}</th>
            <th scope="col" className="num">
              {t('zones.residents')}
            </th>
            <th scope="col">{t('zones.designatedOn')}</th>
            <th scope="col" className="num">
              {t('zones.cleanDays')}
            </th>
            <th scope="col">{t('zones.leader')}</th>
            <th scope="col" className="num">
              {t('zones.overdue')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((z) => (
            <tr key={z.code} data-testid="zone-row">
              <th scope="row" className="mono">
                <a href={zoneHref(z.code, date)} data-testid="zone-link">
                  {z.code}
                </a>
              </th>
              <td className="wrap zone-name-cell">
                <a href={zoneHref(z.code, date)}>{z.name}</a>
              </td>
              <td>{z.districtName}</td>
              <td>
                <LevelBadge zone={z} short />
              </td>
              <td className="wrap zone-unit-cell">{unitLabel(z.unit, t)}</td>
              <td className="num">{formatNumber(z.residents)}</td>
              <td className="mono">{z.designatedOn}</td>
              <td className="num">
                {z.cleanDays === null ? <span className="muted">—</span> : formatNumber(z.cleanDays)}
              </td>
              <td>
                {z.taskForce?.leader ? (
                  <>
                    {z.taskForce.leader.name}
                    <span className="muted small"> · {t(`zones.rank.${z.taskForce.leader.rank}`)}</span>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="num">
                {z.overdueDuties ? (
                  <span className="overdue-count" title={t('zones.overdueTitle')}>
                    {formatNumber(z.overdueDuties)}
                  </span>
                ) : (
                  <span className="muted">0</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
