import { useMemo, useRef, useState } from 'react';
import type { Venue, VenueStats } from '../api-types';
import { FONT_FAMILY } from '../charts/echarts';
import { TREND_READY, type TrendOption } from '../charts/trend';
import { useEChart } from '../charts/useEChart';
import { DownloadButton } from '../common/DownloadButton';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useDebounced } from '../common/useDebounced';
import { useI18n } from '../i18n';
import { reasonName } from './reasons';

void TREND_READY;

/** Scans per hour (the area's or one venue's), denials by reason, unusual and busiest venues; Excel export. */
export function VenueStatsView({ day }: { day: string }) {
  const { t, label, formatNumber } = useI18n();
  const [venue, setVenue] = useState('');
  const [find, setFind] = useState('');
  const needle = useDebounced(find.trim(), 300);
  // The picker offers the busiest 100 venues, or those matching the search: a city has 100,000.
  const pick = new URLSearchParams({ date: day, limit: '100' });
  if (needle) pick.set('q', needle);
  const list = useApi<{ items: Venue[]; total: number }>(`/api/v1/venues?${pick}`);
  const choices = (list.data?.items ?? []).filter((v) => v.scans > 0);
  const q = `date=${day}${venue ? `&venue=${encodeURIComponent(venue)}` : ''}`;
  const stats = useApi<VenueStats>(`/api/v1/venues/stats?${q}`);
  const chartRef = useRef<HTMLDivElement>(null);
  const reasonsRef = useRef<HTMLDivElement>(null);
  const d = stats.data;
  const hourOption = useMemo<TrendOption>(
    () => ({
      textStyle: { fontFamily: FONT_FAMILY },
      tooltip: { trigger: 'axis' },
      legend: { data: [t('venues.scans'), t('venues.denied')], top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: (d?.byHour ?? []).map((h) => h.hour) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('venues.scans'),
          type: 'bar',
          data: (d?.byHour ?? []).map((h) => h.scans),
          itemStyle: { color: '#31a354' },
        },
        {
          name: t('venues.denied'),
          type: 'line',
          data: (d?.byHour ?? []).map((h) => h.denied),
          itemStyle: { color: '#de2d26' },
          symbolSize: 6,
        },
      ],
    }),
    [d, t],
  );
  const reasonOption = useMemo<TrendOption>(
    () => ({
      textStyle: { fontFamily: FONT_FAMILY },
      tooltip: { trigger: 'axis' },
      grid: { left: 140, right: 24, top: 8, bottom: 24 },
      // The card is narrow: thousands ran into each other ("1,0001,500") with every tick labelled.
      xAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', inverse: true, data: (d?.byReason ?? []).map((r) => reasonName(label, r.code)) },
      series: [
        {
          name: t('venues.denied'),
          type: 'bar',
          data: (d?.byReason ?? []).map((r) => r.n),
          itemStyle: { color: '#fb6a4a' },
        },
      ],
    }),
    [d, t, label],
  );
  useEChart(chartRef, hourOption);
  useEChart(reasonsRef, reasonOption);

  return (
    <div className="venue-stats">
      <div className="filters">
        <input
          type="search"
          placeholder={t('venues.search')}
          aria-label={t('venues.search')}
          value={find}
          onChange={(e) => setFind(e.target.value)}
          data-testid="stats-venue-search"
        />
        <select value={venue} onChange={(e) => setVenue(e.target.value)} data-testid="stats-venue">
          <option value="">{t('venues.allVenues')}</option>
          {venue && !choices.some((v) => v.code === venue) ? <option value={venue}>{venue}</option> : null}
          {choices.map((v) => (
            <option key={v.code} value={v.code}>
              {v.name} ({v.scans})
            </option>
          ))}
        </select>
        <DownloadButton
          path={`/api/v1/venues/stats.xlsx?${q}`}
          fileName={`venue-stats-${day}.xlsx`}
          busyLabel={t('venues.downloading')}
          testId="stats-export"
        >
          {t('venues.export')}
        </DownloadButton>
      </div>
      {stats.error !== undefined && <ErrorBox error={stats.error} onRetry={stats.reload} />}
      {!d && !stats.error && <Loading />}
      {d && (
        <div className="venue-kpis">
          <div className="card">
            <div className="muted">{t('venues.total')}</div>
            <strong data-testid="stats-scans">{formatNumber(d.scans)}</strong>
          </div>
          <div className="card">
            <div className="muted">{t('venues.totalDenied')}</div>
            <strong>{formatNumber(d.denied)}</strong>
          </div>
          <div className="card">
            <div className="muted">{t('venues.rate')}</div>
            <strong>{(d.denialRate * 100).toFixed(1)}%</strong>
          </div>
        </div>
      )}
      <div className="venue-charts">
        <section className="card">
          <h2>{t('venues.byHour')}</h2>
          <div ref={chartRef} className="venue-chart" data-testid="stats-chart" />
        </section>
        <section className="card">
          <h2>{t('venues.byReason')}</h2>
          <div ref={reasonsRef} className="venue-chart" data-testid="stats-reasons" />
        </section>
      </div>
      {d && (
        <div className="venue-charts">
          <VenueTable
            title={t('venues.unusual')}
            rows={d.unusual}
            empty={t('venues.noUnusual')}
            testId="stats-unusual"
          />
          <VenueTable title={t('venues.busiest')} rows={d.busiest} empty="—" testId="stats-busiest" />
        </div>
      )}
    </div>
  );
}

function VenueTable({
  title,
  rows,
  empty,
  testId,
}: {
  title: string;
  rows: Array<Venue & { why?: 'many-denials' | 'few-denials'; expectedRate?: number }>;
  empty: string;
  testId: string;
}) {
  const { t, label, formatNumber } = useI18n();
  return (
    <section className="card" data-testid={testId}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('venues.name')}</th>
              <th className="num">{t('venues.scans')}</th>
              <th className="num">{t('venues.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={v.code}>
                <td>
                  {v.name}
                  {v.why && (
                    <div className="muted small">
                      {label('venues.why', v.why, { rate: `${((v.expectedRate ?? 0) * 100).toFixed(1)}%` })}
                    </div>
                  )}
                </td>
                <td className="num">{formatNumber(v.scans)}</td>
                <td className="num">{v.scans ? ((v.denied / v.scans) * 100).toFixed(1) : '0.0'}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
