import { useId } from 'react';
import { ImportProblems } from '../cases/ImportProblems';
import { ErrorBox } from '../common/Status';
import { useSheetUpload } from '../common/useSheetUpload';
import { useI18n } from '../i18n';

interface Result {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
}

/** Upload enterprises as CSV or XLSX: validate first, then import; any wrong row imports nothing. */
export function EnterpriseImport() {
  const { t } = useI18n();
  const inputId = useId();
  const { file, choose, busy: sending, outcome, send } = useSheetUpload<Result>('/api/v1/imports/enterprises');
  const busy = sending !== null;

  return (
    <section className="import-page">
      <header className="page-header">
        <h2>{t('appeals.importTitle')}</h2>
        <a className="btn" href="#/appeals/enterprises">
          {t('appeals.back')}
        </a>
      </header>
      <div className="card">
        <p className="muted">{t('appeals.importIntro')}</p>
        <div className="field">
          <label htmlFor={inputId}>CSV / XLSX</label>
          <input
            id={inputId}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-file"
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="appeal-toolbar">
          <button type="button" className="btn" disabled={!file || busy} onClick={() => send(true)}>
            {t('appeals.validate')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!file || busy}
            onClick={() => send(false)}
            data-testid="import-submit"
          >
            {t('appeals.import')}
          </button>
        </div>
      </div>
      <div aria-live="polite">
        {outcome?.kind === 'wrongType' && <p className="form-error">{t('appeals.wrongType')}</p>}
        {outcome?.kind === 'error' && <ErrorBox error={outcome.error} />}
        {outcome?.kind === 'invalid' && (
          <div className="card" data-testid="import-invalid">
            <p className="form-error">
              <strong>✗ {t('appeals.importInvalid', { n: outcome.problems.length })}</strong>
            </p>
            <ImportProblems problems={outcome.problems} />
          </div>
        )}
        {outcome?.kind === 'ok' && (
          <div className="card" data-testid="import-result">
            <p className={outcome.result.dryRun ? 'notice' : 'notice notice-ok'}>
              ✓ {outcome.result.dryRun ? t('appeals.importValid') : t('appeals.importDone')}
            </p>
            <dl className="appeal-facts">
              {(['rows', 'created', 'updated'] as const).map((k) => (
                <div key={k}>
                  <dt>{t(`appeals.${k}`)}</dt>
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
