import { useState } from 'react';
import { api } from '../api';
import type { TraceResult } from '../api-types';
import { ImportProblems } from '../cases/ImportProblems';
import { beijing } from '../common/dates';
import { ErrorBox } from '../common/Status';
import { useSheetUpload } from '../common/useSheetUpload';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import { KINDS } from './kinds';

/** Co-presence tracing of a case, one mark by hand, and a sheet import. */
export function MarkForms({ onChanged }: { onChanged: () => void }) {
  return (
    <div className="tracing-forms">
      <TraceForm onChanged={onChanged} />
      <AddForm onChanged={onChanged} />
      <ImportForm onChanged={onChanged} />
    </div>
  );
}

function TraceForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const [caseNo, setCaseNo] = useState('');
  const [minutes, setMinutes] = useState(30);
  const [result, setResult] = useState<TraceResult | null>(null);
  const trace = useSubmit(async () => {
    setResult(null);
    setResult(
      await api<TraceResult>(`/api/v1/tracing/cases/${encodeURIComponent(caseNo.trim())}/trace`, {
        method: 'POST',
        body: { minutes },
      }),
    );
    onChanged();
  });
  return (
    <div className="card">
      <h2>{t('tracing.traceTitle')}</h2>
      <p className="muted small">{t('tracing.traceHint')}</p>
      <div className="form-row">
        <input
          value={caseNo}
          onChange={(e) => setCaseNo(e.target.value)}
          placeholder={t('tracing.caseNo')}
          aria-label={t('tracing.caseNo')}
          data-testid="trace-case"
        />
        <label>
          {t('tracing.minutes')}{' '}
          <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
        </label>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!caseNo.trim() || trace.busy}
          onClick={() => void trace.run()}
          data-testid="trace-run"
        >
          {trace.busy ? t('tracing.tracing') : t('tracing.trace')}
        </button>
      </div>
      {trace.error !== undefined && <ErrorBox error={trace.error} />}
      {result && (
        <div className="trace-result" data-testid="trace-result">
          <p>
            {t('tracing.traceResult', {
              from: beijing(result.window.from),
              until: beijing(result.window.until),
              scans: result.caseScans,
              venues: result.venues,
              found: result.found,
              added: result.added,
              existing: result.existing,
              unidentified: result.unidentified,
            })}
          </p>
          {result.contacts.length > 0 && (
            <ul className="muted small">
              {result.contacts.map((c) => (
                <li key={`${c.idNumber}-${c.lastContact}`}>
                  {c.name} {c.idNumber} · {beijing(c.lastContact)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function AddForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const empty = { idNumber: '', kind: 'close-contact', since: '', caseNo: '', zone: '', origin: '', note: '' };
  const [f, setF] = useState(empty);
  const [added, setAdded] = useState<{ added: number; duplicates: number } | null>(null);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = useSubmit(async () => {
    setAdded(null);
    const record = Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim()));
    setAdded(
      await api<{ added: number; duplicates: number }>('/api/v1/tracing/marks', {
        method: 'POST',
        body: { records: [{ ...record, since: f.since.replace('T', ' ') }] },
      }),
    );
    setF(empty);
    onChanged();
  });
  return (
    <div className="card">
      <h2>{t('tracing.addTitle')}</h2>
      <div className="form-grid">
        <input
          value={f.idNumber}
          onChange={set('idNumber')}
          placeholder={t('tracing.idNumber')}
          aria-label={t('tracing.idNumber')}
          data-testid="mark-id"
        />
        <select value={f.kind} onChange={set('kind')} aria-label={t('tracing.kind')} data-testid="mark-kind">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`tracing.kind.${k}`)}
            </option>
          ))}
        </select>
        <input
          type="datetime-local"
          value={f.since}
          onChange={set('since')}
          aria-label={t('tracing.since')}
          data-testid="mark-since"
        />
        <input
          value={f.caseNo}
          onChange={set('caseNo')}
          placeholder={t('tracing.caseNo')}
          aria-label={t('tracing.caseNo')}
        />
        {f.kind === 'left-zone' && (
          <input value={f.zone} onChange={set('zone')} placeholder={t('tracing.zone')} aria-label={t('tracing.zone')} />
        )}
        {f.kind === 'arrival' && (
          <input
            value={f.origin}
            onChange={set('origin')}
            placeholder={t('tracing.origin')}
            aria-label={t('tracing.origin')}
          />
        )}
        <input value={f.note} onChange={set('note')} placeholder={t('tracing.note')} aria-label={t('tracing.note')} />
        <button
          type="button"
          className="btn btn-primary"
          disabled={submit.busy || !f.idNumber.trim() || !f.since}
          onClick={() => void submit.run()}
          data-testid="mark-add"
        >
          {t('tracing.add')}
        </button>
      </div>
      {added && (
        <p className="notice" data-testid="mark-added">
          {t('tracing.added', added)}
        </p>
      )}
      {submit.error !== undefined && <ErrorBox error={submit.error} />}
    </div>
  );
}

function ImportForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const { file, choose, busy, outcome, send } = useSheetUpload<{ added: number; duplicates: number; valid?: number }>(
    '/api/v1/imports/tracing-marks',
  );
  const go = async (dryRun: boolean) => {
    await send(dryRun);
    if (!dryRun) onChanged();
  };
  return (
    <div className="card">
      <h2>{t('tracing.importTitle')}</h2>
      <p className="muted small">{t('tracing.importHint')}</p>
      <div className="form-row">
        <input
          type="file"
          accept=".csv,.xlsx"
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
          data-testid="mark-file"
        />
        <button type="button" className="btn" disabled={!file || busy !== null} onClick={() => void go(true)}>
          {t('tracing.validate')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!file || busy !== null}
          onClick={() => void go(false)}
        >
          {t('tracing.import')}
        </button>
      </div>
      {outcome?.kind === 'ok' && (
        <p className="notice">
          {outcome.result.valid !== undefined
            ? t('tracing.valid', { n: outcome.result.valid })
            : t('tracing.added', outcome.result)}
        </p>
      )}
      {outcome?.kind === 'invalid' && <ImportProblems problems={outcome.problems} />}
      {outcome?.kind === 'wrongType' && <p className="notice notice-warn">{t('tracing.wrongType')}</p>}
      {outcome?.kind === 'error' && <ErrorBox error={outcome.error} />}
    </div>
  );
}
