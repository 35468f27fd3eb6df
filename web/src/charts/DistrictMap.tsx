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
  /** Code of a district to open the map on (a district officer's jurisdiction), zoomed in. */
  focus?: string;
  testId?: string;
}

const codeOf = (geo: DistrictFeatureCollection, name: string | undefined): string | undefined =>
  geo.features.find((f) => f.properties.name === name)?.properties.code;

/**
 * The crowded city core: 晋安's seat lies beside 鼓楼, so the area labels of these districts piled up
 * and were hidden. Their names are drawn instead as labels at chosen points — 晋安 in its own
 * northern land, the others around the core — on the whole-city view.
 */
const CORE_LABELS: Array<{ code: string; at: [number, number]; position: 'left' | 'right' | 'bottom' | 'top' }> = [
  { code: '350111', at: [119.36, 26.25], position: 'top' },
  { code: '350102', at: [119.295, 26.085], position: 'left' },
  { code: '350103', at: [119.318, 26.055], position: 'right' },
  { code: '350104', at: [119.27, 26.035], position: 'bottom' },
  { code: '350105', at: [119.46, 26.0], position: 'top' },
];

/** [minLng, minLat, maxLng, maxLat] of GeoJSON geometries, or null when they hold no points. */
function extentOf(geometries: unknown[]): [number, number, number, number] | null {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
      return;
    }
    for (const x of c) walk(x);
  };
  for (const g of geometries) walk((g as { coordinates?: unknown })?.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}

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
  focus: focusCode,
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
      // Every district keeps its name: the four small urban districts (鼓楼, 台江, 仓山, 马尾)
      // sit under 晋安's label, so overlapping labels are not hidden but drawn small with a halo.
      label: { show: true, fontSize: 10, color: '#1b2a22', textBorderColor: '#fff', textBorderWidth: 2 },
      itemStyle: { borderColor: '#fff', borderWidth: 1, areaColor: '#e5e7eb' },
      emphasis: { label: { show: true, fontWeight: 'bold' as const }, itemStyle: { areaColor: '#fdd835' } },
      select: { disabled: true },
    };
    // The districts are always a geo component that the map series colours: points and the core's
    // labels stand on it.
    const withPoints = true;
    const coreLabels = !focusCode && !(points && selected);
    const cpOf = (code: string | undefined) => geo.features.find((f) => f.properties.code === code)?.properties.cp;
    const focus = points !== undefined ? cpOf(selected) : undefined;
    // A jurisdiction to open on: centred on its box and zoomed until it fills most of the map (the
    // whole city otherwise). 鼓楼 is a twentieth of the city's width, so a fixed zoom is not enough.
    const city = extentOf(geo.features.map((f) => f.geometry));
    const own = focusCode
      ? extentOf(geo.features.filter((f) => f.properties.code === focusCode).map((f) => f.geometry))
      : null;
    const zoomed =
      own && city
        ? {
            center: [(own[0] + own[2]) / 2, (own[1] + own[3]) / 2],
            zoom: Math.min(
              12,
              Math.max(
                1,
                0.7 * Math.min((city[2] - city[0]) / (own[2] - own[0]), (city[3] - city[1]) / (own[3] - own[1])),
              ),
            ),
          }
        : {};
    const series: MapOption['series'] = [
      withPoints
        ? { type: 'map', geoIndex: 0, name: label, data }
        : {
            type: 'map',
            map: 'fuzhou',
            name: label,
            data,
            ...LAYOUT,
            ...zoomed,
            ...areas,
            labelLayout: { hideOverlap: false },
            cursor: onSelect ? 'pointer' : 'default',
          },
    ];
    if (coreLabels) {
      const names = new Map(geo.features.map((f) => [f.properties.code, f.properties.name]));
      series.push({
        type: 'scatter',
        coordinateSystem: 'geo',
        geoIndex: 0,
        name: 'labels',
        data: CORE_LABELS.map((c) => ({
          name: names.get(c.code) ?? c.code,
          value: c.at,
          label: { position: c.position },
        })),
        symbolSize: 3,
        itemStyle: { color: '#1b2a22', opacity: 0.6 },
        label: {
          show: true,
          formatter: '{b}',
          fontSize: 10,
          color: '#1b2a22',
          textBorderColor: '#fff',
          textBorderWidth: 2,
        },
        silent: true,
        tooltip: { show: false },
        z: 4,
      });
    }
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
              ...(focus ? { center: focus, zoom: FOCUS_ZOOM } : zoomed),
              ...areas,
              ...(coreLabels
                ? {
                    regions: CORE_LABELS.map((c) => ({
                      name: geo.features.find((f) => f.properties.code === c.code)?.properties.name ?? c.code,
                      label: { show: false },
                    })),
                  }
                : {}),
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
  }, [geo, values, label, title, colors, selected, onSelect, points, onPoint, focusCode, t, formatNumber]);

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
    <div
      className="district-map"
      data-testid={testId ?? 'district-map'}
      data-focus={focusCode ?? ''}
      ref={ref}
      role="img"
      aria-label={title}
    />
  );
}
