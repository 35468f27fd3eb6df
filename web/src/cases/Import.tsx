import { useId } from 'react';
import type { ImportResult } from '../api-types';
import { DownloadButton } from '../common/DownloadButton';
import { href } from '../common/router';
import { ErrorBox } from '../common/Status';
import { useSheetUpload } from '../common/useSheetUpload';
import { useI18n } from '../i18n';
import { ImportProblems } from './ImportProblems';
import './cases.css';

/** Upload a CSV or XLSX of cases: validate (dry run) first, then import; a file with any problem imports nothing. */
export function Import() {
  const { t, formatNumber } = useI18n();
  const inputId = useId();
  const { file, choose, busy, outcome, send } = useSheetUpload<ImportResult>('/api/v1/imports/cases');

  return (
    <section className="page import-page">
      <header className="page-header">
        <h1>{t('import.title')}</h1>
        <a className="btn" href={href('cases')}>
          {t('import.back')}
        </a>
      </header>
      <div className="card import-card">
        <p className="muted">{t('import.intro')}</p>
        <div className="import-templates">
          <span>{t('import.templates')}</span>
          <DownloadButton
            path="/api/v1/imports/cases/template.csv"
            fileName="cases-template.csv"
            busyLabel={t('common.loading')}
            className="btn btn-small"
            testId="template-csv"
          >
            {t('import.templateCsv')}
          </DownloadButton>
          <DownloadButton
            path="/api/v1/imports/cases/template.xlsx"
            fileName="cases-template.xlsx"
            busyLabel={t('common.loading')}
            className="btn btn-small"
            testId="template-xlsx"
          >
            {t('import.templateXlsx')}
          </DownloadButton>
        </div>
        <div className="field">
          <label htmlFor={inputId}>{t('import.file')}</label>
          <input
            id={inputId}
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-file"
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="filters-actions">
          <button
            type="button"
            className="btn"
            disabled={!file || busy !== null}
            onClick={() => send(true)}
            data-testid="import-validate"
          >
            {busy === 'validate' ? t('import.validating') : t('import.validate')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!file || busy !== null}
            onClick={() => send(false)}
            data-testid="import-submit"
          >
            {busy === 'import' ? t('import.importing') : t('import.import')}
          </button>
        </div>
      </div>

      <div aria-live="polite">
        {outcome?.kind === 'wrongType' && <p className="form-error">{t('import.wrongType')}</p>}
        {outcome?.kind === 'error' && <ErrorBox error={outcome.error} />}
        {outcome?.kind === 'invalid' && (
          <div className="card import-invalid" data-testid="import-invalid">
            <p className="form-error">
              <strong>
                ✗{' '}
                {outcome.problems.length === 1
                  ? t('import.invalidOne')
                  : t('import.invalid', { n: formatNumber(outcome.problems.length) })}
              </strong>
            </p>
            <ImportProblems problems={outcome.problems} />
          </div>
        )}
        {outcome?.kind === 'ok' && (
          <div className="card import-ok" data-testid="import-result">
            <p className={outcome.result.dryRun ? 'notice' : 'notice notice-ok'}>
              ✓ {outcome.result.dryRun ? t('import.valid') : t('import.done')}
            </p>
            <dl className="import-counts">
              {(['rows', 'inserted', 'updated', 'unchanged'] as const).map((k) => (
                <div key={k}>
                  <dt>{t(`import.${k}`)}</dt>
                  <dd data-testid={`import-${k}`}>{formatNumber(outcome.result[k])}</dd>
                </div>
              ))}
            </dl>
          </div>
        )}
      </div>
    </section>
  );
}
