import { type RefObject, useEffect, useRef } from 'react';
import { type EChart, echarts } from './echarts';

type Option = Parameters<EChart['setOption']>[0];

/**
 * An ECharts instance on the element behind `ref`: created once, resized with its box, disposed on unmount;
 * `option` replaces the chart's option whenever it changes (after `before`, e.g. registering a map).
 * `onClick` gets the clicked item's parameters; `onAxisClick` the index on the category axis of any click in the grid.
 */
export function useEChart(
  ref: RefObject<HTMLDivElement | null>,
  option: Option,
  opts: { before?: () => void; onClick?: (params: unknown) => void; onAxisClick?: (index: number) => void } = {},
): void {
  const chartRef = useRef<EChart | null>(null);
  const clickRef = useRef(opts.onClick);
  clickRef.current = opts.onClick;
  const axisClickRef = useRef(opts.onAxisClick);
  axisClickRef.current = opts.onAxisClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (params: unknown) => clickRef.current?.(params));
    chart.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
      const fn = axisClickRef.current;
      const point = [e.offsetX, e.offsetY];
      if (!fn || !chart.containPixel({ gridIndex: 0 }, point)) return;
      const [x] = chart.convertFromPixel({ gridIndex: 0 }, point) as number[];
      if (typeof x === 'number' && Number.isFinite(x)) fn(Math.round(x));
    });
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
  }, [ref]);

  const { before } = opts;
  useEffect(() => {
    before?.();
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option, before]);
}
