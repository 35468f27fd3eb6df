import type { ZoneCounts } from '../api-types';
import { RANKS } from '../domain';
import { useI18n } from '../i18n';

interface Props {
  counts: ZoneCounts;
  /** The district chosen above ('' = city); its row is highlighted. */
  selected: string;
  onSelect: (code: string) => void;
}

/** Active zones, lifts and deployed cadres per district; a district's name filters the screen to it. */
export function ZoneDistrictTable({ counts, selected, onSelect }: Props) {
  const { t, formatNumber } = useI18n();
  const rows = counts.byDistrict.filter((d) => d.high + d.medium + (d.liftedMedium ?? 0) > 0 || d.code === selected);
  const cadres = (c: Record<string, number>) => RANKS.reduce((s, r) => s + (c[r] ?? 0), 0);
  const n = (v: number) => (v > 0 ? formatNumber(v) : <span className="muted">0</span>);
  return (
    <div className="table-wrap">
      <table className="table zone-district-table" data-testid="zone-district-table">
        <thead>
          <tr>
            <th scope="col">{t('zones.district')}</th>
            <th scope="col" className="num wrap">
              {t('zones.count.high')}
            </th>
            <th scope="col" className="num wrap">
              {t('zones.count.medium')}
            </th>
            <th scope="col" className="num wrap">
              {t('zones.count.liftedMediumShort')}
            </th>
            <th scope="col" className="num wrap">
              {t('zones.count.cadres')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.code} className={d.code === selected ? 'selected' : undefined}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onSelect(d.code)}>
                  {d.name}
                </button>
              </th>
              <td className="num zone-n-high">{n(d.high)}</td>
              <td className="num zone-n-medium">{n(d.medium)}</td>
              <td className="num">{n(d.liftedMedium ?? 0)}</td>
              <td className="num">{n(cadres(d.cadres))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">{t('zones.noneInArea')}</p>}
    </div>
  );
}
