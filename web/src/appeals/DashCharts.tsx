import { GaugeChart, type GaugeSeriesOption } from 'echarts/charts';
import { useMemo, useRef } from 'react';
import { echarts, FONT_FAMILY, reducedMotion } from '../charts/echarts';
import { TREND_READY, type TrendOption } from '../charts/trend';
import { useEChart } from '../charts/useEChart';
import { formatShortDay } from '../common/dates';
import { useI18n } from '../i18n';

echarts.use([GaugeChart]);
type GaugeOption = echarts.ComposeOption<GaugeSeriesOption>;

/** Channel colours, the same on every appeals chart. */
export const CHANNEL_COLORS: Record<string, string> = { web: '#1d6b50', mobile: '#2f80c4', hotline: '#e0a100' };
const CHANNELS = ['web', 'mobile', 'hotline'];

/** Appeals per day, one stacked bar per day with a segment per channel. */
export function VolumeChart({
  from,
  to,
  items,
}: {
  from: string;
  to: string;
  items: Array<{ day: string; channel: string; n: number }>;
}) {
  void TREND_READY;
  const { t, label, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const option = useMemo<TrendOption>(() => {
    const days: string[] = [];
    for (
      let d = Date.parse(`${from}T00:00:00Z`);
      d <= Date.parse(`${to}T00:00:00Z`) && days.length < 370;
      d += 86_400_000
    )
      days.push(new Date(d).toISOString().slice(0, 10));
    const n = (day: string, ch: string) => items.find((i) => i.day === day && i.channel === ch)?.n ?? 0;
    return {
      animation: !reducedMotion(),
      textStyle: { fontFamily: FONT_FAMILY },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 4, right: 8, top: 32, bottom: 4, containLabel: true },
      xAxis: {
        type: 'category',
        data: days,
        axisLabel: { formatter: (v: string) => formatShortDay(v, lang), hideOverlap: true },
        axisTick: { alignWithLabel: true },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: CHANNELS.map((ch) => ({
        type: 'bar' as const,
        name: label('appeals.channel', ch),
        stack: 'channel',
        barMaxWidth: 36,
        itemStyle: { color: CHANNEL_COLORS[ch] },
        data: days.map((d) => n(d, ch)),
      })),
    };
  }, [from, to, items, label, lang]);
  useEChart(ref, option);
  return (
    <div
      className="appeal-chart"
      ref={ref}
      role="img"
      aria-label={t('appeals.volumeByDay')}
      data-testid="volume-chart"
    />
  );
}

/** Horizontal bars, largest first (appeals by category). */
export function BarsChart({
  rows,
  label,
  testId,
}: {
  rows: Array<{ label: string; n: number }>;
  label: string;
  testId: string;
}) {
  void TREND_READY;
  const ref = useRef<HTMLDivElement>(null);
  const option = useMemo<TrendOption>(() => {
    const sorted = [...rows].sort((a, b) => a.n - b.n);
    return {
      animation: !reducedMotion(),
      textStyle: { fontFamily: FONT_FAMILY },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 4, right: 36, top: 4, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: sorted.map((r) => r.label), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: label,
          data: sorted.map((r) => r.n),
          barMaxWidth: 16,
          itemStyle: { color: '#1d6b50' },
          label: { show: true, position: 'right', color: '#5f6f67' },
        },
      ],
    };
  }, [rows, label]);
  useEChart(ref, option);
  return <div className="appeal-chart" ref={ref} role="img" aria-label={label} data-testid={testId} />;
}

/** One gauge per 12345 measure (percent); a missing measure (nothing to count yet) shows a dash. */
export function RateGauges({
  rates,
}: {
  rates: Array<{ key: string; label: string; value: number | null; bad?: boolean }>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const option = useMemo<GaugeOption>(
    () => ({
      animation: !reducedMotion(),
      textStyle: { fontFamily: FONT_FAMILY },
      series: rates.map((r, i) => ({
        type: 'gauge' as const,
        name: r.label,
        center: [`${12.5 + i * 25}%`, '58%'],
        radius: '80%',
        startAngle: 210,
        endAngle: -30,
        min: 0,
        max: 100,
        progress: { show: true, width: 10, itemStyle: { color: r.bad ? '#b42318' : '#1d6b50' } },
        axisLine: { lineStyle: { width: 10, color: [[1, '#e6ebe8']] } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        title: { show: true, offsetCenter: [0, '72%'], fontSize: 13, color: '#5f6f67' },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '0%'],
          fontSize: 22,
          fontWeight: 700,
          color: '#1b2a22',
          formatter: () => (r.value === null ? '—' : `${r.value}%`),
        },
        data: [{ value: r.value ?? 0, name: r.label }],
      })),
    }),
    [rates],
  );
  useEChart(ref, option as TrendOption);
  return (
    <div
      className="appeal-gauges"
      ref={ref}
      role="img"
      aria-label={rates.map((r) => `${r.label} ${r.value ?? '—'}%`).join('; ')}
      data-testid="rate-gauges"
    />
  );
}
