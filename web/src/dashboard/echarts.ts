/** ECharts, modular: only what the dashboard map needs (keeps the bundle small). */
import { MapChart, type MapSeriesOption } from 'echarts/charts';
import {
  TooltipComponent,
  type TooltipComponentOption,
  VisualMapComponent,
  type VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, LabelLayout, CanvasRenderer]);

export type MapOption = echarts.ComposeOption<MapSeriesOption | TooltipComponentOption | VisualMapComponentOption>;
export type GeoJson = Parameters<typeof echarts.registerMap>[1];
export { echarts };

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

export const FONT_FAMILY = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
