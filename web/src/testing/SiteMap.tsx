import { lazy, Suspense, useMemo } from 'react';
import type { SamplingSite } from '../api-types';
import type { MapPoint } from '../charts/DistrictMap';
import type { DistrictFeatureCollection } from '../charts/map';
import { Loading } from '../common/Status';
import { useI18n } from '../i18n';
import { siteCentre } from './defaults';
import { QUEUE_LONG, QUEUE_VERY_LONG, SITE_COLORS, type SiteTone, siteTone } from './sites';

// ECharts loads with the map, not with the page.
const DistrictMap = lazy(() => import('../charts/DistrictMap').then((m) => ({ default: m.DistrictMap })));

/** Light blues: the districts (shaded by their number of sites) are the backdrop of the site points. */
const BACKDROP = ['#f5f8fb', '#dbe8f3', '#b6d0e6'];
const LEGEND: SiteTone[] = ['short', 'long', 'veryLong', 'closed'];

interface Props {
  geo: DistrictFeatureCollection;
  sites: SamplingSite[];
  district: string;
  onSelectDistrict: (code: string) => void;
  onSite: (code: string) => void;
}

/**
 * Sites as points over the districts, coloured by queue, at their registered position. A site registered
 * without one stands near its district's centre, spread by its code (the way the server places risk zones).
 */
export function SiteMap({ geo, sites, district, onSelectDistrict, onSite }: Props) {
  const { t, formatNumber } = useI18n();
  const centres = useMemo(() => new Map(geo.features.map((f) => [f.properties.code, f.properties.cp] as const)), [geo]);
  const values = useMemo(() => {
    const n = new Map<string, number>();
    for (const s of sites) n.set(s.districtCode, (n.get(s.districtCode) ?? 0) + 1);
    return geo.features.map((f) => ({
      code: f.properties.code,
      name: f.properties.name,
      value: n.get(f.properties.code) ?? 0,
    }));
  }, [geo, sites]);
  const points = useMemo<MapPoint[]>(
    () =>
      sites.flatMap((s) => {
        const cp = centres.get(s.districtCode);
        const placed = typeof s.lng === 'number' && typeof s.lat === 'number';
        if (!placed && !cp) return [];
        const tone = siteTone(s);
        return [
          {
            id: s.code,
            coord: placed ? [s.lng as number, s.lat as number] : siteCentre(s.code, cp as [number, number]),
            color: SITE_COLORS[tone],
            lines: [
              s.name,
              `${s.communityName} · ${s.hours}`,
              t('testing.sites.pointQueue', { n: formatNumber(s.queueLength), lanes: formatNumber(s.lanes) }),
            ],
          },
        ];
      }),
    [sites, centres, t, formatNumber],
  );
  const missing = sites.length - points.length;
  const unplaced = sites.filter((s) => typeof s.lng !== 'number' || typeof s.lat !== 'number').length;
  return (
    <>
      <Suspense fallback={<Loading />}>
        <DistrictMap
          geo={geo}
          values={values}
          label={t('testing.sites.count')}
          title={t('testing.sites.mapTitle')}
          colors={BACKDROP}
          selected={district}
          onSelect={onSelectDistrict}
          points={points}
          onPoint={onSite}
          testId="sites-map"
        />
      </Suspense>
      <ul className="site-legend" aria-label={t('testing.sites.legend')}>
        {LEGEND.map((tone) => (
          <li key={tone}>
            <span className="site-dot" style={{ background: SITE_COLORS[tone] }} aria-hidden="true" />
            {t(`testing.sites.tone.${tone}`, {
              long: QUEUE_LONG,
              veryLong: QUEUE_VERY_LONG,
              below: QUEUE_LONG - 1,
              belowVery: QUEUE_VERY_LONG - 1,
            })}
          </li>
        ))}
      </ul>
      {unplaced > 0 && <p className="muted small">{t('testing.sites.placement')}</p>}
      {missing > 0 && <p className="muted small">{t('testing.sites.noCentre', { n: formatNumber(missing) })}</p>}
    </>
  );
}
