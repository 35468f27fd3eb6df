import { useId, useState } from 'react';
import type { ResultsRecorded } from '../api-types';
import { ImportProblems } from '../cases/ImportProblems';
import { ErrorBox } from '../common/Status';
import { useSheetUpload } from '../common/useSheetUpload';
import { useI18n } from '../i18n';

const COUNTS = ['rows', 'recorded', 'unchanged', 'positive', 'withoutReceipt'] as const;

/**
 * A lab's results file: preview first (every bad row with its row and column, nothing recorded),
 * then confirm the same file; a file with any bad row records nothing.
 */
export function LabResults() {
  const { t, formatNumber } = useI18n();
  const inputId = useId();
  const { file, choose, busy, outcome, send } = useSheetUpload<ResultsRecorded>('/api/v1/imports/results');
  const [stage, setStage] = useState<'preview' | 'done'>('preview');
  const run = (dryRun: boolean) => {
    setStage(dryRun ? 'preview' : 'done');
    void send(dryRun);
  };
  // confirming is offered only for a file whose preview came back clean, and only once
  const canConfirm = outcome?.kind === 'ok' && busy === null && stage === 'preview';
  return (
    <section className="card lab-card" data-testid="lab-results">
      <h2>{t('lab.results.title')}</h2>
      <p className="muted small">{t('lab.results.intro')}</p>
      <div className="field">
        <label htmlFor={inputId}>{t('lab.results.file')}</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setStage('preview');
            choose(e.target.files?.[0] ?? null);
          }}
          data-testid="lab-results-file"
        />
      </div>
      <div className="filters-actions">
        <button
          type="button"
          className="btn"
          disabled={!file || busy !== null}
          onClick={() => run(true)}
          data-testid="lab-results-preview"
        >
          {busy === 'validate' ? t('import.validating') : t('lab.results.preview')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!file || !canConfirm}
          onClick={() => run(false)}
          data-testid="lab-results-confirm"
        >
          {busy === 'import' ? t('import.importing') : t('lab.results.confirm')}
        </button>
      </div>
      <div aria-live="polite">
        {outcome?.kind === 'wrongType' && <p className="form-error">{t('import.wrongType')}</p>}
        {outcome?.kind === 'error' && <ErrorBox error={outcome.error} />}
        {outcome?.kind === 'invalid' && (
          <div className="import-invalid" data-testid="lab-results-invalid">
            <p className="form-error">
              <strong>✗ {t('lab.results.invalid', { n: formatNumber(outcome.problems.length) })}</strong>
            </p>
            <ImportProblems problems={outcome.problems} />
          </div>
        )}
        {outcome?.kind === 'ok' && (
          <div data-testid="lab-results-outcome" data-stage={stage}>
            <p className={stage === 'preview' ? 'notice' : 'notice notice-ok'}>
              ✓ {stage === 'preview' ? t('lab.results.valid') : t('lab.results.done')}
            </p>
            <dl className="import-counts">
              {COUNTS.map((k) => (
                <div key={k}>
                  <dt>{t(`lab.results.${k}`)}</dt>
                  <dd data-testid={`lab-results-${k}`}>{formatNumber(outcome.result[k])}</dd>
                </div>
              ))}
            </dl>
          </div>
        )}
      </div>
    </section>
  );
}
