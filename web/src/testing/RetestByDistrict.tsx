import { useMemo } from 'react';
import type { RetestTask } from '../api-types';
import { useI18n } from '../i18n';

interface Props {
  tasks: RetestTask[];
  districtName: (code: string) => string;
  onSelect: (code: string) => void;
}

/** Open tasks per district, by kind; a district's name filters the list to it. */
export function RetestByDistrict({ tasks, districtName, onSelect }: Props) {
  const { t, formatNumber } = useI18n();
  const rows = useMemo(() => {
    const by = new Map<string, { retest: number; resample: number; total: number }>();
    for (const r of tasks) {
      const row = by.get(r.districtCode) ?? { retest: 0, resample: 0, total: 0 };
      if (r.kind === 'retest') row.retest++;
      else if (r.kind === 'resample') row.resample++;
      row.total++;
      by.set(r.districtCode, row);
    }
    return [...by.entries()].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
  }, [tasks]);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="retests-by-district">
        <thead>
          <tr>
            <th scope="col">{t('testing.retests.district')}</th>
            <th scope="col" className="num">
              {t('testing.retests.kind.retest')}
            </th>
            <th scope="col" className="num">
              {t('testing.retests.kind.resample')}
            </th>
            <th scope="col" className="num">
              {t('testing.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([code, n]) => (
            <tr key={code} data-testid="retest-district-row">
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onSelect(code)}>
                  {districtName(code)}
                </button>
              </th>
              <td className="num">{formatNumber(n.retest)}</td>
              <td className="num">{formatNumber(n.resample)}</td>
              <td className="num">{formatNumber(n.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">{t('testing.retests.noneByDistrict')}</p>}
    </div>
  );
}
