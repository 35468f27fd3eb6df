import { type FormEvent, useState } from 'react';
import { api, errorText, query } from '../api';
import { DownloadButton } from '../common/DownloadButton';
import { useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { can, type User } from '../types';
import { CATEGORIES, DISTRICTS, newKey, useAT } from './strings';
import './appeals.css';

interface Appeal {
  id: number;
  trackingNo: string;
  channel: string;
  status: string;
  districtName: string;
  category: string;
  title: string;
  content: string;
  unit: string | null;
  unitName: string | null;
  receivedAt: string;
  dueAt: string;
  reply: string | null;
  overdue: string | null;
  escalationReason: string | null;
  repeatCount: number;
  phone: string;
  enterprise: { name: string; creditCode: string } | null;
}
interface Units {
  items: Array<{ code: string; name: Record<string, string> }>;
  mine: string | null;
}

const fmt = (iso: string | null, lang: string) => (iso ? new Date(iso).toLocaleString(lang, { hour12: false }) : '');

/** The appeals area: queue, unit inbox, hotline console, dashboard and the appeal page. */
export function AppealsArea({ user, page }: { user: User; page?: string }) {
  const t = useAT();
  const tabs: Array<[string, string, boolean]> = [
    ['', t('queue'), can(user, 'appeals:read')],
    ['inbox', t('inbox'), can(user, 'appeals:handle')],
    ['hotline', t('hotline'), can(user, 'appeals:intake')],
    ['dashboard', t('dashboard'), can(user, 'appeals:read')],
  ];
  const id = page && /^\d+$/.test(page) ? Number(page) : null;
  return (
    <section>
      <nav className="appeal-tabs">
        {tabs
          .filter(([, , ok]) => ok)
          .map(([p, label]) => (
            <a
              key={p}
              className={`btn ${(page ?? '') === p ? 'btn-primary' : ''}`}
              href={`#/appeals${p ? `/${p}` : ''}`}
            >
              {label}
            </a>
          ))}
      </nav>
      {id !== null ? (
        <AppealPage id={id} user={user} />
      ) : page === 'inbox' ? (
        <AppealList user={user} inbox />
      ) : page === 'hotline' ? (
        <Hotline />
      ) : page === 'dashboard' ? (
        <AppealsDashboard />
      ) : (
        <AppealList user={user} />
      )}
    </section>
  );
}

function AppealList({ user, inbox }: { user: User; inbox?: boolean }) {
  const t = useAT();
  const { lang } = useI18n();
  const q = useQuery();
  const [filters, setFilters] = useState<Record<string, string>>({ status: q.status ?? (inbox ? '' : 'received') });
  const [selected, setSelected] = useState<number[]>([]);
  const [unit, setUnit] = useState('industry');
  const [msg, setMsg] = useState<string>();
  const params = { ...filters, unit: inbox ? 'mine' : filters.unit, pageSize: 100 };
  const list = useApi<{ total: number; items: Appeal[] }>(`/api/v1/appeals${query(params)}`);
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
          <caption>{list.data.total}</caption>
        </table>
      )}
    </div>
  );
}

interface Detail {
  appeal: Appeal;
  timeline: Array<{
    at: string;
    action: string;
    actor: string;
    to: string | null;
    unitName: string | null;
    note: string | null;
  }>;
  messages: Array<{ kind: string; body: Record<string, string>; status: string; createdAt: string }>;
}

