import type { User } from '../api-types';
import { href, useQuery } from '../common/router';
import { Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { VenueList } from './VenueList';
import { VenueStatsView } from './VenueStats';
import './venues.css';

/** The venue registry (with posters, revocation and the day's scans) and the scan statistics, as tabs. */
export function VenuesArea({ user, page }: { user: User; page?: string }) {
  const { t } = useI18n();
  const q = useQuery();
  const latest = useApi<{ date: string | null }>('/api/v1/venues/latest-day');
  const fallback = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(q.date ?? '') ? (q.date as string) : (latest.data?.date ?? undefined);
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
      {latest.loading && !day ? (
        <Loading />
      ) : active === 'stats' ? (
        <VenueStatsView day={day ?? fallback} />
      ) : (
        <VenueList user={user} day={day ?? fallback} />
      )}
    </div>
  );
}
