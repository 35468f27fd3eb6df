import { useState } from 'react';
import { api, errorText } from '../api';
import type { Draft, Policy, PolicyDiff } from '../api-types';
import { useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';

/**
 * Policy versions as data: the published versions, drafts made from one of them, each draft's
 * entrance rules edited and validated by the server, its difference against the version in force
 * on a date (every count a link), and publication, which the server allows to a second person only.
 */
export function PolicyScreen() {
  const { t, label } = useI18n();
  const query = useQuery();
  const versions = useApi<{ items: Policy[] }>('/api/v1/policies');
  const drafts = useApi<{ items: Draft[] }>('/api/v1/policy-drafts');
  const [chosen, setChosen] = useState<string | null>(query.draft ?? null);
  const [form, setForm] = useState({ id: '', basedOn: 'cn-20-measures', effectiveFrom: '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [compare, setCompare] = useState<string | null>(null);
  const draft = drafts.data?.items.find((d) => d.id === chosen) ?? null;

  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      setMessage({ ok: true, text: ok });
      drafts.reload();
      versions.reload();
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    }
  };

  if (versions.error) return <ErrorBox error={versions.error} onRetry={versions.reload} />;
  if (!versions.data || !drafts.data) return <Loading />;
  return (
    <div className="page policy-page" data-testid="policy-screen">
      <h1>{t('policyScreen.title')}</h1>
      {message && (
        <p className={`notice ${message.ok ? 'notice-ok' : 'notice-warn'}`} data-testid="policy-message">
          {message.text}
        </p>
      )}
      <section className="card">
        <h2>{t('policyScreen.versions')}</h2>
        <ul data-testid="policy-versions">
          {versions.data.items.map((p, i) => {
            const prev = versions.data?.items[i - 1];
            return (
              <li key={p.id}>
                <span className="mono">{p.id}</span> · {p.effectiveFrom} · {p.name}{' '}
                {prev && (
                  <button
                    type="button"
                    className="btn btn-link"
                    data-testid={`compare-${p.id}`}
                    onClick={() =>
                      setCompare(`/api/v1/policies/${p.id}/diff?date=${dayBefore(p.effectiveFrom)}&against=${prev.id}`)
                    }
                  >
                    {t('policyScreen.compare', { prev: prev.id })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        {compare && <Compared path={compare} />}
      </section>
      <section className="card">
        <h2>{t('policyScreen.newDraft')}</h2>
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await api('/api/v1/policy-drafts', { method: 'POST', body: form });
              setChosen(form.id);
            }, form.id);
          }}
        >
          <label>
            {t('policyScreen.basedOn')}
            <select name="basedOn" value={form.basedOn} onChange={(e) => setForm({ ...form, basedOn: e.target.value })}>
              {versions.data.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.id}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('policyScreen.id')}
            <input name="draftId" value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} />
          </label>
          <label>
            {t('policyScreen.effectiveFrom')}
            <input
              name="effectiveFrom"
              type="date"
              value={form.effectiveFrom}
              onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })}
            />
          </label>
          <button type="submit" className="btn btn-primary" data-testid="draft-create">
            {t('policyScreen.create')}
          </button>
        </form>
      </section>
      <section className="card">
        <h2>{t('policyScreen.drafts')}</h2>
        <ul data-testid="policy-drafts">
          {drafts.data.items.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                className="btn btn-link"
                data-testid={`draft-${d.id}`}
                onClick={() => setChosen(d.id)}
              >
                {d.id}
              </button>{' '}
              · {label('policyScreen.status', d.status)} · {d.effectiveFrom} · {d.createdBy}
            </li>
          ))}
        </ul>
      </section>
      {draft && <DraftEditor key={draft.id} draft={draft} run={run} />}
    </div>
  );
}

