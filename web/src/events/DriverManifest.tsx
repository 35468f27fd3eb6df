import type { EventSummary, ExamManifest } from '../api-types';
import { DownloadButton } from '../common/DownloadButton';
import { hrefQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { beijingTime } from './ExamDay';

/**
 * The drivers' manifest on a phone: one card per trip (plate, departure, lane, site, driver), the
 * riders with their masked names and pickups, in the order of the PDF the office prints.
 */
export function DriverManifest({ event, session }: { event: EventSummary; session: number }) {
  const { t } = useI18n();
  const base = `/api/v1/events/${encodeURIComponent(event.code)}/sessions/${session}`;
  const m = useApi<ExamManifest>(`${base}/trips`);
  return (
    <section className="page exam-driver" data-testid="exam-driver">
      <a className="small" href={hrefQuery(['events'], { code: event.code })}>
        ← {t('events.back')}
      </a>
      <h1>
        {t('events.tripList')} · {t('events.session', { n: session })}
      </h1>
      <div className="exam-driver-sessions">
        {event.sessions.map((s, i) => (
          <a
            key={s.startsAt}
            className={`btn btn-small${i + 1 === session ? ' btn-primary' : ''}`}
            href={hrefQuery(['events'], { code: event.code, view: 'trips', session: i + 1 })}
          >
            {s.day.slice(5)} {beijingTime(s.startsAt)}
          </a>
        ))}
      </div>
      <DownloadButton
        path={`${base}/trips.pdf`}
        fileName={`trips-${event.code}-${session}.pdf`}
        busyLabel={t('events.pdfBusy')}
      >
        {t('events.manifestPdf')}
      </DownloadButton>
      {m.error !== undefined && <ErrorBox error={m.error} onRetry={m.reload} />}
      {m.loading && !m.data && <Loading />}
      {m.data && m.data.trips.length === 0 && <p className="muted">{t('events.noTrips')}</p>}
      {m.data?.trips.map((trip) => (
        <article key={`${trip.plate}-${trip.departsAt}`} className={`card exam-trip lane-${trip.lane}`}>
          <header>
            <strong className="exam-trip-plate">{trip.plate}</strong>
            <span className="exam-trip-time">
              {t('events.departs')} {beijingTime(trip.departsAt)}
            </span>
          </header>
          <div className="exam-trip-lane">{t(`events.lane.${trip.lane}`)}</div>
          <div>
            → {trip.siteName} <span className="muted small">{trip.siteCode}</span>
          </div>
          <div className="muted small">
            {t('events.driver')} {trip.driverMasked} {trip.driverPhoneMasked ?? ''} · {trip.riders.length}/{trip.seats}
          </div>
          <ol className="exam-trip-riders">
            {trip.riders.map((r) => (
              <li key={r.candidateNo}>
                <span>
                  {r.candidateNo} {r.nameMasked}
                </span>
                <span className="muted small">{r.pickupMasked ?? ''}</span>
              </li>
            ))}
          </ol>
        </article>
      ))}
    </section>
  );
}
