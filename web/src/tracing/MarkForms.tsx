import { useState } from 'react';
import { api } from '../api';
import { ImportProblems } from '../cases/ImportProblems';
import { ErrorBox } from '../common/Status';
import { useSheetUpload } from '../common/useSheetUpload';
import { beijing, KINDS, useTracingStrings } from './strings';
import type { TraceResult } from './types';

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
  const s = useTracingStrings();
  const [caseNo, setCaseNo] = useState('');
  const [minutes, setMinutes] = useState(30);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TraceResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(
        await api<TraceResult>(`/api/v1/tracing/cases/${encodeURIComponent(caseNo.trim())}/trace`, {
          method: 'POST',
          body: { minutes },
        }),
      );
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card">
      <h2>{s('traceTitle')}</h2>
      <p className="muted small">{s('traceHint')}</p>
      <div className="form-row">
        <input
          value={caseNo}
          onChange={(e) => setCaseNo(e.target.value)}
          placeholder={s('caseNo')}
          aria-label={s('caseNo')}
          data-testid="trace-case"
        />
        <label>
          {s('minutes')}{' '}
          <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
        </label>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!caseNo.trim() || busy}
          onClick={() => void run()}
          data-testid="trace-run"
        >
          {busy ? s('tracing') : s('trace')}
        </button>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {result && (
        <div className="trace-result" data-testid="trace-result">
          <p>
            {s('traceResult', {
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
  const s = useTracingStrings();
  const empty = { idNumber: '', kind: 'close-contact', since: '', caseNo: '', zone: '', origin: '', note: '' };
  const [f, setF] = useState(empty);
  const [msg, setMsg] = useState('');
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async () => {
    setError(null);
    setMsg('');
    try {
      const record = Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim()));
      const r = await api<{ added: number; duplicates: number }>('/api/v1/tracing/marks', {
        method: 'POST',
        body: { records: [{ ...record, since: f.since.replace('T', ' ') }] },
      });
      setMsg(s('added', r));
      setF(empty);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="card">
      <h2>{s('addTitle')}</h2>
      <div className="form-grid">
        <input
          value={f.idNumber}
          onChange={set('idNumber')}
          placeholder={s('idNumber')}
          aria-label={s('idNumber')}
          data-testid="mark-id"
        />
        <select value={f.kind} onChange={set('kind')} aria-label={s('kind')} data-testid="mark-kind">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {s(`kind.${k}`)}
            </option>
          ))}
        </select>
        <input
          type="datetime-local"
          value={f.since}
          onChange={set('since')}
          aria-label={s('since')}
          data-testid="mark-since"
        />
        <input value={f.caseNo} onChange={set('caseNo')} placeholder={s('caseNo')} aria-label={s('caseNo')} />
        {f.kind === 'left-zone' && (
          <input value={f.zone} onChange={set('zone')} placeholder={s('zone')} aria-label={s('zone')} />
        )}
        {f.kind === 'arrival' && (
          <input value={f.origin} onChange={set('origin')} placeholder={s('origin')} aria-label={s('origin')} />
        )}
        <input value={f.note} onChange={set('note')} placeholder={s('note')} aria-label={s('note')} />
        <button
          type="button"
          className="btn btn-primary"
          disabled={!f.idNumber.trim() || !f.since}
          onClick={() => void submit()}
          data-testid="mark-add"
        >
          {s('add')}
        </button>
      </div>
      {msg && (
        <p className="notice" data-testid="mark-added">
          {msg}
        </p>
      )}
      {error ? <ErrorBox error={error} /> : null}
    </div>
  );
}

function ImportForm({ onChanged }: { onChanged: () => void }) {
  const s = useTracingStrings();
  const { file, choose, busy, outcome, send } = useSheetUpload<{ added: number; duplicates: number; valid?: number }>(
    '/api/v1/imports/tracing-marks',
  );
  const go = async (dryRun: boolean) => {
    await send(dryRun);
    if (!dryRun) onChanged();
  };
  return (
    <div className="card">
      <h2>{s('importTitle')}</h2>
      <p className="muted small">{s('importHint')}</p>
      <div className="form-row">
        <input
          type="file"
          accept=".csv,.xlsx"
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
          data-testid="mark-file"
        />
        <button type="button" className="btn" disabled={!file || busy !== null} onClick={() => void go(true)}>
          {s('validate')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!file || busy !== null}
          onClick={() => void go(false)}
        >
          {s('import')}
        </button>
      </div>
      {outcome?.kind === 'ok' && (
        <p className="notice">
          {outcome.result.valid !== undefined ? s('valid', { n: outcome.result.valid }) : s('added', outcome.result)}
        </p>
      )}
      {outcome?.kind === 'invalid' && <ImportProblems problems={outcome.problems} />}
      {outcome?.kind === 'wrongType' && <p className="notice notice-warn">{s('wrongType')}</p>}
      {outcome?.kind === 'error' && <ErrorBox error={outcome.error} />}
    </div>
  );
}
