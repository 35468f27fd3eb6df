import type { DistrictResidents } from '../api-types';
import { useI18n } from '../i18n';

export function DistrictTable({ districts, total }: { districts: DistrictResidents[]; total: number }) {
  const { t, formatNumber } = useI18n();
  const sum = districts.reduce((s, d) => s + d.residents, 0);
  const pct = (n: number) => (sum > 0 ? `${((n / sum) * 100).toFixed(1)}%` : '—');
  return (
    <div className="table-wrap">
      <table className="table" data-testid="district-table">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.district')}</th>
            <th scope="col">{t('dashboard.code')}</th>
            <th scope="col" className="num">
              {t('dashboard.residents')}
            </th>
            <th scope="col" className="num">
              %
            </th>
          </tr>
        </thead>
        <tbody>
          {districts.map((d) => (
            <tr key={d.code}>
              <th scope="row">{d.name}</th>
              <td className="mono">{d.code}</td>
              <td className="num">{formatNumber(d.residents)}</td>
              <td className="num">{pct(d.residents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('dashboard.total')}</th>
            <td />
            <td className="num" data-testid="residents-total">
              {formatNumber(total)}
            </td>
            <td className="num">{sum > 0 ? '100%' : '—'}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
