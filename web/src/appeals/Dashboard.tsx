import { lazy, Suspense, useMemo, useState } from 'react';
import { query } from '../api';
import type { Appeal, Dash } from '../api-types';
import { GREENS } from '../charts/colors';
import { useGeo } from '../charts/useGeo';
import { useBusinessToday } from '../common/clock';
import { shiftDay } from '../common/dates';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { AppealMini } from './AppealMini';

const Charts = import('./DashCharts');
const VolumeChart = lazy(() => Charts.then((m) => ({ default: m.VolumeChart })));
const BarsChart = lazy(() => Charts.then((m) => ({ default: m.BarsChart })));
const RateGauges = lazy(() => Charts.then((m) => ({ default: m.RateGauges })));
const DistrictMap = lazy(() => import('../charts/DistrictMap').then((m) => ({ default: m.DistrictMap })));

/** The appeals dashboard of a period: volume, the 12345 measures, districts, overdue and escalated appeals. */
export function AppealsDashboard() {
  const { t, label } = useI18n();
  // The week up to the business today, as the big screen's appeals tile counts it.
  const today = useBusinessToday();
  const [from, setFrom] = useState(() => shiftDay(today, -6));
  const [to, setTo] = useState(today);
  const d = useApi<Dash>(`/api/v1/appeals/dashboard${query({ from, to })}`);
  const volume = useApi<{ from: string; to: string; items: Array<{ day: string; channel: string; n: number }> }>(
    `/api/v1/appeals/dashboard/volume${query({ from, to })}`,
  );
  const { geo } = useGeo();
  const x = d.data;
  const rates = useMemo(
    () =>
      x
        ? [
            { key: 'sign', label: t('appeals.signOnTime'), value: x.rates.signOnTime },
            { key: 'close', label: t('appeals.closeOnTime'), value: x.rates.closeOnTime },
            { key: 'satisfaction', label: t('appeals.satisfaction'), value: x.rates.satisfaction },
            { key: 'reopen', label: t('appeals.reopenRate'), value: x.rates.reopen, bad: true },
          ]
        : [],
    [x, t],
  );
  if (d.error !== undefined) return <ErrorBox error={d.error} onRetry={d.reload} />;
  if (!x) return <Loading />;
  return (
    <div data-testid="appeals-dashboard" className="appeal-dash">
      <div className="appeal-toolbar">
        <label className="field-inline">
          <span>{t('appeals.from')}</span>
          <input type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </label>
        <label className="field-inline">
          <span>{t('appeals.to')}</span>
          <input
            type="date"
            value={to}
            min={from}
            max={today}
            onChange={(e) => e.target.value && setTo(e.target.value)}
          />
        </label>
      </div>
      <div className="appeal-kpis">
        <div>
          {t('appeals.total')}
          <strong data-testid="kpi-total">{x.total}</strong>
        </div>
        {['web', 'mobile', 'hotline'].map((c) => (
          <div key={c}>
            {label('appeals.channel', c)}
            <strong>{x.byChannel.find((r) => r.key === c)?.n ?? 0}</strong>
          </div>
        ))}
        <div>
          <a href="#/appeals?overdue=true">{t('appeals.overdue')}</a>
          <strong className={x.counts.overdue ? 'appeal-overdue' : ''}>{x.counts.overdue}</strong>
        </div>
        <div>
          <a href="#/appeals?escalated=true">{t('appeals.escalated')}</a>
          <strong className={x.counts.escalated ? 'appeal-overdue' : ''}>{x.counts.escalated}</strong>
        </div>
      </div>
      {x.whitelist && (
        <div className="appeal-kpis">
          <div className="appeal-kpi-title">
            <a href={`#/appeals/whitelist?date=${x.whitelist.day}`}>
              {t('appeals.whitelist')} · {x.whitelist.day}
            </a>
          </div>
          {(['normal', 'reduced', 'stopped', 'missing'] as const).map((p) => (
            <div key={p}>
              {label('appeals.production', p)}
              <strong className={p !== 'normal' && x.whitelist?.counts[p] ? `appeal-state-${p}` : ''}>
                {x.whitelist?.counts[p] ?? 0}
              </strong>
            </div>
          ))}
        </div>
      )}
      <Suspense fallback={<Loading />}>
        <section className="card appeal-card">
          <RateGauges rates={rates} />
        </section>
        <div className="appeal-grid">
          <section className="card appeal-card appeal-wide">
            <h3>{t('appeals.volumeByDay')}</h3>
            {volume.data ? <VolumeChart {...volume.data} /> : <Loading />}
          </section>
          <section className="card appeal-card">
            <h3>{t('appeals.byCategory')}</h3>
            <BarsChart
              label={t('appeals.byCategory')}
              testId="category-chart"
              rows={x.byCategory.map((r) => ({ label: label('appeals.cat', r.key), n: r.n }))}
            />
          </section>
          <section className="card appeal-card">
            <h3>{t('appeals.byDistrict')}</h3>
            {geo ? (
              <DistrictMap
                geo={geo}
                values={x.byDistrict.map((r) => ({ code: r.key, name: r.name, value: r.n }))}
                label={t('appeals.total')}
                title={t('appeals.byDistrict')}
                colors={GREENS}
                testId="district-map"
              />
            ) : (
              <BarsChart
                label={t('appeals.byDistrict')}
                testId="district-chart"
                rows={x.byDistrict.map((r) => ({ label: r.name, n: r.n }))}
              />
            )}
          </section>
        </div>
      </Suspense>
      <div className="appeal-grid">
        <AppealShortList
          title={t('appeals.overdueList')}
          filter={{ overdue: 'true', from, to }}
          testId="overdue-list"
        />
        <AppealShortList
          title={t('appeals.escalatedList')}
          filter={{ escalated: 'true', from, to }}
          testId="escalated-list"
        />
      </div>
    </div>
  );
}

function AppealShortList({ title, filter, testId }: { title: string; filter: Record<string, string>; testId: string }) {
  const { t } = useI18n();
  const list = useApi<{ total: number; totalCapped?: boolean; items: Appeal[] }>(
    `/api/v1/appeals${query({ ...filter, pageSize: 10 })}`,
  );
  return (
    <section className="card appeal-card" data-testid={testId}>
      <h3>
        {title}{' '}
        {list.data && (
          <span className="muted">
            ({list.data.total}
            {list.data.totalCapped ? '+' : ''})
          </span>
        )}{' '}
        <a className="appeal-more" href={`#/appeals?${Object.keys(filter)[0]}=true`}>
          {t('appeals.viewAll')} →
        </a>
      </h3>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.data && <AppealMini items={list.data.items} />}
    </section>
  );
}
