import { useState } from 'react';
import { query } from '../api';
import type { EventSummary, ExamManifest, ExamRoomLists, ExamSupplies } from '../api-types';
import { DownloadButton } from '../common/DownloadButton';
import { hrefQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import './exam-day.css';

const path = (e: EventSummary, rest: string) => `/api/v1/events/${encodeURIComponent(e.code)}/${rest}`;

/** Masks and lunches per site, from the candidates who sit at the instant the screen judges at. */
export function SuppliesCard({ event, at }: { event: EventSummary; at: string }) {
  const { t, formatNumber } = useI18n();
  const s = useApi<ExamSupplies>(path(event, `supplies${query({ at })}`));
  return (
    <div className="card" data-testid="exam-supplies">
      <h2>{t('events.supplies')}</h2>
      <p className="muted small">{t('events.suppliesNote')}</p>
      {s.error !== undefined && <ErrorBox error={s.error} onRetry={s.reload} />}
      {s.loading && !s.data && <Loading />}
      {s.data && (
        <div className="table-wrap exam-day-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('events.site')}</th>
                <th className="num">{t('events.class.regular')}</th>
                <th className="num">{t('events.class.special')}</th>
                <th className="num">{t('events.masks')}</th>
                <th className="num">{t('events.lunches')}</th>
              </tr>
            </thead>
            <tbody>
              <tr className="exam-day-total">
                <th>{t('events.total')}</th>
                <td className="num">{formatNumber(s.data.totals.regular)}</td>
                <td className="num">{formatNumber(s.data.totals.special)}</td>
                <td className="num" data-testid="exam-masks">
                  {formatNumber(s.data.totals.masks)}
                </td>
                <td className="num">{formatNumber(s.data.totals.lunches)}</td>
              </tr>
              {s.data.sites.map((x) => (
                <tr key={x.siteCode}>
                  <th>{x.siteName}</th>
                  <td className="num">{formatNumber(x.regular)}</td>
                  <td className="num">{formatNumber(x.special)}</td>
                  <td className="num">{formatNumber(x.masks)}</td>
                  <td className="num">{formatNumber(x.lunches)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Who sits in which room of one site as the last plan left it, and the printed lists and labels. */
export function RoomListsCard({ event }: { event: EventSummary }) {
  const { t, formatNumber } = useI18n();
  const [site, setSite] = useState('');
  // Without a site the answer is the first site's rooms and every site to choose from.
  const l = useApi<ExamRoomLists>(path(event, `room-lists${query({ site })}`));
  const chosen = site || l.data?.sites[0]?.code || '';
  return (
    <div className="card" data-testid="exam-room-lists">
      <div className="exam-day-head">
        <h2>{t('events.roomLists')}</h2>
        <select value={chosen} onChange={(e) => setSite(e.target.value)} data-testid="exam-site-select">
          {(l.data?.sites ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>
        <DownloadButton
          path={path(event, `room-lists.pdf${query({ site: chosen })}`)}
          fileName={`rooms-${event.code}-${chosen}.pdf`}
          busyLabel={t('events.pdfBusy')}
          testId="exam-rooms-pdf"
        >
          {t('events.roomListsPdf')}
        </DownloadButton>
        <DownloadButton
          path={path(event, `seat-labels.pdf${query({ site: chosen })}`)}
          fileName={`seats-${event.code}-${chosen}.pdf`}
          busyLabel={t('events.pdfBusy')}
          testId="exam-seats-pdf"
        >
          {t('events.seatLabelsPdf')}
        </DownloadButton>
      </div>
      {l.error !== undefined && <ErrorBox error={l.error} onRetry={l.reload} />}
      {l.loading && !l.data && <Loading />}
      <div className="exam-rooms">
        {l.data?.rooms.map((r) => (
          <section key={`${r.siteCode}/${r.roomNo}`} className={`exam-room${r.isolation ? ' isolation' : ''}`}>
            <h3>
              {t('events.room')} {r.roomNo}
              {r.isolation && <span className="badge badge-danger">{t('events.isolationRoom')}</span>}
              <span className="muted small">
                {t('events.seated')} {formatNumber(r.seats.length)}/{formatNumber(r.capacity)}
              </span>
            </h3>
            {r.seats.length === 0 ? (
              <p className="muted small">{t('events.emptyRoom')}</p>
            ) : (
              <ol className="exam-seats">
                {r.seats.map((s) => (
                  <li key={s.candidateNo}>
                    <span>{s.candidateNo}</span> <span>{s.nameMasked}</span>{' '}
                    {s.movedFrom && <em className="small">{t('events.movedFrom', { from: s.movedFrom })}</em>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}

/** The trips of a session as a list (plate, lane, site, riders), the drivers' PDF and their phone view. */
export function TripsCard({ event }: { event: EventSummary }) {
  const { t, formatNumber } = useI18n();
  const [session, setSession] = useState(1);
  const m = useApi<ExamManifest>(path(event, `sessions/${session}/trips`));
  return (
    <div className="card" data-testid="exam-trips">
      <div className="exam-day-head">
        <h2>{t('events.tripList')}</h2>
        <select value={session} onChange={(e) => setSession(Number(e.target.value))} data-testid="exam-session">
          {event.sessions.map((s, i) => (
            <option key={s.startsAt} value={i + 1}>
              {t('events.session', { n: i + 1 })} · {s.day}
            </option>
          ))}
        </select>
        <DownloadButton
          path={path(event, `sessions/${session}/trips.pdf`)}
          fileName={`trips-${event.code}-${session}.pdf`}
          busyLabel={t('events.pdfBusy')}
          testId="exam-trips-pdf"
        >
          {t('events.manifestPdf')}
        </DownloadButton>
        <a className="btn" href={hrefQuery(['events'], { code: event.code, view: 'trips', session })}>
          {t('events.driverView')}
        </a>
      </div>
      {m.error !== undefined && <ErrorBox error={m.error} onRetry={m.reload} />}
      {m.loading && !m.data && <Loading />}
      {m.data && m.data.trips.length === 0 && <p className="muted">{t('events.noTrips')}</p>}
      {m.data && m.data.trips.length > 0 && (
        <div className="table-wrap exam-day-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('events.plate')}</th>
                <th>{t('events.departs')}</th>
                <th>{t('events.lane')}</th>
                <th>{t('events.site')}</th>
                <th>{t('events.driver')}</th>
                <th>{t('events.riders')}</th>
              </tr>
            </thead>
            <tbody>
              {m.data.trips.map((trip) => (
                <tr key={`${trip.plate}-${trip.departsAt}`} className={`lane-${trip.lane}`}>
                  <td>{trip.plate}</td>
                  <td>{beijingTime(trip.departsAt)}</td>
                  <td>
                    <span className={`badge ${trip.lane === 'special' ? 'badge-danger' : ''}`}>
                      {t(`events.lane.${trip.lane}`)}
                    </span>
                  </td>
                  <td>{trip.siteName}</td>
                  <td>{trip.driverMasked}</td>
                  <td>
                    {formatNumber(trip.riders.length)}/{formatNumber(trip.seats)} ·{' '}
                    {trip.riders.map((r) => r.candidateNo).join('、')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** An instant as Beijing wall time HH:MM (the records' instants, not the browser's clock). */
export function beijingTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);
}
