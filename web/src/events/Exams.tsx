import { useState } from 'react';
import { api, query } from '../api';
import type { EventList, EventSummary, ExamClassification, RoomPlan, User } from '../api-types';
import { DownloadButton } from '../common/DownloadButton';
import { Pager } from '../common/Pager';
import { navigateQuery, useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { DriverManifest } from './DriverManifest';
import { RoomListsCard, SuppliesCard, TripsCard } from './ExamDay';
import { RosterUpload } from './RosterUpload';
import './events.css';

const CLASSES = ['special', 'barred', 'regular'] as const;
type Cls = (typeof CLASSES)[number];

/** An hour before the first session: the morning check the exam office runs (from the records, not the browser's clock). */
function morningOf(e: EventSummary): string {
  const first = e.sessions[0]?.startsAt;
  if (!first) return '';
  return new Date(Date.parse(first) - 3600_000).toISOString();
}

/** 考务防疫: an exam's figures, its candidates by class with the rule behind each, the room plan and the export. */
export function Exams({ user }: { user: User }) {
  const { t, lang, label, formatNumber } = useI18n();
  const q = useQuery();
  const list = useApi<EventList>('/api/v1/events');
  const event = list.data?.items.find((e) => e.code === q.code) ?? list.data?.items[0];
  const at = q.at || (event ? morningOf(event) : '');
  const [cls, setCls] = useState<Cls>('special');
  const [page, setPage] = useState(1);
  const path =
    event && q.view !== 'trips'
      ? `/api/v1/events/${encodeURIComponent(event.code)}/classification${query({ at, class: cls, page, pageSize: 50 })}`
      : null;
  const judged = useApi<ExamClassification>(path);
  const [plan, setPlan] = useState<RoomPlan>();
  const preview = useSubmit(async () => {
    if (!event) return;
    setPlan(
      await api<RoomPlan>(`/api/v1/events/${encodeURIComponent(event.code)}/plan${query({ at, dryRun: 'true' })}`, {
        method: 'POST',
      }),
    );
  });

  if (list.error !== undefined) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (list.loading && !list.data) return <Loading />;
  if (event && q.view === 'trips') return <DriverManifest event={event} session={Number(q.session) || 1} />;
  if (!event)
    return (
      <section className="page">
        <h1>{t('events.title')}</h1>
        <p className="muted">{t('events.none')}</p>
      </section>
    );
  const figures: Array<[string, number]> = [
    [t('events.rooms'), event.rooms],
    [t('events.candidates'), event.candidates],
    [t('events.sites'), event.sites],
    [t('events.newSites'), event.newSites],
    [t('events.isolationRooms'), event.isolationRooms],
    [t('events.isolationSeats'), event.isolationSeats],
    [t('events.shuttles'), event.shuttleRequests],
    [t('events.trips'), event.shuttleTrips],
  ];
  const c = judged.data;
  return (
    <section className="page exams" data-testid="exams">
      <header className="page-header">
        <h1>
          {t('events.title')} · {event.name}
        </h1>
        <label className="exams-at">
          {t('events.at')}{' '}
          <input
            type="datetime-local"
            value={at ? new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 16) : ''}
            onChange={(e) => {
              setPage(1);
              navigateQuery(['events'], { code: event.code, at: `${e.target.value}:00+08:00` });
            }}
          />
        </label>
        <DownloadButton
          path={`/api/v1/events/${encodeURIComponent(event.code)}/export.xlsx${query({ at })}`}
          fileName={`exam-${event.code}.xlsx`}
          busyLabel={t('events.exporting')}
          testId="exam-export"
        >
          {t('events.export')}
        </DownloadButton>
      </header>
      <div className="exams-figures">
        {figures.map(([label, n]) => (
          <div className="card exams-kpi" key={label}>
            <span className="kpi-label">{label}</span>
            <strong className="kpi-value">{formatNumber(n)}</strong>
          </div>
        ))}
      </div>
      <div className="exams-grid">
        <div className="card">
          <h2>{t('events.newByCounty')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th>{t('events.county')}</th>
                <th className="num">{t('events.newSites')}</th>
              </tr>
            </thead>
            <tbody>
              {event.newSitesByDistrict.map((d) => (
                <tr key={d.code}>
                  <th>{d.name}</th>
                  <td className="num">{formatNumber(d.sites)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="card">
          <h2>{t('events.classes')}</h2>
          {judged.error !== undefined && <ErrorBox error={judged.error} onRetry={judged.reload} />}
          {c && (
            <>
              <p className="muted">{t('events.policy', { id: c.policy.id })}</p>
              <div className="exams-classes" role="tablist">
                {CLASSES.map((k) => (
                  <button
                    type="button"
                    key={k}
                    role="tab"
                    aria-selected={k === cls}
                    className={`btn${k === cls ? ' btn-primary' : ''}`}
                    data-testid={`exam-class-${k}`}
                    onClick={() => {
                      setCls(k);
                      setPage(1);
                    }}
                  >
                    {t(`events.class.${k}`)} {formatNumber(c.counts[k])}
                  </button>
                ))}
              </div>
              <ul className="exams-reasons">
                {c.byReason.map((r) => (
                  <li key={r.reason} title={r.reason}>
                    {label('events.reason', r.reason)} {formatNumber(r.n)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
      <div className="card">
        <h2>{t('events.list')}</h2>
        {judged.loading && <Loading />}
        {c && (
          <>
            <div className="table-wrap">
              <table className="table" data-testid="exam-candidates">
                <thead>
                  <tr>
                    <th>{t('events.no')}</th>
                    <th>{t('events.name')}</th>
                    <th>{t('events.idNumber')}</th>
                    <th>{t('events.site')}</th>
                    <th>{t('events.room')}</th>
                    <th>{t('events.reason')}</th>
                    <th>{t('events.rule')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.items.map((i) => (
                    <tr key={i.candidateNo}>
                      <td>{i.candidateNo}</td>
                      <td>{i.nameMasked}</td>
                      <td>{i.idNumberMasked}</td>
                      <td>{i.siteCode}</td>
                      <td>{i.roomNo}</td>
                      <td className="wrap">{lang === 'en' ? i.text.en : i.text['zh-CN']}</td>
                      <td title={i.rule} data-testid="exam-rule">
                        {label('events.reason', i.rule.slice(i.rule.lastIndexOf(':') + 1))}
                        {/* The version that decided it stays on screen, not only in the tooltip. */}
                        <div className="muted">{i.rule.slice(0, i.rule.indexOf(':'))}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={page} pageSize={50} total={c.total} onPage={setPage} />
          </>
        )}
      </div>
      <div className="card">
        <h2>{t('events.plan')}</h2>
        <button
          type="button"
          className="btn"
          onClick={() => void preview.run()}
          disabled={preview.busy}
          data-testid="exam-plan"
        >
          {preview.busy ? t('events.planBusy') : t('events.planPreview')}
        </button>
        {preview.error !== undefined && <ErrorBox error={preview.error} />}
        {plan && (
          <>
            <p data-testid="exam-plan-summary">
              {t('events.moved', {
                n: formatNumber(plan.moved),
                nearby: formatNumber(plan.movedNearby),
                barred: formatNumber(plan.counts.barred),
              })}
            </p>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('events.no')}</th>
                    <th>{t('events.from')}</th>
                    <th>{t('events.to')}</th>
                    <th>{t('events.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.moves.slice(0, 50).map((m) => (
                    <tr key={m.candidateNo}>
                      <td>{m.candidateNo}</td>
                      <td>
                        {m.from.siteCode}/{m.from.roomNo}
                      </td>
                      <td>{m.to ? `${m.to.siteCode}/${m.to.roomNo}` : '—'}</td>
                      <td>{lang === 'en' ? m.reason.en : m.reason['zh-CN']}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
      <div className="exams-grid">
        <SuppliesCard event={event} at={at} />
        <TripsCard event={event} />
      </div>
      <RoomListsCard event={event} />
      {can(user, 'events:write') && (
        <RosterUpload
          event={event.code}
          onDone={() => {
            list.reload();
            judged.reload();
          }}
        />
      )}
    </section>
  );
}
