/** The district map: map series, visual map, geo points and label layout on top of the core (echarts.ts). */
import { MapChart, type MapSeriesOption, ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import {
  GeoComponent,
  type GeoComponentOption,
  type TooltipComponentOption,
  VisualMapComponent,
  type VisualMapComponentOption,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { echarts } from './echarts';

echarts.use([MapChart, ScatterChart, GeoComponent, VisualMapComponent, LabelLayout]);

export type MapOption = echarts.ComposeOption<
  MapSeriesOption | ScatterSeriesOption | GeoComponentOption | TooltipComponentOption | VisualMapComponentOption
>;
export type GeoJson = Parameters<typeof echarts.registerMap>[1];

export interface DistrictFeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: { name: string; code: string; cp?: [number, number] }; geometry: unknown }[];
}

let registered: DistrictFeatureCollection | undefined;

/** Registers the Fuzhou district shapes once under the map name `fuzhou`. */
export function registerFuzhou(geo: DistrictFeatureCollection): void {
  if (registered === geo) return;
  echarts.registerMap('fuzhou', geo as unknown as GeoJson);
  registered = geo;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an ECharts HTML tooltip. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
