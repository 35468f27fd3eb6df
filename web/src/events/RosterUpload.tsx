import { useId, useState } from 'react';
import type { EventImportResult } from '../api-types';
import { ImportProblems } from '../cases/ImportProblems';
import { ErrorBox } from '../common/Status';
import { useSheetUpload } from '../common/useSheetUpload';
import { useI18n } from '../i18n';
import { RosterPreview } from './RosterPreview';

const SHEETS = ['rooms', 'candidates'] as const;
type Sheet = (typeof SHEETS)[number];
type Preview = NonNullable<EventImportResult['preview']>;

/** The preview a refused file's details carry beside its issues, if any. */
const previewOf = (details: unknown): Preview | undefined => {
  const p = (details as { preview?: Preview } | undefined)?.preview;
  return p && Array.isArray(p.rows) && Array.isArray(p.columns) ? p : undefined;
};

/**
 * The exam office's roster upload (考场、考生名单): pick which sheet, check the file (a dry run: its
 * first rows as read, what it would add and change, or every bad row with its column and reason,
 * marked in the rows), then confirm. Confirm is offered only for the file just checked and found
 * clean; a file with any bad row records nothing.
 */
export function RosterUpload({ event, onDone }: { event: string; onDone: () => void }) {
  const { t } = useI18n();
  const [sheet, setSheet] = useState<Sheet>('rooms');
  return (
    <div className="card roster-upload" data-testid="roster-upload">
      <h2>{t('events.upload')}</h2>
      <div className="exams-classes" role="tablist">
        {SHEETS.map((s) => (
          <button
            type="button"
            key={s}
            role="tab"
            aria-selected={s === sheet}
            className={`btn${s === sheet ? ' btn-primary' : ''}`}
            data-testid={`roster-sheet-${s}`}
            onClick={() => setSheet(s)}
          >
            {t(`events.upload.${s}`)}
          </button>
        ))}
      </div>
      <p className="muted small">{t(`events.upload.${sheet}.columns`)}</p>
      {/* A form per sheet: switching sheets forgets the file and the check of the other. */}
      <SheetForm key={sheet} path={`/api/v1/events/${encodeURIComponent(event)}/${sheet}`} onDone={onDone} />
    </div>
  );
}

function SheetForm({ path, onDone }: { path: string; onDone: () => void }) {
  const { t, formatNumber } = useI18n();
  const inputId = useId();
  const { file, choose, busy, outcome, send } = useSheetUpload<EventImportResult>(path);
  const checked = outcome?.kind === 'ok' && outcome.result.dryRun;
  const refused = outcome?.kind === 'invalid' ? previewOf(outcome.details) : undefined;
  return (
    <>
      <div className="field">
        <label htmlFor={inputId}>{t('import.file')}</label>
        <input
          id={inputId}
          type="file"
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="roster-file"
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
      </div>
      <div className="filters-actions">
        <button
          type="button"
          className="btn"
          disabled={!file || busy !== null}
          onClick={() => void send(true)}
          data-testid="roster-check"
        >
          {busy === 'validate' ? t('import.validating') : t('events.upload.check')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!checked || busy !== null}
          onClick={async () => {
            await send(false);
            onDone();
          }}
          data-testid="roster-confirm"
        >
          {busy === 'import' ? t('import.importing') : t('events.upload.confirm')}
        </button>
      </div>
      <div aria-live="polite">
        {outcome?.kind === 'wrongType' && <p className="form-error">{t('import.wrongType')}</p>}
        {outcome?.kind === 'error' && <ErrorBox error={outcome.error} />}
        {outcome?.kind === 'invalid' && (
          <div data-testid="roster-invalid">
            <p className="form-error">
              <strong>
                ✗{' '}
                {outcome.problems.length === 1
                  ? t('import.invalidOne')
                  : t('import.invalid', { n: formatNumber(outcome.problems.length) })}
              </strong>
            </p>
            <ImportProblems problems={outcome.problems} />
            {refused && <RosterPreview preview={refused} problems={outcome.problems} />}
          </div>
        )}
        {outcome?.kind === 'ok' && (
          <div data-testid="roster-result">
            <p className={outcome.result.dryRun ? 'notice' : 'notice notice-ok'}>
              ✓ {outcome.result.dryRun ? t('events.upload.preview') : t('events.upload.done')}
            </p>
            <dl className="import-counts">
              {(['rows', 'inserted', 'updated', 'unchanged', 'personsCreated'] as const).map((k) => (
                <div key={k}>
                  <dt>{t(`events.upload.${k}`)}</dt>
                  <dd data-testid={`roster-${k}`}>{formatNumber(outcome.result[k])}</dd>
                </div>
              ))}
            </dl>
            {outcome.result.preview && <RosterPreview preview={outcome.result.preview} />}
          </div>
        )}
      </div>
    </>
  );
}