function AppealPage({ id, user }: { id: number; user: User }) {
  const t = useAT();
  const { lang } = useI18n();
  const d = useApi<Detail>(`/api/v1/appeals/${id}`);
  const [text, setText] = useState('');
  const [err, setErr] = useState<string>();
  async function act(step: string, body?: unknown) {
    setErr(undefined);
    try {
      await api(`/api/v1/appeals/${id}/${step}`, { method: 'POST', body });
      setText('');
      d.reload();
    } catch (e) {
      setErr(errorText(e, lang));
    }
  }
  if (d.error !== undefined) return <ErrorBox error={d.error} onRetry={d.reload} />;
  if (!d.data) return <Loading />;
  const a = d.data.appeal;
  const handle = can(user, 'appeals:handle');
  return (
    <article data-testid="appeal-page">
      <h2>
        {a.trackingNo} · {a.title}
      </h2>
      <p>
        <strong data-testid="appeal-status">{t(`status.${a.status}`)}</strong> · {t(`channel.${a.channel}`)} ·{' '}
        {a.districtName} · {t(`cat.${a.category}`)} · {a.unitName ?? ''} · {a.phone}{' '}
        {a.enterprise && `· ${a.enterprise.name} ${a.enterprise.creditCode}`}
      </p>
      <p>{a.content}</p>
      {a.reply && (
        <p>
          {t('reply')}：{a.reply}
        </p>
      )}
      {handle && (
        <div className="appeal-toolbar">
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={3}
            cols={60}
            data-testid="appeal-text"
          />
          {a.status === 'dispatched' && (
            <button type="button" className="btn btn-primary" onClick={() => act('sign')} data-testid="sign">
              {t('sign')}
            </button>
          )}
          {['dispatched', 'signed'].includes(a.status) && (
            <button type="button" className="btn" onClick={() => act('return', { reason: text })}>
              {t('returnIt')}
            </button>
          )}
          {a.status === 'signed' && (
            <>
              <button type="button" className="btn" onClick={() => act('notes', { note: text })}>
                {t('note')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => act('reply', { reply: text })}
                data-testid="reply"
              >
                {t('sendReply')}
              </button>
            </>
          )}
        </div>
      )}
      {can(user, 'appeals:dispatch') && a.status === 'replied' && (
        <button type="button" className="btn" onClick={() => act('close')}>
          {t('close')}
        </button>
      )}
      {err && <p className="notice notice-warn">{err}</p>}
      <h3>{t('timeline')}</h3>
      <ol data-testid="timeline">
        {d.data.timeline.map((e) => (
          <li key={`${e.at}-${e.action}-${e.note ?? ''}`}>
            {fmt(e.at, lang)} · {e.action} {e.to ? `→ ${t(`status.${e.to}`)}` : ''} {e.unitName ?? ''} {e.note ?? ''} (
            {e.actor})
          </li>
        ))}
      </ol>
      <h3>{t('messages')}</h3>
      <ul>
        {d.data.messages.map((m) => (
          <li key={`${m.createdAt}-${m.kind}`}>
            {m.body[lang]} [{m.status}]
          </li>
        ))}
      </ul>
    </article>
  );
}

function Hotline() {
  const t = useAT();
  const { lang } = useI18n();
  const [key, setKey] = useState(newKey);
  const [code, setCode] = useState('');
  const [done, setDone] = useState<string>();
  const [err, setErr] = useState<string>();
  const matches = useApi<{ items: Array<{ creditCode: string; name: string; districtName: string }> }>(
    code.length >= 2 ? `/api/v1/enterprises${query({ q: code, pageSize: 8 })}` : null,
  );
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    setErr(undefined);
    try {
      const r = await api<{ appeal: Appeal }>('/api/v1/appeals', {
        method: 'POST',
        body: {
          idempotencyKey: key,
          submitter: code ? 'enterprise' : 'resident',
          creditCode: code || undefined,
          contactName: v('contactName'),
          phone: v('phone') ?? '',
          districtCode: v('districtCode'),
          category: v('category'),
          urgency: v('urgency'),
          title: v('title') ?? '',
          content: v('content') ?? '',
        },
      });
      setDone(r.appeal.trackingNo);
      setKey(newKey());
      e.currentTarget.reset();
      setCode('');
    } catch (x) {
      setErr(errorText(x, lang));
    }
  }
  return (
    <form className="appeal-form" onSubmit={submit}>
      {done && <p className="notice">{t('submitted', { no: done })}</p>}
      <label>
        {t('phone')}
        <input name="phone" required type="tel" />
      </label>
      <label>
        {t('creditCode')} / {t('enterprise')}
        <input value={code} onChange={(e) => setCode(e.target.value)} list="ent-matches" />
        <datalist id="ent-matches">
          {matches.data?.items.map((m) => (
            <option key={m.creditCode} value={m.creditCode}>
              {m.name} {m.districtName}
            </option>
          ))}
        </datalist>
      </label>
      <label>
        {t('contactName')}
        <input name="contactName" />
      </label>
      <label>
        {t('district')}
        <select name="districtCode" defaultValue="">
          <option value="">—</option>
          {DISTRICTS.map(([c, n]) => (
            <option key={c} value={c}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('category')}
        <select name="category">
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`cat.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('urgency')}
        <select name="urgency" defaultValue="normal">
          {['critical', 'urgent', 'normal', 'complex'].map((u) => (
            <option key={u} value={u}>
              {t(`urg.${u}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('title')}
        <input name="title" required maxLength={80} />
      </label>
      <label>
        {t('content')}
        <textarea name="content" required rows={5} maxLength={2000} />
      </label>
      {err && <p className="notice notice-warn">{err}</p>}
      <button type="submit" className="btn btn-primary">
        {t('submit')}
      </button>
    </form>
  );
}

