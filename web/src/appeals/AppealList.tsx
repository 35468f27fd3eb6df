import { useState } from 'react';
import { api, errorText, query } from '../api';
import { DownloadButton } from '../common/DownloadButton';
import { useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { can, type User } from '../types';
import { CATEGORIES, DISTRICTS, useAT } from './strings';
import { type Appeal, fmt, type Units } from './types';

/** The dispatcher's queue (filters, bulk dispatch) or, with `inbox`, the signed-in unit's appeals. */
export function AppealList({ user, inbox }: { user: User; inbox?: boolean }) {
  const t = useAT();
  const { lang } = useI18n();
  const q = useQuery();
  const [filters, setFilters] = useState<Record<string, string>>(() => {
    // A link from the dashboard (?overdue=true, ?escalated=true) shows every status.
    const linked = q.overdue === 'true' || q.escalated === 'true';
    const f: Record<string, string> = { status: q.status ?? (inbox || linked ? '' : 'received') };
    if (q.overdue) f.overdue = q.overdue;
    if (q.escalated) f.escalated = q.escalated;
    return f;
  });
  const [selected, setSelected] = useState<number[]>([]);
  const [unit, setUnit] = useState('industry');
  const [msg, setMsg] = useState<string>();
  const params = { ...filters, unit: inbox ? 'mine' : filters.unit, pageSize: 100 };
  const list = useApi<{ total: number; totalCapped?: boolean; items: Appeal[] }>(`/api/v1/appeals${query(params)}`);
  const units = useApi<Units>('/api/v1/appeals/units');
  const set = (k: string, v: string) => setFilters((f) => ({ ...f, [k]: v }));

  async function dispatch() {
    setMsg(undefined);
    try {
      await api('/api/v1/appeals/dispatch', { method: 'POST', body: { ids: selected, unit } });
      setSelected([]);
      list.reload();
    } catch (err) {
      setMsg(errorText(err, lang));
    }
  }
  return (
    <div>
      <div className="appeal-toolbar">
        <select aria-label={t('status')} value={filters.status ?? ''} onChange={(e) => set('status', e.target.value)}>
          <option value="">—</option>
          {['received', 'dispatched', 'signed', 'replied', 'closed', 'merged'].map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('district')}
          value={filters.district ?? ''}
          onChange={(e) => set('district', e.target.value)}
        >
          <option value="">{t('district')}</option>
          {DISTRICTS.map(([c, n]) => (
            <option key={c} value={c}>
              {n}
            </option>
          ))}
        </select>
        <select
          aria-label={t('category')}
          value={filters.category ?? ''}
          onChange={(e) => set('category', e.target.value)}
        >
          <option value="">{t('category')}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`cat.${c}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('channel')}
          value={filters.channel ?? ''}
          onChange={(e) => set('channel', e.target.value)}
        >
          <option value="">{t('channel')}</option>
          {['web', 'mobile', 'hotline'].map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
        <label>
          <input
            type="checkbox"
            checked={filters.overdue === 'true'}
            onChange={(e) => set('overdue', e.target.checked ? 'true' : '')}
          />
          {t('overdue')}
        </label>
        <input placeholder={t('search')} value={filters.q ?? ''} onChange={(e) => set('q', e.target.value)} />
        <DownloadButton path={`/api/v1/appeals/export.xlsx${query(params)}`} fileName="appeals.xlsx" busyLabel="…">
          {t('export')}
        </DownloadButton>
      </div>
      {!inbox && can(user, 'appeals:dispatch') && (
        <div className="appeal-toolbar">
          <label>
            {t('dispatchTo')}{' '}
            <select value={unit} onChange={(e) => setUnit(e.target.value)} data-testid="dispatch-unit">
              {units.data?.items.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name[lang]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!selected.length}
            onClick={dispatch}
            data-testid="dispatch"
          >
            {t('dispatch')} ({selected.length})
          </button>
          {msg && <span className="notice notice-warn">{msg}</span>}
        </div>
      )}
      {list.loading && !list.data && <Loading />}
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.data && (
        <table className="table" data-testid="appeal-list">
          <thead>
            <tr>
              <th />
              <th>{t('trackingNo')}</th>
              <th>{t('channel')}</th>
              <th>{t('title')}</th>
              <th>{t('district')}</th>
              <th>{t('category')}</th>
              <th>{t('status')}</th>
              <th>{t('unit')}</th>
              <th>{t('received')}</th>
              <th>{t('due')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((a) => (
              <tr key={a.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={a.trackingNo}
                    checked={selected.includes(a.id)}
                    onChange={(e) =>
                      setSelected((s) => (e.target.checked ? [...s, a.id] : s.filter((x) => x !== a.id)))
                    }
                  />
                </td>
                <td>
                  <a href={`#/appeals/${a.id}`}>{a.trackingNo}</a>
                </td>
                <td>{t(`channel.${a.channel}`)}</td>
                <td>
                  {a.title}
                  {a.repeatCount > 1 && ` ×${a.repeatCount}`}
                </td>
                <td>{a.districtName}</td>
                <td>{t(`cat.${a.category}`)}</td>
                <td>
                  {t(`status.${a.status}`)}
                  {a.escalationReason && <span className="appeal-overdue"> · {t('escalated')}</span>}
                </td>
                <td>{a.unitName}</td>
                <td>{fmt(a.receivedAt, lang)}</td>
                <td className={a.overdue ? 'appeal-overdue' : ''}>
                  {fmt(a.dueAt, lang)}
                  {a.overdue && ` · ${t('overdue')}`}
                </td>
              </tr>
            ))}
          </tbody>
          <caption>
            {list.data.total}
            {list.data.totalCapped ? '+' : ''}
          </caption>
        </table>
      )}
    </div>
  );
}
