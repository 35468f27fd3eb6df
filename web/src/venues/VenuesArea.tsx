import type { User } from '../api-types';
import { DayNote } from '../common/DayNote';
import { formatDay } from '../common/dates';
import { href, useQuery } from '../common/router';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { VenueList } from './VenueList';
import { VenueStatsView } from './VenueStats';
import './venues.css';
import { useBusinessToday } from '../common/clock';

/** The venue registry (with posters, revocation and the day's scans) and the scan statistics, as tabs. */
export function VenuesArea({ user, page }: { user: User; page?: string }) {
  const { t, lang } = useI18n();
  const q = useQuery();
  const latest = useApi<{ date: string | null }>('/api/v1/venues/latest-day');
  // The screens open on the business today; the latest day with scans (never after today) is offered
  // when today has none yet.
  const today = useBusinessToday();
  const picked = /^\d{4}-\d{2}-\d{2}$/.test(q.date ?? '');
  const day = picked ? (q.date as string) : today;
  const lastScans = latest.data?.date ?? null;
  const active = page === 'stats' ? 'stats' : 'list';
  const link = (p: string, d?: string) => `${href('venues', p)}${d ? `?date=${d}` : ''}`;
  return (
    <div className="venues-area">
      <div className="venues-head">
        <h1>{t('venues.title')}</h1>
        <nav className="tabs" aria-label={t('venues.title')}>
          {(['list', 'stats'] as const).map((p) => (
            <a
              key={p}
              href={link(p, q.date)}
              className={p === active ? 'tab active' : 'tab'}
              aria-current={p === active ? 'page' : undefined}
              data-testid={`venues-tab-${p}`}
            >
              {t(p === 'list' ? 'venues.tabList' : 'venues.tabStats')}
            </a>
          ))}
        </nav>
        <label className="field-inline">
          {t('venues.day')}
          <input
            type="date"
            value={day ?? ''}
            data-testid="venues-day"
            onChange={(e) => {
              if (e.target.value) window.location.hash = link(active, e.target.value);
            }}
          />
        </label>
      </div>
      <DayNote shown={day} today={today} picked={picked} todayHref={link(active)} />
      {day === today && lastScans !== null && lastScans < today && (
        <p className="day-note muted small" data-testid="venues-no-scans-today">
          {t('venues.noScansToday', { today: formatDay(today, lang), last: formatDay(lastScans, lang) })}{' '}
          <a href={link(active, lastScans)}>{t('venues.openLastScans', { last: formatDay(lastScans, lang) })}</a>
        </p>
      )}
      {active === 'stats' ? <VenueStatsView day={day} /> : <VenueList user={user} day={day} />}
    </div>
  );
}
