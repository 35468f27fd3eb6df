import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../i18n';
import type { DistrictResidents } from '../types';
import { type DistrictFeatureCollection, echarts, FONT_FAMILY, type MapOption, registerFuzhou } from './echarts';

interface Props {
  geo: DistrictFeatureCollection;
  districts: DistrictResidents[];
}

const COLORS = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'];

export function DistrictMap({ geo, districts }: Props) {
  const { t, formatNumber } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const resize = () => chart.resize();
    const observer = new ResizeObserver(resize);
    observer.observe(el);
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  const option = useMemo<MapOption>(() => {
    // Join by code: the shape's own name labels the area (the API may spell a district differently).
    const shapeName = new Map(geo.features.map((f) => [f.properties.code, f.properties.name]));
    const data = districts.map((d) => ({ name: shapeName.get(d.code) ?? d.name, value: d.residents }));
    const max = Math.max(1, ...districts.map((d) => d.residents));
    const label = t('dashboard.residents');
    const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    return {
      animation: !reduceMotion,
      textStyle: { fontFamily: FONT_FAMILY },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const { name, value } = p as { name: string; value?: number };
          const v = typeof value === 'number' && Number.isFinite(value) ? formatNumber(value) : t('dashboard.noData');
          return `${name}<br/>${label}: <b>${v}</b>`;
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max,
        left: 8,
        bottom: 8,
        calculable: true,
        itemHeight: 100,
        formatter: (value: unknown) => formatNumber(Math.round(Number(value))),
        inRange: { color: COLORS },
        textStyle: { color: '#334' },
      },
      series: [
        {
          type: 'map',
          map: 'fuzhou',
          name: label,
          data,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          label: { show: true, fontSize: 11, color: '#1b2a22' },
          labelLayout: { hideOverlap: true },
          itemStyle: { borderColor: '#fff', borderWidth: 1, areaColor: '#e5e7eb' },
          emphasis: { label: { show: true, fontWeight: 'bold' }, itemStyle: { areaColor: '#fdd835' } },
          select: { disabled: true },
        },
      ],
      // narrow container (phone): legend goes horizontal under the map
      media: [
        {
          query: { maxWidth: 520 },
          option: {
            visualMap: { orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, itemWidth: 12 },
            series: [{ layoutCenter: ['50%', '44%'], layoutSize: '88%' }],
          },
        },
      ],
    };
  }, [geo, districts, t, formatNumber]);

  useEffect(() => {
    registerFuzhou(geo);
    chartRef.current?.setOption(option, { notMerge: true });
  }, [geo, option]);

  return (
    <div
      className="district-map"
      data-testid="district-map"
      ref={ref}
      role="img"
      aria-label={t('dashboard.mapTitle')}
    />
  );
}
