import { useState } from 'react';
import { api, errorText } from '../api';
import type { Draft, Policy } from '../api-types';
import { useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { Compared, dayBefore } from './DiffView';
import { DraftEditor, type Run } from './DraftEditor';
import { Switchovers } from './Switchovers';
import './policy.css';

/**
 * Policy versions as data: the published versions, drafts made from one of them, each draft's
 * parameters edited and validated by the server, its difference against the version in force
 * on a date (every count a link), publication, which the server allows to a second person only,
 * and the switch-overs that record what each version changed when it took effect. A link from a
 * difference (`#/policy/diff?date=…&policy=…&district=…&rule=…`) opens that difference here.
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
  const [switched, setSwitched] = useState(0);
  const [switchOpen, setSwitchOpen] = useState<string | null>(query.switchover ?? null);

  const run: Run = async (fn, ok) => {
    try {
      const r = await fn();
      setMessage({ ok: true, text: typeof ok === 'string' ? ok : ok(r) });
      setSwitched((n) => n + 1);
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
      {query.policy && drafts.data && (
        <section className="card" data-testid="policy-linked-diff">
          <h2>{t('policyScreen.linked', { policy: query.policy, date: query.date ?? '' })}</h2>
          <Compared
            path={`/api/v1/${drafts.data.items.some((d) => d.id === query.policy && d.status === 'draft') ? 'policy-drafts' : 'policies'}/${encodeURIComponent(query.policy)}/diff?date=${query.date ?? ''}`}
            district={query.district}
            rule={query.rule}
            plan={query.plan}
          />
        </section>
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
      <Switchovers key={switched} open={switchOpen} setOpen={setSwitchOpen} versions={versions.data.items} run={run} />
    </div>
  );
}
