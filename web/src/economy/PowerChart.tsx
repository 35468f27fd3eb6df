import { useMemo, useRef } from 'react';
import { FONT_FAMILY, reducedMotion } from '../charts/echarts';
import { TREND_READY, type TrendOption } from '../charts/trend';
import { useEChart } from '../charts/useEChart';
import { formatShortDay } from '../common/dates';
import { useI18n } from '../i18n';

void TREND_READY;

interface Point {
  day: string;
  kwh: number;
  baseline: number | null;
}

interface Props {
  points: Point[];
  /** Values are shown in this unit: 1e4 for 万千瓦时 (the city), 1 for kWh (an account). */
  unit: number;
  unitLabel: string;
  /** The day shown on the page; marked with a line. */
  date: string;
  /** The first day of the outbreak; marked too. */
  since?: string | null;
  height?: number;
  testId?: string;
  title: string;
}

/** A daily consumption curve (bars) against its weekday baseline (dashed line). */
export function PowerChart({ points, unit, unitLabel, date, since, height = 280, testId, title }: Props) {
  const { t, lang, formatNumber } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const option = useMemo<TrendOption>(() => {
    const days = points.map((p) => p.day);
    const marks = [date, ...(since && days.includes(since) ? [since] : [])].filter((d) => days.includes(d));
    return {
      animation: !reducedMotion(),
      textStyle: { fontFamily: FONT_FAMILY },
      grid: { left: 56, right: 16, top: 36, bottom: 28 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? `${formatNumber(Math.round(v))} ${unitLabel}` : ''),
      },
      xAxis: { type: 'category', data: days, axisLabel: { formatter: (d: string) => formatShortDay(d, lang) } },
      yAxis: { type: 'value', name: unitLabel, min: 0 },
      series: [
        {
          type: 'bar',
          name: t('economy.chart.actual'),
          data: points.map((p) => p.kwh / unit),
          itemStyle: { color: '#2f80c4' },
          barMaxWidth: 14,
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            lineStyle: { color: '#e0a100', type: 'dashed', width: 2 },
            data: marks.map((d) => ({ xAxis: d })),
          },
        },
        {
          type: 'line',
          name: t('economy.chart.baseline'),
          data: points.map((p) => (p.baseline === null ? null : p.baseline / unit)),
          itemStyle: { color: '#c0392b' },
          lineStyle: { width: 2, type: 'dashed' },
          symbol: 'none',
        },
      ],
    };
  }, [points, unit, unitLabel, date, since, t, lang, formatNumber]);
  useEChart(ref, option);
  return (
    <div ref={ref} className="power-chart" style={{ height }} role="img" aria-label={title} data-testid={testId} />
  );
}
