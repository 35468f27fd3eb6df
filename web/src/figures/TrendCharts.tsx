import { useCallback, useMemo, useRef } from 'react';
import type { Figures, Metric } from '../api-types';
import { FONT_FAMILY, reducedMotion } from '../charts/echarts';
import { TREND_READY, type TrendOption } from '../charts/trend';
import { useEChart } from '../charts/useEChart';
import { formatShortDay } from '../common/dates';
import { useI18n } from '../i18n';

interface Props {
  days: { date: string; figures: Figures }[];
  /** The day shown above the chart; marked with a line. */
  date: string;
  onPickDate: (date: string) => void;
}

const COLORS: Record<string, string> = {
  newLocalConfirmed: '#c0392b',
  newLocalAsymptomatic: '#f0a04b',
  localDischarged: '#1d6b50',
  localReleased: '#2f80c4',
  hospitalised: '#8e44ad',
  underObservation: '#16a085',
};

/** Legend names: the short headline labels where there are, else the metric's name. */
const SHORT: Partial<
  Record<
    Metric,
    | 'figures.card.newLocalConfirmed'
    | 'figures.card.newLocalAsymptomatic'
    | 'figures.card.localDischarged'
    | 'figures.card.localReleased'
  >
> = {
  newLocalConfirmed: 'figures.card.newLocalConfirmed',
  newLocalAsymptomatic: 'figures.card.newLocalAsymptomatic',
  localDischarged: 'figures.card.localDischarged',
  localReleased: 'figures.card.localReleased',
};

function useTrendOption(
  days: Props['days'],
  date: string,
  bars: Metric[],
  lines: Metric[],
  stackBars: boolean,
): TrendOption {
  const { t, lang, formatNumber } = useI18n();
  return useMemo<TrendOption>(() => {
    const dates = days.map((d) => d.date);
    const name = (m: Metric) => t(SHORT[m] ?? `metric.${m}`);
    const series: TrendOption['series'] = [
      ...bars.map((m, i) => ({
        type: 'bar' as const,
        name: name(m),
        stack: stackBars ? 'new' : undefined,
        data: days.map((d) => d.figures[m]),
        itemStyle: { color: COLORS[m] },
        barMaxWidth: 18,
        // the selected day is marked once, on the first series
        ...(i === 0 && dates.includes(date)
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                label: { show: false },
                lineStyle: { color: '#e0a100', type: 'dashed' as const, width: 2 },
                data: [{ xAxis: date }],
              },
            }
          : {}),
      })),
      ...lines.map((m, i) => ({
        type: 'line' as const,
        name: name(m),
        data: days.map((d) => d.figures[m]),
        itemStyle: { color: COLORS[m] },
        lineStyle: { width: 2 },
        symbolSize: 5,
        ...(bars.length === 0 && i === 0 && dates.includes(date)
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                label: { show: false },
                lineStyle: { color: '#e0a100', type: 'dashed' as const, width: 2 },
                data: [{ xAxis: date }],
              },
            }
          : {}),
      })),
    ];
    return {
      animation: !reducedMotion(),
      textStyle: { fontFamily: FONT_FAMILY },
      color: [...bars, ...lines].map((m) => COLORS[m] ?? '#555'),
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v) : String(v ?? '')),
      },
      legend: { top: 0, left: 0, type: 'scroll', itemWidth: 14, itemHeight: 10 },
      grid: { left: 4, right: 8, top: 36, bottom: 4 },
      xAxis: {
        type: 'category',
        data: dates,
        axisLabel: { formatter: (v: string) => formatShortDay(v, lang), hideOverlap: true },
        axisTick: { alignWithLabel: true },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      series,
    };
  }, [days, date, bars, lines, stackBars, t, lang, formatNumber]);
}

const NEW_BARS: Metric[] = ['newLocalConfirmed', 'newLocalAsymptomatic'];
const NEW_LINES: Metric[] = ['localDischarged', 'localReleased'];
const CURRENT_LINES: Metric[] = ['hospitalised', 'underObservation'];
const NONE: Metric[] = [];

/** Two charts over the series: new cases (stacked bars) with discharges, and the current load. Click a day to pick it. */
export function TrendCharts({ days, date, onPickDate }: Props) {
  void TREND_READY;
  const { t } = useI18n();
  const newRef = useRef<HTMLDivElement>(null);
  const currentRef = useRef<HTMLDivElement>(null);
  const newOption = useTrendOption(days, date, NEW_BARS, NEW_LINES, true);
  const currentOption = useTrendOption(days, date, NONE, CURRENT_LINES, false);
  const pick = useCallback(
    (index: number) => {
      const day = days[index];
      if (day) onPickDate(day.date);
    },
    [days, onPickDate],
  );
  useEChart(newRef, newOption, { onAxisClick: pick });
  useEChart(currentRef, currentOption, { onAxisClick: pick });

  return (
    <div className="trend-charts">
      <figure className="trend-figure">
        <figcaption>{t('figures.trend')}</figcaption>
        <div
          className="trend-chart"
          data-testid="trend-chart"
          ref={newRef}
          role="img"
          aria-label={t('figures.trend')}
        />
      </figure>
      <figure className="trend-figure">
        <figcaption>{t('figures.trendCurrent')}</figcaption>
        <div
          className="trend-chart"
          data-testid="trend-chart-current"
          ref={currentRef}
          role="img"
          aria-label={t('figures.trendCurrent')}
        />
      </figure>
    </div>
  );
}
