import { useId, useState } from 'react';
import { ApiError, api } from '../api';
import { ImportProblems } from '../cases/ImportProblems';
import { ErrorBox } from '../common/Status';
import type { ImportProblem } from '../types';
import { useAT } from './strings';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const typeOf = (name: string) => (/\.csv$/i.test(name) ? 'text/csv' : /\.xlsx$/i.test(name) ? XLSX : undefined);

interface Result {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
}
type Outcome =
  | { kind: 'ok'; result: Result }
  | { kind: 'invalid'; problems: ImportProblem[] }
  | { kind: 'wrongType' }
  | { kind: 'error'; error: unknown };

function problemsOf(e: unknown): ImportProblem[] | null {
  if (!(e instanceof ApiError)) return null;
  const issues = (e.details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as ImportProblem[]) : null;
}

/** Upload enterprises as CSV or XLSX: validate first, then import; any wrong row imports nothing. */
export function EnterpriseImport() {
  const t = useAT();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  async function send(dryRun: boolean) {
    if (!file) return;
    const contentType = typeOf(file.name);
    if (!contentType) return setOutcome({ kind: 'wrongType' });
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await api<Result>(`/api/v1/imports/enterprises?dryRun=${dryRun}`, {
        method: 'POST',
        raw: file,
        contentType,
        headers: { 'X-Filename': encodeURIComponent(file.name) },
      });
      setOutcome({ kind: 'ok', result });
    } catch (error) {
      const problems = problemsOf(error);
      setOutcome(problems ? { kind: 'invalid', problems } : { kind: 'error', error });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="import-page">
      <header className="page-header">
        <h2>{t('importTitle')}</h2>
        <a className="btn" href="#/appeals/enterprises">
          {t('back')}
        </a>
      </header>
      <div className="card">
        <p className="muted">{t('importIntro')}</p>
        <div className="field">
          <label htmlFor={inputId}>CSV / XLSX</label>
          <input
            id={inputId}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setOutcome(undefined);
            }}
          />
        </div>
        <div className="appeal-toolbar">
          <button type="button" className="btn" disabled={!file || busy} onClick={() => send(true)}>
            {t('validate')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!file || busy}
            onClick={() => send(false)}
            data-testid="import-submit"
          >
            {t('import')}
          </button>
        </div>
      </div>
      <div aria-live="polite">
        {outcome?.kind === 'wrongType' && <p className="form-error">{t('wrongType')}</p>}
        {outcome?.kind === 'error' && <ErrorBox error={outcome.error} />}
        {outcome?.kind === 'invalid' && (
          <div className="card" data-testid="import-invalid">
            <p className="form-error">
              <strong>✗ {t('importInvalid', { n: outcome.problems.length })}</strong>
            </p>
            <ImportProblems problems={outcome.problems} />
          </div>
        )}
        {outcome?.kind === 'ok' && (
          <div className="card" data-testid="import-result">
            <p className={outcome.result.dryRun ? 'notice' : 'notice notice-ok'}>
              ✓ {outcome.result.dryRun ? t('importValid') : t('importDone')}
            </p>
            <dl className="appeal-facts">
              {(['rows', 'created', 'updated'] as const).map((k) => (
                <div key={k}>
                  <dt>{t(k)}</dt>
                  <dd data-testid={`import-${k}`}>{outcome.result[k]}</dd>
                </div>
              ))}
            </dl>
          </div>
        )}
      </div>
    </section>
  );
}
