import { useCallback, useMemo, useRef } from 'react';
import { useI18n } from '../i18n';
import { GREENS } from './colors';
import { FONT_FAMILY, reducedMotion } from './echarts';
import { type DistrictFeatureCollection, type MapOption, registerFuzhou } from './map';
import { useEChart } from './useEChart';

export interface DistrictValue {
  code: string;
  name: string;
  value: number;
}

interface Props {
  geo: DistrictFeatureCollection;
  values: DistrictValue[];
  /** What the value is (tooltip, series name). */
  label: string;
  /** Accessible name of the map. */
  title: string;
  /** Colour ramp from the lowest to the highest value. */
  colors?: string[];
  /** Code of a district to outline (the one selected elsewhere on the page). */
  selected?: string;
  onSelect?: (code: string) => void;
  testId?: string;
}

/** The 13 Fuzhou districts coloured by a value (choropleth); a click on a district calls onSelect with its code. */
export function DistrictMap({ geo, values, label, title, colors = GREENS, selected, onSelect, testId }: Props) {
  const { t, formatNumber } = useI18n();
  const ref = useRef<HTMLDivElement>(null);

  const option = useMemo<MapOption>(() => {
    // Join by code: the shape's own name labels the area (the API may spell a district differently).
    const shapeName = new Map(geo.features.map((f) => [f.properties.code, f.properties.name]));
    const data = values.map((d) => ({
      name: shapeName.get(d.code) ?? d.name,
      value: d.value,
      code: d.code,
      ...(d.code === selected ? { itemStyle: { borderColor: '#0f3d2e', borderWidth: 3 } } : {}),
    }));
    const max = Math.max(1, ...values.map((d) => d.value));
    return {
      animation: !reducedMotion(),
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
        inRange: { color: colors },
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
          cursor: onSelect ? 'pointer' : 'default',
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
  }, [geo, values, label, colors, selected, onSelect, t, formatNumber]);

  const register = useCallback(() => registerFuzhou(geo), [geo]);
  const onClick = useCallback(
    (params: unknown) => {
      const code = (params as { data?: { code?: string } }).data?.code;
      if (code) onSelect?.(code);
    },
    [onSelect],
  );
  useEChart(ref, option, { before: register, onClick });

  return (
    <div className="district-map" data-testid={testId ?? 'district-map'} ref={ref} role="img" aria-label={title} />
  );
}