interface Dash {
  from: string;
  to: string;
  total: number;
  byChannel: Array<{ key: string; n: number }>;
  byCategory: Array<{ key: string; n: number }>;
  byDistrict: Array<{ key: string; name: string; n: number }>;
  byDay: Array<{ day: string; n: number }>;
  rates: { signOnTime: number | null; closeOnTime: number | null; satisfaction: number | null };
  counts: { overdue: number; escalated: number };
  whitelist: { day: string; counts: Record<string, number> } | null;
}

function AppealsDashboard() {
  const t = useAT();
  const [from, setFrom] = useState('2022-11-01');
  const [to, setTo] = useState('2022-11-07');
  const d = useApi<Dash>(`/api/v1/appeals/dashboard${query({ from, to })}`);
  if (d.error !== undefined) return <ErrorBox error={d.error} onRetry={d.reload} />;
  if (!d.data) return <Loading />;
  const x = d.data;
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
  const list = (title: string, rows: Array<{ label: string; n: number }>) => (
    <div>
      <h3>{title}</h3>
      <table className="table">
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td>{r.label}</td>
              <td>{r.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <div data-testid="appeals-dashboard">
      <div className="appeal-toolbar">
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="appeal-kpis">
        <div>
          {t('total')}
          <strong>{x.total}</strong>
        </div>
        <div>
          {t('signOnTime')}
          <strong>{pct(x.rates.signOnTime)}</strong>
        </div>
        <div>
          {t('closeOnTime')}
          <strong>{pct(x.rates.closeOnTime)}</strong>
        </div>
        <div>
          {t('satisfaction')}
          <strong>{pct(x.rates.satisfaction)}</strong>
        </div>
        <div>
          <a href="#/appeals?overdue=true">{t('overdue')}</a>
          <strong>{x.counts.overdue}</strong>
        </div>
        <div>
          {t('escalated')}
          <strong>{x.counts.escalated}</strong>
        </div>
      </div>
      {x.whitelist && (
        <div className="appeal-kpis">
          <div>
            <h3>
              {t('whitelist')} {x.whitelist.day}
            </h3>
          </div>
          {['normal', 'reduced', 'stopped', 'missing'].map((p) => (
            <div key={p}>
              {t(`production.${p}`)}
              <strong>{x.whitelist?.counts[p] ?? 0}</strong>
            </div>
          ))}
        </div>
      )}
      <div className="appeal-kpis">
        {list(
          t('byChannel'),
          x.byChannel.map((r) => ({ label: t(`channel.${r.key}`), n: r.n })),
        )}
        {list(
          t('byCategory'),
          x.byCategory.map((r) => ({ label: t(`cat.${r.key}`), n: r.n })),
        )}
        {list(
          t('byDistrict'),
          x.byDistrict.map((r) => ({ label: r.name, n: r.n })),
        )}
        {list(
          t('byDay'),
          x.byDay.map((r) => ({ label: r.day, n: r.n })),
        )}
      </div>
    </div>
  );
}
