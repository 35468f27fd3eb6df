import { useAT } from './strings';
import type { Report } from './types';

/** Daily status reports, one row a day. */
export function ReportTable({ reports }: { reports: Report[] }) {
  const t = useAT();
  return (
    <table className="table" data-testid="report-table">
      <thead>
        <tr>
          <th>{t('day')}</th>
          <th>{t('production')}</th>
          <th className="num">{t('capacity')}</th>
          <th className="num">{t('materialDays')}</th>
          <th>{t('logisticsBlocked')}</th>
          <th className="num">{t('staffOnSite')}</th>
          <th className="num">{t('staffClosedLoop')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {reports.map((r) => (
          <tr key={r.id}>
            <td>{r.day}</td>
            <td className={`appeal-state-${r.production}`}>{t(`production.${r.production}`)}</td>
            <td className="num">{r.capacityPct}%</td>
            <td className={`num${r.materialDays < 3 ? ' appeal-overdue' : ''}`}>{r.materialDays}</td>
            <td className={r.logisticsBlocked ? 'appeal-overdue' : ''}>{r.logisticsBlocked ? t('yes') : t('no')}</td>
            <td className="num">{r.staffOnSite}</td>
            <td className="num">{r.staffClosedLoop}</td>
            <td>{r.appealId && <a href={`#/appeals/${r.appealId}`}>{t('recentAppeals')}</a>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
