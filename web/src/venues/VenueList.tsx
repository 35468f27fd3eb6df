import { useState } from 'react';
import type { User, Venue } from '../api-types';
import { Pager } from '../common/Pager';
import { useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useDebounced } from '../common/useDebounced';
import { useI18n } from '../i18n';
import { PolicyRuleNote } from './PolicyRuleNote';
import { VenueDetail } from './VenueDetail';

const STATUSES = ['open', 'suspended', 'closed-loop'] as const;
const SHOWN = 50;

/**
 * Venues of the user's area (an operator: their own), busiest first, with search and status filter
 * done by the server (a city has 100,000 venues; a page holds 50, with a pager); the chosen one beside.
 */
export function VenueList({ user, day }: { user: User; day: string }) {
  const { t, label, formatNumber } = useI18n();
  const [search, setSearch] = useState('');
  // A link such as the briefing's 「N家场所暂停开放」 opens the list filtered (#/venues?status=suspended).
  const linkQuery = useQuery();
  const linked = linkQuery.status ?? '';
  // A policy difference's link (#/venues?category=…&policy=…) lists that category under that version's rule.
  const category = linkQuery.category;
  // …and 「N家…暂停开放（榕防指〔2022〕45号）」 opens the venues that notice holds (#/venues?notice=…).
  const notice = linkQuery.notice ?? '';
  const [status, setStatus] = useState((STATUSES as readonly string[]).includes(linked) ? linked : '');
  const [page, setPage] = useState(1);
  const needle = useDebounced(search.trim(), 300);
  const query = new URLSearchParams({ date: day, limit: String(SHOWN), offset: String((page - 1) * SHOWN) });
  if (needle) query.set('q', needle);
  if (status) query.set('status', status);
  if (category) query.set('category', category);
  if (notice) query.set('notice', notice);
  const list = useApi<{ items: Venue[]; total: number }>(`/api/v1/venues?${query}`);
  const [picked, setPicked] = useState<Venue | null>(null);
  const items = list.data?.items ?? [];
  // The chosen venue stays open while a new search no longer lists it; listed, its counts are fresh.
  const current =
    (picked && (items.find((v) => v.code === picked.code) ?? picked)) ?? (items.length === 1 ? items[0] : undefined);

  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <div className="venues-layout">
      <section className="card venues-list">
        {linkQuery.policy && <PolicyRuleNote policy={linkQuery.policy} category={category} day={day} />}
        <div className="filters">
          <input
            type="search"
            placeholder={t('venues.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            data-testid="venues-search"
          />
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPage(1);
            }}
            data-testid="venues-status-filter"
          >
            <option value="">{t('venues.allStatuses')}</option>
            {STATUSES.map((x) => (
              <option key={x} value={x}>
                {label('venues.status', x)}
              </option>
            ))}
          </select>
        </div>
        {notice && (
          <p className="notice" data-testid="venues-notice-filter">
            {t('venues.heldBy', { notice })} <a href="#/venues">{t('venues.allVenues')}</a>
          </p>
        )}
        <p className="muted">{t('venues.shown', { n: items.length, total: list.data.total })}</p>
        {items.length === 0 ? (
          <p className="muted">{t('venues.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="venues-table">
              <thead>
                <tr>
                  <th>{t('venues.name')}</th>
                  <th>{t('venues.category')}</th>
                  <th>{t('venues.status')}</th>
                  <th className="num">{t('venues.scans')}</th>
                  <th className="num">{t('venues.denied')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((v) => (
                  <tr
                    key={v.code}
                    className={v.code === current?.code ? 'selected' : undefined}
                    onClick={() => setPicked(v)}
                    data-testid="venue-row"
                    data-code={v.code}
                  >
                    <td>
                      <button type="button" className="link-button" onClick={() => setPicked(v)}>
                        {v.name}
                      </button>
                      <div className="muted small">{v.code}</div>
                    </td>
                    <td>{label('venues.category', v.category)}</td>
                    <td>
                      <span className={`venue-status venue-status-${v.status}`}>
                        {label('venues.status', v.status)}
                      </span>
                      {v.notice && <div className="muted small">{v.notice}</div>}
                    </td>
                    <td className="num">{formatNumber(v.scans)}</td>
                    <td className="num">{formatNumber(v.denied)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={page} pageSize={SHOWN} total={list.data.total} onPage={setPage} />
      </section>
      {current ? (
        <VenueDetail key={current.code} user={user} venue={current} day={day} onChanged={list.reload} />
      ) : (
        <section className="card venue-detail muted">{t('venues.pick')}</section>
      )}
    </div>
  );
}
