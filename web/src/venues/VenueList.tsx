import { useMemo, useState } from 'react';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import type { User } from '../types';
import { CATEGORIES, useVenueStrings } from './strings';
import type { Venue } from './types';
import { VenueDetail } from './VenueDetail';

const STATUSES = ['open', 'suspended', 'closed-loop'] as const;
const SHOWN = 200;

/** Venues of the user's area (an operator: their own) with search and status filter; the chosen one beside. */
export function VenueList({ user, day }: { user: User; day: string }) {
  const s = useVenueStrings();
  const { lang, formatNumber } = useI18n();
  const list = useApi<{ items: Venue[] }>(`/api/v1/venues?date=${day}`);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const matching = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return items
      .filter(
        (v) => (!status || v.status === status) && (!needle || `${v.name} ${v.code}`.toLowerCase().includes(needle)),
      )
      .sort((a, b) => b.scans - a.scans || a.code.localeCompare(b.code));
  }, [items, search, status]);
  const current = items.find((v) => v.code === picked) ?? (items.length === 1 ? items[0] : undefined);

  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <div className="venues-layout">
      <section className="card venues-list">
        <div className="filters">
          <input
            type="search"
            placeholder={s('search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="venues-search"
          />
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="venues-status-filter">
            <option value="">{s('allStatuses')}</option>
            {STATUSES.map((x) => (
              <option key={x} value={x}>
                {s(`status.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="muted">{s('shown', { n: Math.min(SHOWN, matching.length), total: matching.length })}</p>
        {matching.length === 0 ? (
          <p className="muted">{s('none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="venues-table">
              <thead>
                <tr>
                  <th>{s('name')}</th>
                  <th>{s('category')}</th>
                  <th>{s('status')}</th>
                  <th className="num">{s('scans')}</th>
                  <th className="num">{s('denied')}</th>
                </tr>
              </thead>
              <tbody>
                {matching.slice(0, SHOWN).map((v) => (
                  <tr
                    key={v.code}
                    className={v.code === current?.code ? 'selected' : undefined}
                    onClick={() => setPicked(v.code)}
                    data-testid="venue-row"
                    data-code={v.code}
                  >
                    <td>
                      <button type="button" className="link-button" onClick={() => setPicked(v.code)}>
                        {v.name}
                      </button>
                      <div className="muted small">{v.code}</div>
                    </td>
                    <td>{CATEGORIES[v.category]?.[lang] ?? v.category}</td>
                    <td>
                      <span className={`venue-status venue-status-${v.status}`}>{s(`status.${v.status}`)}</span>
                    </td>
                    <td className="num">{formatNumber(v.scans)}</td>
                    <td className="num">{formatNumber(v.denied)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {current ? (
        <VenueDetail key={current.code} user={user} venue={current} day={day} onChanged={list.reload} />
      ) : (
        <section className="card venue-detail muted">{s('pick')}</section>
      )}
    </div>
  );
}
