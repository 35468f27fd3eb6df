import { useState } from 'react';
import { api } from '../api';
import type { Draft, PolicyDiff, Switchover } from '../api-types';
import { ErrorBox } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { DiffView } from './DiffView';
import { ParamsEditor } from './ParamsEditor';

/** What a step of the editor tells the screen: done (with its message) or refused (the server's message). */
export type Run = (fn: () => Promise<unknown>, ok: string | ((r: unknown) => string)) => Promise<void>;

/**
 * One draft: its parameters edited and validated by the server, its difference against the version
 * in force on a date, and publication by a second person (which switches the city over when the
 * draft takes effect today).
 */
export function DraftEditor({ draft, run }: { draft: Draft; run: Run }) {
  const { t, label, formatNumber } = useI18n();
  const [params, setParams] = useState(draft.params);
  const [invalid, setInvalid] = useState<string[]>([]);
  const [date, setDate] = useState(draft.effectiveFrom);
  const diff = useApi<PolicyDiff>(`/api/v1/policy-drafts/${draft.id}/diff?date=${date}`);
  const open = draft.status === 'draft';
  const published = (r: unknown) => {
    const s = (r as { switchOver: Switchover | null }).switchOver;
    return s
      ? t('policyScreen.publishedSwitched', {
          zones: formatNumber(s.counts.zonesLifted),
          colours: formatNumber(s.counts.coloursChanged),
          venues: formatNumber(s.counts.venuesChanged),
        })
      : t('policyScreen.publishedLater', { date: draft.effectiveFrom });
  };
  return (
    <section className="card" data-testid="draft-editor">
      <h2>
        <span className="mono">{draft.id}</span> · {label('policyScreen.status', draft.status)} · {draft.effectiveFrom}
      </h2>
      <ParamsEditor params={params} disabled={!open} onChange={setParams} onInvalid={setInvalid} />
      {open && (
        <div className="form-row">
          <button
            type="button"
            className="btn"
            data-testid="draft-save"
            disabled={invalid.length > 0}
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
              void run(() => api(`/api/v1/policy-drafts/${draft.id}/publish`, { method: 'POST' }), published)
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
