/** Time series: bars and lines on a grid, with a legend and a marker line, on top of the core (echarts.ts). */
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { echarts } from './echarts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent]);

/** Imported by the charts that need the components above, so the registration is never dropped as type-only. */
export const TREND_READY = true;

export type TrendOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;
