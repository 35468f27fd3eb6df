import { useState } from 'react';
import type { CourierBatch, CourierTallies, CourierVolumes, Outlet, User, WorkerCheck } from '../api-types';
import { DownloadButton } from '../common/DownloadButton';
import { useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { CourierActions, type FormKind } from './CourierForms';
import { BatchesTab, CheckTab, InspectionsTab, OutletsTab } from './CourierTabs';
import { ReliefTab, VolumesTab } from './FlowTabs';
import { MyOutlet } from './MyOutlet';
import './courier.css';

const TABS = ['outlets', 'check', 'batches', 'inspections', 'volumes', 'relief'] as const;
type Tab = (typeof TABS)[number];
// The records the regulator enters on each tab (the API and CLI take the same).
const WRITES: Record<Tab, FormKind[]> = {
  outlets: ['disinfection'],
  check: [],
  batches: ['batch', 'disinfection'],
  inspections: ['inspection', 'summons'],
  volumes: ['point'],
  relief: ['relief'],
};

/** 寄递监管: the postal regulator's screen; an outlet manager sees their own outlet only. */
export function Courier({ user }: { user: User }) {
  const { t } = useI18n();
  const q = useQuery();
  // Bumped after a save: the tab and the headline are drawn anew and ask again.
  const [rev, setRev] = useState(0);
  if (user.role === 'outlet-manager') return <MyOutlet />;
  const tab: Tab = TABS.includes(q.tab as Tab) ? (q.tab as Tab) : 'outlets';
  const canWrite = user.permissions.includes('courier:write');
  const done = () => setRev((n) => n + 1);
  return (
    <section className="page courier-page">
      <header className="page-header">
        <h1>{t('courier.title')}</h1>
        <DownloadButton
          path="/api/v1/courier/export.xlsx"
          fileName="courier.xlsx"
          busyLabel={t('courier.exporting')}
          testId="courier-export"
        >
          {t('courier.export')}
        </DownloadButton>
      </header>
      <p className="muted">{t('courier.intro')}</p>
      <Headline key={`h${rev}`} />
      <nav className="tabs" aria-label={t('courier.title')}>
        {TABS.map((id) => (
          <a
            key={id}
            href={`#/courier?tab=${id}`}
            className={id === tab ? 'tab active' : 'tab'}
            aria-current={id === tab ? 'page' : undefined}
            data-testid={`courier-tab-${id}`}
          >
            {t(`courier.tab.${id}`)}
          </a>
        ))}
      </nav>
      {canWrite && WRITES[tab].length > 0 && <CourierActions kinds={WRITES[tab]} onDone={done} />}
      <div key={rev}>
        {tab === 'outlets' && <OutletsTab status={q.status} />}
        {tab === 'check' && <CheckTab />}
        {tab === 'batches' && <BatchesTab canRelease={canWrite} />}
        {tab === 'inspections' && <InspectionsTab since={q.since} to={q.to} />}
        {tab === 'volumes' && <VolumesTab from={q.from} to={q.to} canWrite={canWrite} />}
        {tab === 'relief' && <ReliefTab to={q.to} />}
      </div>
    </section>
  );
}

/** The figures the briefing quotes, each linking to its tab. */
function Headline() {
  const { t, lang } = useI18n();
  const outlets = useApi<{ open: number; staff: number; items: Outlet[] }>('/api/v1/courier/outlets?status=open');
  const vol = useApi<CourierVolumes>('/api/v1/courier/volumes');
  const check = useApi<WorkerCheck>('/api/v1/courier/worker-check?flaggedOnly=true');
  const insp = useApi<{ tallies: CourierTallies }>('/api/v1/courier/inspections');
  const batches = useApi<{ held: number; items: CourierBatch[] }>('/api/v1/courier/batches');
  const relief = useApi<{ trips: number; persons: number; tonnes: number }>('/api/v1/courier/relief');
  const error = outlets.error ?? vol.error ?? check.error ?? insp.error ?? batches.error ?? relief.error;
  if (error) return <ErrorBox error={error} />;
  if (!outlets.data || !vol.data || !check.data || !insp.data || !batches.data || !relief.data) return <Loading />;
  const n = (v: number) => v.toLocaleString(lang);
  const tl = insp.data.tallies;
  const figures: Array<[string, number, string]> = [
    [t('courier.kpi.open'), outlets.data.open, 'outlets&status=open'],
    [t('courier.kpi.couriers'), outlets.data.staff, 'outlets&status=open'],
    [t('courier.kpi.collected'), vol.data.avgCollected, 'volumes'],
    [t('courier.kpi.delivered'), vol.data.avgDelivered, 'volumes'],
    [t('courier.kpi.flagged'), check.data.flagged, 'check'],
    [t('courier.kpi.held'), batches.data.held, 'batches'],
    [t('courier.kpi.personTimes'), tl.personTimes, 'inspections'],
    [t('courier.kpi.inspected'), tl.outlets, 'inspections'],
    [t('courier.kpi.rectified'), tl.rectified, 'inspections'],
    [t('courier.kpi.summoned'), tl.summoned, 'inspections'],
    [t('courier.kpi.trips'), relief.data.trips, 'relief'],
    [t('courier.kpi.persons'), relief.data.persons, 'relief'],
    [t('courier.kpi.tonnes'), relief.data.tonnes, 'relief'],
  ];
  return (
    <div className="courier-kpis" data-testid="courier-kpis">
      {figures.map(([label, value, tab]) => (
        <a key={label} className="card courier-kpi" href={`#/courier?tab=${tab}`}>
          <span className="kpi-label">{label}</span>
          <strong className="kpi-value">{n(value)}</strong>
        </a>
      ))}
      <p className="muted courier-kpi-note">
        {t('courier.since', { from: vol.data.from, to: vol.data.to })} · {t('courier.kpi.personTimes')}{' '}
        {t('courier.since', { from: tl.since, to: tl.to })}
      </p>
    </div>
  );
}
