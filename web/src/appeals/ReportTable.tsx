import type { Report } from '../api-types';
import { useI18n } from '../i18n';

/** Daily status reports, one row a day. */
export function ReportTable({ reports }: { reports: Report[] }) {
  const { t, label } = useI18n();
  return (
    <table className="table" data-testid="report-table">
      <thead>
        <tr>
          <th>{t('appeals.day')}</th>
          <th>{t('appeals.production')}</th>
          <th className="num">{t('appeals.capacity')}</th>
          <th className="num">{t('appeals.materialDays')}</th>
          <th>{t('appeals.logisticsBlocked')}</th>
          <th className="num">{t('appeals.staffOnSite')}</th>
          <th className="num">{t('appeals.staffClosedLoop')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {reports.map((r) => (
          <tr key={r.id}>
            <td>{r.day}</td>
            <td className={`appeal-state-${r.production}`}>{label('appeals.production', r.production)}</td>
            <td className="num">{r.capacityPct}%</td>
            <td className={`num${r.materialDays < 3 ? ' appeal-overdue' : ''}`}>{r.materialDays}</td>
            <td className={r.logisticsBlocked ? 'appeal-overdue' : ''}>
              {r.logisticsBlocked ? t('appeals.yes') : t('appeals.no')}
            </td>
            <td className="num">{r.staffOnSite}</td>
            <td className="num">{r.staffClosedLoop}</td>
            <td>{r.appealId && <a href={`#/appeals/${r.appealId}`}>{t('appeals.recentAppeals')}</a>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
