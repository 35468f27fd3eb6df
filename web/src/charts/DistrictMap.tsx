import { useCallback, useMemo, useRef } from 'react';
import { useI18n } from '../i18n';
import { GREENS } from './colors';
import { FONT_FAMILY, reducedMotion } from './echarts';
import { type DistrictFeatureCollection, escapeHtml, type MapOption, registerFuzhou } from './map';
import { useEChart } from './useEChart';

export interface DistrictValue {
  code: string;
  name: string;
  value: number;
}

/** A place drawn on top of the districts (e.g. a risk zone), with its own colour and tooltip lines. */
export interface MapPoint {
  id: string;
  /** [lng, lat] */
  coord: [number, number];
  color: string;
  /** Tooltip lines, plain text (escaped here); the first is shown bold. */
  lines: string[];
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
  /** Points drawn over the districts; a click on one calls onPoint with its id. */
  points?: MapPoint[];
  onPoint?: (id: string) => void;
  testId?: string;
}

const codeOf = (geo: DistrictFeatureCollection, name: string | undefined): string | undefined =>
  geo.features.find((f) => f.properties.name === name)?.properties.code;

/** How close the map comes to a selected district when it shows points. */
const FOCUS_ZOOM = 2.5;

const LAYOUT = { layoutCenter: ['50%', '50%'], layoutSize: '95%' };
const LAYOUT_PHONE = { layoutCenter: ['50%', '44%'], layoutSize: '88%' };

/**
 * The 13 Fuzhou districts coloured by a value (choropleth); a click on a district calls onSelect with its code.
 * With `points`, the districts become a geo component that the map series colours and the points stand on,
 * and the map zooms to the selected district.
 */
export function DistrictMap({
  geo,
  values,
  label,
  title,
  colors = GREENS,
  selected,
  onSelect,
  points,
  onPoint,
  testId,
}: Props) {
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
    const areas = {
      label: { show: true, fontSize: 11, color: '#1b2a22' },
      itemStyle: { borderColor: '#fff', borderWidth: 1, areaColor: '#e5e7eb' },
      emphasis: { label: { show: true, fontWeight: 'bold' as const }, itemStyle: { areaColor: '#fdd835' } },
      select: { disabled: true },
    };
    const withPoints = points !== undefined;
    const focus = withPoints ? geo.features.find((f) => f.properties.code === selected)?.properties.cp : undefined;
    const series: MapOption['series'] = [
      withPoints
        ? { type: 'map', geoIndex: 0, name: label, data }
        : {
            type: 'map',
            map: 'fuzhou',
            name: label,
            data,
            ...LAYOUT,
            ...areas,
            labelLayout: { hideOverlap: true },
            cursor: onSelect ? 'pointer' : 'default',
          },
    ];
    if (points) {
      series.push({
        type: 'scatter',
        coordinateSystem: 'geo',
        geoIndex: 0,
        name: title,
        data: points.map((p) => ({ value: p.coord, id: p.id, lines: p.lines, itemStyle: { color: p.color } })),
        symbolSize: 8,
        itemStyle: { borderColor: '#fff', borderWidth: 1, opacity: 0.9 },
        emphasis: { scale: 1.8 },
        cursor: onPoint ? 'pointer' : 'default',
        z: 3,
      });
    }
    return {
      animation: !reducedMotion(),
      textStyle: { fontFamily: FONT_FAMILY },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const {
            name,
            value,
            seriesType,
            data: d,
          } = p as {
            name: string;
            value?: unknown;
            seriesType?: string;
            data?: { lines?: string[] };
          };
          if (seriesType === 'scatter') {
            const [first = '', ...rest] = (d?.lines ?? []).map(escapeHtml);
            return [`<b>${first}</b>`, ...rest].join('<br/>');
          }
          const v = typeof value === 'number' && Number.isFinite(value) ? formatNumber(value) : t('dashboard.noData');
          return `${escapeHtml(name)}<br/>${escapeHtml(label)}: <b>${v}</b>`;
        },
      },
      ...(withPoints
        ? {
            geo: {
              map: 'fuzhou',
              ...LAYOUT,
              // a selected district is brought close so that its points spread out
              ...(focus ? { center: focus, zoom: FOCUS_ZOOM } : {}),
              ...areas,
              roam: false,
              silent: !onSelect,
              tooltip: { show: false },
            },
          }
        : {}),
      visualMap: {
        type: 'continuous',
        min: 0,
        max,
        left: 8,
        bottom: 8,
        calculable: true,
        itemHeight: 100,
        // with points the districts are a backdrop: the points are what the map is read for
        seriesIndex: 0,
        formatter: (value: unknown) => formatNumber(Math.round(Number(value))),
        inRange: { color: colors },
        textStyle: { color: '#334' },
      },
      series,
      // narrow container (phone): legend goes horizontal under the map
      media: [
        {
          query: { maxWidth: 520 },
          option: {
            visualMap: { orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, itemWidth: 12 },
            ...(withPoints ? { geo: LAYOUT_PHONE } : { series: [LAYOUT_PHONE] }),
          },
        },
      ],
    };
  }, [geo, values, label, title, colors, selected, onSelect, points, onPoint, t, formatNumber]);

  const register = useCallback(() => registerFuzhou(geo), [geo]);
  const onClick = useCallback(
    (params: unknown) => {
      const { componentType, seriesType, name, data } = params as {
        componentType?: string;
        seriesType?: string;
        name?: string;
        data?: { code?: string; id?: string };
      };
      if (seriesType === 'scatter') {
        if (data?.id) onPoint?.(data.id);
        return;
      }
      // a click on the geo component names the shape only
      const code = data?.code ?? (componentType === 'geo' ? codeOf(geo, name) : undefined);
      if (code) onSelect?.(code);
    },
    [geo, onSelect, onPoint],
  );
  useEChart(ref, option, { before: register, onClick });

  return (
    <div className="district-map" data-testid={testId ?? 'district-map'} ref={ref} role="img" aria-label={title} />
  );
}
