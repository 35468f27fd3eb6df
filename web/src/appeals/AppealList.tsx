import { useState } from 'react';
import { api, query } from '../api';
import type { Appeal, Units, User } from '../api-types';
import { DownloadButton } from '../common/DownloadButton';
import { useQuery } from '../common/router';
import { ErrorBox, FormError, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { deadlineOf, fmtShort } from './format';
import { useAppealOptions } from './useAppealOptions';

/** The dispatcher's queue (filters, bulk dispatch) or, with `inbox`, the signed-in unit's appeals. */
export function AppealList({ user, inbox }: { user: User; inbox?: boolean }) {
  const { t, label, lang, formatNumber } = useI18n();
  const options = useAppealOptions();
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
  const params = { ...filters, unit: inbox ? 'mine' : filters.unit, pageSize: 100 };
  const list = useApi<{ total: number; totalCapped?: boolean; items: Appeal[] }>(`/api/v1/appeals${query(params)}`);
  const units = useApi<Units>('/api/v1/appeals/units');
  const set = (k: string, v: string) => setFilters((f) => ({ ...f, [k]: v }));

  const dispatch = useSubmit(async () => {
    await api('/api/v1/appeals/dispatch', { method: 'POST', body: { ids: selected, unit } });
    setSelected([]);
    list.reload();
  });
  return (
    <div>
      <div className="appeal-toolbar">
        <select
          aria-label={t('appeals.status')}
          value={filters.status ?? ''}
          onChange={(e) => set('status', e.target.value)}
        >
          <option value="">—</option>
          {['received', 'dispatched', 'signed', 'replied', 'closed', 'merged'].map((s) => (
            <option key={s} value={s}>
              {label('appeals.status', s)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('appeals.district')}
          value={filters.district ?? ''}
          onChange={(e) => set('district', e.target.value)}
        >
          <option value="">{t('appeals.district')}</option>
          {options.data?.districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
        <select
          aria-label={t('appeals.category')}
          value={filters.category ?? ''}
          onChange={(e) => set('category', e.target.value)}
        >
          <option value="">{t('appeals.category')}</option>
          {options.data?.categories.map((c) => (
            <option key={c} value={c}>
              {label('appeals.cat', c)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('appeals.channel')}
          value={filters.channel ?? ''}
          onChange={(e) => set('channel', e.target.value)}
        >
          <option value="">{t('appeals.channel')}</option>
          {['web', 'mobile', 'hotline'].map((c) => (
            <option key={c} value={c}>
              {label('appeals.channel', c)}
            </option>
          ))}
        </select>
        <label>
          <input
            type="checkbox"
            checked={filters.overdue === 'true'}
            onChange={(e) => set('overdue', e.target.checked ? 'true' : '')}
          />
          {t('appeals.overdue')}
        </label>
        <input placeholder={t('appeals.search')} value={filters.q ?? ''} onChange={(e) => set('q', e.target.value)} />
        <DownloadButton path={`/api/v1/appeals/export.xlsx${query(params)}`} fileName="appeals.xlsx" busyLabel="…">
          {t('appeals.export')}
        </DownloadButton>
      </div>
      {!inbox && can(user, 'appeals:dispatch') && (
        <div className="appeal-toolbar">
          <label>
            {t('appeals.dispatchTo')}{' '}
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
            disabled={dispatch.busy || !selected.length}
            onClick={() => void dispatch.run()}
            data-testid="dispatch"
          >
            {t('appeals.dispatch')} ({selected.length})
          </button>
          <FormError error={dispatch.error} />
        </div>
      )}
      {list.loading && !list.data && <Loading />}
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.data && (
        <p className="appeal-count" data-testid="appeal-count">
          {t('appeals.count', { n: `${formatNumber(list.data.total)}${list.data.totalCapped ? '+' : ''}` })}
        </p>
      )}
      {list.data && (
        <div className="table-wrap">
          <table className="table appeal-table" data-testid="appeal-list">
            <thead>
              <tr>
                <th />
                <th>{t('appeals.trackingNo')}</th>
                <th>{t('appeals.channel')}</th>
                <th>{t('appeals.title')}</th>
                <th>{t('appeals.district')}</th>
                <th>{t('appeals.category')}</th>
                <th>{t('appeals.status')}</th>
                <th>{t('appeals.unit')}</th>
                <th>{t('appeals.received')}</th>
                <th>{t('appeals.due')}</th>
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
                  <td>{label('appeals.channel', a.channel)}</td>
                  <td className="wrap appeal-title-cell">
                    {a.title}
                    {a.repeatCount > 1 && ` ×${a.repeatCount}`}
                  </td>
                  <td>{a.districtName}</td>
                  <td>{label('appeals.cat', a.category)}</td>
                  <td>
                    {label('appeals.status', a.status)}
                    {a.escalationReason && <span className="appeal-overdue"> · {t('appeals.escalated')}</span>}
                  </td>
                  <td>{a.unitName}</td>
                  <td>{fmtShort(a.receivedAt, lang)}</td>
                  <DueCell a={a} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/**
 * The deadline that matters now and whether it was missed: an unsigned appeal past its sign-off
 * deadline shows that missed deadline (its resolution deadline may still be days ahead).
 */
export function DueCell({ a }: { a: Appeal }) {
  const { t, lang } = useI18n();
  const due = deadlineOf(a);
  return (
    <td className={a.overdue ? 'appeal-overdue nowrap' : 'nowrap'} data-overdue={a.overdue ?? ''} data-due={due.at}>
      {fmtShort(due.at, lang)}
      {a.overdue && <div className="appeal-due-kind">{t(`appeals.reason.${a.overdue}`)}</div>}
    </td>
  );
}
