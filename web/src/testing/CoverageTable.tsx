import type { CoverageLevel, CoverageRow, CoverageTotals } from '../api-types';
import { useI18n } from '../i18n';
import { CoverageBar } from './CoverageBar';
import { testingHref } from './defaults';

interface Props {
  rows: CoverageRow[];
  level: CoverageLevel;
  totals: CoverageTotals;
  /** A community picked for its not-yet-sampled list; its row is highlighted. */
  selected: string;
  campaign: string;
  round: number;
}

const COLUMNS = ['population', 'sampled', 'resulted', 'positive', 'missing'] as const;

/** Coverage per district, street or community; a name opens the level below (a community: who is missing). */
export function CoverageTable({ rows, level, totals, selected, campaign, round }: Props) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table coverage-table" data-testid="coverage-table" data-level={level}>
        <thead>
          <tr>
            <th scope="col">{t(`testing.level.${level}`)}</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className={`num col-${c}`}>
                {t(`testing.col.${c}`)}
              </th>
            ))}
            <th scope="col" className="coverage-col">
              {t('testing.col.coverage')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.code}
              className={r.code === selected ? 'selected' : undefined}
              data-testid="coverage-row"
              data-code={r.code}
              data-sampled={r.sampled}
              data-missing={r.missing}
            >
              <th scope="row" className="wrap coverage-name">
                <a
                  href={testingHref('campaign', { campaign, round, area: r.code })}
                  data-testid="drill-link"
                  title={level === 'community' ? t('testing.showUnsampled') : t('testing.drill')}
                >
                  {r.name}
                </a>
              </th>
              {COLUMNS.map((c) => (
                <td key={c} className={`num col-${c}${c === 'positive' && r.positive > 0 ? ' has-positive' : ''}`}>
                  {formatNumber(r[c])}
                </td>
              ))}
              <td>
                <CoverageBar sampled={r.sampled} population={r.population} />
              </td>
            </tr>
          ))}
        </tbody>
        {rows.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row">{t('testing.total')}</th>
              {COLUMNS.map((c) => (
                <td key={c} className={`num col-${c}`}>
                  {formatNumber(totals[c])}
                </td>
              ))}
              <td>
                <CoverageBar sampled={totals.sampled} population={totals.population} />
              </td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
