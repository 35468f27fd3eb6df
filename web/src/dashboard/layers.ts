import { useMemo } from 'react';
import type { Campaign, CoverageRow, Dashboard, DistrictFigures } from '../api-types';
import { GREENS, REDS } from '../charts/colors';
import type { DistrictValue } from '../charts/DistrictMap';
import { useApi } from '../common/useApi';
import { useLatestDay } from '../common/useLatestDay';
import type { MessageKey } from '../i18n';
import { newestFirst, roundDays } from '../testing/defaults';

/** What the big screen's map colours the districts by: the epidemic first, population last. */
export const LAYERS = ['cases', 'zones', 'coverage', 'population'] as const;
export type Layer = (typeof LAYERS)[number];

const ORANGES = ['#fff7ec', '#fdd49e', '#fc8d59', '#d7301f', '#7f0000'];

export interface LayerData {
  values: DistrictValue[];
  /** What the value is (legend, tooltip). */
  label: MessageKey;
  colors: string[];
  loading: boolean;
  /** Shown under the map: the day or round the layer is of. */
  note?: { key: MessageKey; params: Record<string, string | number> };
}

interface ZoneCounts {
  date: string;
  byDistrict: Array<{ code: string; name: string; high: number; medium: number }>;
}

/**
 * The values of one map layer by district. Only the chosen layer is fetched. Cases: people under
 * treatment or observation on the latest day with figures; zones: active high and medium zones;
 * coverage: the share sampled in the newest campaign's latest round begun by the business clock.
 */
export function useMapLayer(layer: Layer, dash: Dashboard | undefined): LayerData {
  const latest = useLatestDay('');
  const clock = useApi<{ now: string }>(layer === 'population' ? null : '/api/v1/clock');
  // The business day (Beijing), never the browser's; figures entered past it are not shown.
  const today = clock.data ? new Date(Date.parse(clock.data.now) + 8 * 3_600_000).toISOString().slice(0, 10) : '';
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings; Math.min would make them NaN
  const day = latest && today ? (latest < today ? latest : today) : '';
  const figures = useApi<DistrictFigures>(layer === 'cases' && day ? `/api/v1/figures/districts?date=${day}` : null);
  const zones = useApi<ZoneCounts>(layer === 'zones' && today ? `/api/v1/zones/counts?date=${today}` : null);
  const campaigns = useApi<{ items: Campaign[] }>(layer === 'coverage' ? '/api/v1/campaigns' : null);
  const campaign = campaigns.data ? newestFirst(campaigns.data.items)[0] : undefined;
  // The round of the business day.
  const round = campaign && today ? Math.max(1, roundDays(campaign).filter((d) => d <= today).length) : 0;
  const coverage = useApi<{ items: CoverageRow[] }>(
    campaign && round
      ? `/api/v1/campaigns/${encodeURIComponent(campaign.code)}/coverage?round=${round}&level=district`
      : null,
  );
  return useMemo((): LayerData => {
    if (layer === 'cases')
      return {
        values:
          figures.data?.districts.map((d) => ({
            code: d.code,
            name: d.name,
            value: d.figures.hospitalised + d.figures.underObservation,
          })) ?? [],
        label: 'dashboard.layer.casesValue',
        colors: REDS,
        loading: !figures.data,
        note: figures.data ? { key: 'dashboard.layer.asOf', params: { date: figures.data.date } } : undefined,
      };
    if (layer === 'zones')
      return {
        values: zones.data?.byDistrict.map((d) => ({ code: d.code, name: d.name, value: d.high + d.medium })) ?? [],
        label: 'dashboard.layer.zonesValue',
        colors: ORANGES,
        loading: !zones.data,
        note: zones.data ? { key: 'dashboard.layer.asOf', params: { date: zones.data.date } } : undefined,
      };
    if (layer === 'coverage')
      return {
        values:
          coverage.data?.items.map((r) => ({
            code: r.code,
            name: r.name,
            value: r.population ? Math.round((1000 * r.sampled) / r.population) / 10 : 0,
          })) ?? [],
        label: 'dashboard.layer.coverageValue',
        colors: GREENS,
        loading: !coverage.data,
        note: campaign ? { key: 'dashboard.layer.round', params: { name: campaign.name, round } } : undefined,
      };
    return {
      values: dash?.districts.map((d) => ({ code: d.code, name: d.name, value: d.residents })) ?? [],
      label: 'dashboard.residents',
      colors: GREENS,
      loading: !dash,
    };
  }, [layer, figures.data, zones.data, coverage.data, campaign, round, dash]);
}
