import { useMemo, useRef } from 'react';
import type { ProgressHour } from '../api-types';
import { FONT_FAMILY, reducedMotion } from '../charts/echarts';
import { TREND_READY, type TrendOption } from '../charts/trend';
import { useEChart } from '../charts/useEChart';
import { useI18n } from '../i18n';

const SAMPLED = '#2f80c4';
const RESULTED = '#1d6b50';

interface Props {
  hours: ProgressHour[];
  cumulative: boolean;
  label: string;
}

/** Samples taken and samples with a result, hour by hour (bars) or as running totals (lines). */
export function ProgressChart({ hours, cumulative, label }: Props) {
  void TREND_READY;
  const { t, formatNumber } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const option = useMemo<TrendOption>(() => {
    const names = cumulative
      ? [t('testing.progress.sampledTotal'), t('testing.progress.resultedTotal')]
      : [t('testing.progress.sampled'), t('testing.progress.resulted')];
    const series: TrendOption['series'] = (['sampled', 'resulted'] as const).map((k, i) =>
      cumulative
        ? {
            type: 'line' as const,
            name: names[i],
            data: hours.map((h) => h[k]),
            itemStyle: { color: i === 0 ? SAMPLED : RESULTED },
            lineStyle: { width: 2 },
            areaStyle: { opacity: 0.08 },
            symbolSize: 4,
          }
        : {
            type: 'bar' as const,
            name: names[i],
            data: hours.map((h) => h[k]),
            itemStyle: { color: i === 0 ? SAMPLED : RESULTED },
            barMaxWidth: 14,
          },
    );
    return {
      animation: !reducedMotion(),
      textStyle: { fontFamily: FONT_FAMILY },
      color: [SAMPLED, RESULTED],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: cumulative ? 'line' : 'shadow' },
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v) : String(v ?? '')),
      },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 4, right: 8, top: 36, bottom: 4 },
      xAxis: {
        type: 'category',
        data: hours.map((h) => h.hour),
        // '11-09 07:00' → '07:00' under the axis; the tooltip keeps the day
        axisLabel: { formatter: (v: string) => v.slice(-5), hideOverlap: true },
        axisTick: { alignWithLabel: true },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      series,
    };
  }, [hours, cumulative, t, formatNumber]);
  useEChart(ref, option);
  return <div className="progress-chart" data-testid="progress-chart" ref={ref} role="img" aria-label={label} />;
}