function DraftEditor({ draft, run }: { draft: Draft; run: (fn: () => Promise<unknown>, ok: string) => Promise<void> }) {
  const { t, label } = useI18n();
  const [params, setParams] = useState(draft.params);
  const [date, setDate] = useState('2022-11-11');
  const diff = useApi<PolicyDiff>(`/api/v1/policy-drafts/${draft.id}/diff?date=${date}`);
  const open = draft.status === 'draft';
  const setHours = (category: keyof Draft['params']['entrance'], v: string) =>
    setParams({
      ...params,
      entrance: {
        ...params.entrance,
        [category]: { ...params.entrance[category], certificateHours: v === '' ? null : Number(v) },
      },
    });
  return (
    <section className="card" data-testid="draft-editor">
      <h2>
        <span className="mono">{draft.id}</span> · {label('policyScreen.status', draft.status)}
      </h2>
      <h3>{t('policyScreen.entrance')}</h3>
      <table className="table">
        <thead>
          <tr>
            <th>{t('policyScreen.category')}</th>
            <th>{t('policyScreen.hours')}</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(params.entrance) as Array<keyof Draft['params']['entrance']>).map((c) => (
            <tr key={c}>
              <td>{label('venues.category', c)}</td>
              <td>
                <input
                  name={`hours-${c}`}
                  type="number"
                  disabled={!open}
                  value={params.entrance[c].certificateHours ?? ''}
                  onChange={(e) => setHours(c, e.target.value)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && (
        <div className="form-row">
          <button
            type="button"
            className="btn"
            data-testid="draft-save"
            onClick={() =>
              void run(async () => {
                await api(`/api/v1/policy-drafts/${draft.id}`, {
                  method: 'PUT',
                  body: { name: draft.name, effectiveFrom: draft.effectiveFrom, params },
                });
                diff.reload();
              }, t('policyScreen.saved'))
            }
          >
            {t('policyScreen.save')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="draft-publish"
            onClick={() =>
              void run(
                () => api(`/api/v1/policy-drafts/${draft.id}/publish`, { method: 'POST' }),
                t('policyScreen.published'),
              )
            }
          >
            {t('policyScreen.publish')}
          </button>
        </div>
      )}
      <h3>{t('policyScreen.diff')}</h3>
      <label>
        {t('policyScreen.diffDate')}
        <input name="diffDate" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      {diff.error ? <ErrorBox error={diff.error} onRetry={diff.reload} /> : null}
      {diff.data && <DiffView diff={diff.data} />}
    </section>
  );
}

/** The day before a date (YYYY-MM-DD): the last day of the version a new one replaces. */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** A published version against the one before it, on that one's last day (what switching over changes). */
function Compared({ path }: { path: string }) {
  const diff = useApi<PolicyDiff>(path);
  if (diff.error) return <ErrorBox error={diff.error} onRetry={diff.reload} />;
  return diff.data ? <DiffView diff={diff.data} /> : <Loading />;
}

function DiffView({ diff }: { diff: PolicyDiff }) {
  const { t, label, formatNumber } = useI18n();
  const count = (id: string, n: number, href: string, text: string) => (
    <li>
      {text}：
      <a href={href} data-testid={`diff-${id}`}>
        {formatNumber(n)}
      </a>
    </li>
  );
  return (
    <div data-testid="policy-diff">
      <p>
        {t('policyScreen.inForce')}：
        <span className="mono" data-testid="diff-in-force">
          {diff.inForce}
        </span>
      </p>
      <ul>
        {count('zones-change', diff.zones.wouldChange, diff.zones.href, t('policyScreen.zonesChange'))}
        {count('zones-stay', diff.zones.wouldStay, diff.zones.href, t('policyScreen.zonesStay'))}
        {count('colours', diff.colours.changed, diff.colours.href, t('policyScreen.coloursChanged'))}
        {count('venues', diff.venues.changed, diff.venues.href, t('policyScreen.venuesChanged'))}
      </ul>
      <table
        className="table"
        data-testid="diff-colour-table"
        data-total={diff.colours.changed + diff.zones.wouldChange + diff.zones.wouldStay}
      >
        <thead>
          <tr>
            <th>{t('policyScreen.district')}</th>
            <th>{t('policyScreen.from')}</th>
            <th>{t('policyScreen.to')}</th>
            <th>{t('policyScreen.count')}</th>
          </tr>
        </thead>
        <tbody>
          {diff.colours.byDistrict.map((g) => (
            <tr key={`${g.districtCode}|${g.fromRule}|${g.toRule}`}>
              <td className="mono">{g.districtCode}</td>
              <td>
                {g.from} <span className="muted mono">{g.fromRule}</span>
              </td>
              <td>
                {g.to} <span className="muted mono">{g.toRule}</span>
              </td>
              <td>
                <a href={g.href}>{formatNumber(g.count)}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul data-testid="diff-venue-categories">
        {diff.venues.byCategory.map((c) => (
          <li key={c.category}>
            {label('venues.category', c.category)}：{c.inForce.certificateHours ?? '—'} →{' '}
            {c.draft.certificateHours ?? '—'} <a href={c.href}>{formatNumber(c.venues)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
