import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { Zone, ZoneCounts } from '../api-types';
import type { MapPoint } from '../charts/DistrictMap';
import type { DistrictFeatureCollection } from '../charts/map';
import { Loading } from '../common/Status';
import { useI18n } from '../i18n';
import { LEVEL_COLORS, zoneHref, zoneTone } from './defaults';

// ECharts loads with the map, not with the page.
const DistrictMap = lazy(() => import('../charts/DistrictMap').then((m) => ({ default: m.DistrictMap })));

/** Light greens: the districts are the backdrop of the zone points. */
const BACKDROP = ['#f6f8f7', '#dcebe3', '#b5d4c4'];

/** Grey first, then orange, then red: the higher levels are drawn on top. */
const DRAW_ORDER = { lifted: 0, low: 0, medium: 1, high: 2 } as const;

interface Props {
  geo: DistrictFeatureCollection;
  zones: Zone[];
  counts: ZoneCounts | undefined;
  date: string;
  district: string;
  onSelectDistrict: (code: string) => void;
}

/** Zones as points over the districts (shaded by active zones), coloured by level; a point opens its zone. */
export function ZoneMap({ geo, zones, counts, date, district, onSelectDistrict }: Props) {
  const { t, formatNumber } = useI18n();
  const values = useMemo(
    () => counts?.byDistrict.map((d) => ({ code: d.code, name: d.name, value: d.high + d.medium })) ?? [],
    [counts],
  );
  const points = useMemo<MapPoint[]>(
    () =>
      zones
        .filter((z) => Array.isArray(z.centre) && z.centre.length === 2)
        .sort((a, b) => DRAW_ORDER[zoneTone(a)] - DRAW_ORDER[zoneTone(b)])
        .map((z) => {
          const tone = zoneTone(z);
          return {
            id: z.code,
            coord: z.centre as [number, number],
            color: LEVEL_COLORS[tone],
            lines: [
              `${z.name}`,
              `${z.code} · ${tone === 'lifted' ? t('zones.status.lifted') : t(`zones.level.${tone}`)}`,
              z.cleanDays === null
                ? t('zones.liftedOnDay', { day: z.liftedOn ?? '—' })
                : t('zones.cleanDaysN', { n: formatNumber(z.cleanDays) }),
            ],
          };
        }),
    [zones, t, formatNumber],
  );
  const openZone = useCallback(
    (code: string) => {
      window.location.hash = zoneHref(code, date);
    },
    [date],
  );
  const missing = zones.length - points.length;

  return (
    <>
      <Suspense fallback={<Loading />}>
        <DistrictMap
          geo={geo}
          values={values}
          label={t('zones.activeZones')}
          title={t('zones.mapTitle')}
          colors={BACKDROP}
          selected={district}
          onSelect={onSelectDistrict}
          points={points}
          onPoint={openZone}
          testId="zones-map"
        />
      </Suspense>
      <ul className="zone-legend" aria-label={t('zones.legend')}>
        {(['high', 'medium', 'low'] as const).map((l) => (
          <li key={l}>
            <span className="zone-dot" style={{ background: LEVEL_COLORS[l] }} aria-hidden="true" />
            {l === 'low' ? t('zones.legend.lowLifted') : t(`zones.level.${l}`)}
          </li>
        ))}
        <li className="muted">{t('zones.legend.shade')}</li>
      </ul>
      {missing > 0 && <p className="muted small">{t('zones.noCentre', { n: formatNumber(missing) })}</p>}
    </>
  );
}
