import type { User } from '../api-types';
import { DayNote } from '../common/DayNote';
import { href, useQuery } from '../common/router';
import { Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { VenueList } from './VenueList';
import { VenueStatsView } from './VenueStats';
import './venues.css';
import { useBusinessToday } from '../common/clock';

/** The venue registry (with posters, revocation and the day's scans) and the scan statistics, as tabs. */
export function VenuesArea({ user, page }: { user: User; page?: string }) {
  const { t } = useI18n();
  const q = useQuery();
  const latest = useApi<{ date: string | null }>('/api/v1/venues/latest-day');
  // The screens open on the latest day with scans up to the business today (the server never offers
  // a later one), and say so when that is not today.
  const today = useBusinessToday();
  const picked = /^\d{4}-\d{2}-\d{2}$/.test(q.date ?? '');
  const day = picked ? (q.date as string) : (latest.data?.date ?? (latest.loading ? undefined : today));
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
      {day === undefined ? (
        <Loading />
      ) : (
        <>
          <DayNote shown={day} today={today} picked={picked} todayHref={link(active)} />
          {active === 'stats' ? <VenueStatsView day={day} /> : <VenueList user={user} day={day} />}
        </>
      )}
    </div>
  );
}
