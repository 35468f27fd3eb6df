import type { DistrictFigures, Metric } from '../api-types';
import { FigureLink } from '../cases/FigureLink';
import { useI18n } from '../i18n';

const COLUMNS: Metric[] = [
  'newLocalConfirmed',
  'newLocalAsymptomatic',
  'foundInQuarantine',
  'foundInCommunity',
  'localDischarged',
  'localReleased',
  'hospitalised',
  'underObservation',
];

interface Props {
  data: DistrictFigures;
  /** The area chosen above ('' = city); its row is highlighted. */
  selected: string;
  /** Show a total row linking to the city-wide records (for users who may see the city). */
  showTotal: boolean;
  onSelect: (code: string) => void;
}

/** New cases, discharges and current load per district; every number links to its records. */
export function DistrictFiguresTable({ data, selected, showTotal, onSelect }: Props) {
  const { t } = useI18n();
  const total = (m: Metric) => data.districts.reduce((s, d) => s + d.figures[m], 0);
  return (
    <div className="table-wrap">
      <table className="table figures-table" data-testid="district-figures-table">
        <thead>
          <tr>
            <th scope="col">{t('figures.district')}</th>
            {COLUMNS.map((m) => (
              <th key={m} scope="col" className="num wrap">
                {t(`metric.${m}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.districts.map((d) => (
            <tr key={d.code} className={d.code === selected ? 'selected' : undefined}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onSelect(d.code)}>
                  {d.name}
                </button>
              </th>
              {COLUMNS.map((m) => (
                <td key={m} className="num">
                  <FigureLink value={d.figures[m]} metric={m} date={data.date} district={d.code} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {showTotal && data.districts.length > 1 && (
          <tfoot>
            <tr className={selected === '' ? 'selected' : undefined}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onSelect('')}>
                  {t('figures.total')}
                </button>
              </th>
              {COLUMNS.map((m) => (
                <td key={m} className="num">
                  <FigureLink value={total(m)} metric={m} date={data.date} />
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
