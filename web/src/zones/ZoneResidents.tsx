import { useId, useState } from 'react';
import { ImportProblems } from '../cases/ImportProblems';
import { Pager } from '../common/Pager';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSheetUpload } from '../common/useSheetUpload';
import { useI18n } from '../i18n';

interface Page {
  total: number;
  items: Array<{ personId: number; idNumberMasked: string; nameMasked: string; communityCode: string }>;
}
interface Result {
  added: number;
  already: number;
  dryRun: boolean;
}

/** A zone's recorded residents (masked), and the upload of the task force's list for those who may write. */
export function ZoneResidents({ code, mayWrite }: { code: string; mayWrite: boolean }) {
  const { t, formatNumber } = useI18n();
  const [page, setPage] = useState(1);
  const path = `/api/v1/zones/${encodeURIComponent(code)}/residents`;
  const list = useApi<Page>(`${path}?page=${page}&pageSize=10`);
  const upload = useSheetUpload<Result>(path);
  const inputId = useId();
  const { outcome } = upload;
  const send = async (dryRun: boolean) => {
    await upload.send(dryRun);
    if (!dryRun) list.reload();
  };

  return (
    <section className="card" data-testid="zone-residents">
      <div className="card-header">
        <h2>
          {t('zones.residentList.title')}{' '}
          {list.data && <span className="muted">· {formatNumber(list.data.total)}</span>}
        </h2>
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.total === 0 && <p className="muted">{t('zones.residentList.none')}</p>}
      {list.data && list.data.total > 0 && (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('zones.residentList.id')}</th>
                <th scope="col">{t('zones.residentList.name')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.personId}>
                  <td className="mono">{p.idNumberMasked}</td>
                  <td>{p.nameMasked}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={10} total={list.data.total} onPage={setPage} />
        </>
      )}
      {mayWrite && (
        <div className="zone-residents-upload">
          <p className="muted">{t('zones.residentList.intro')}</p>
          <label htmlFor={inputId} className="sr-only">
            CSV / XLSX
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="residents-file"
            onChange={(e) => upload.choose(e.target.files?.[0] ?? null)}
          />
          <div className="appeal-toolbar">
            <button
              type="button"
              className="btn btn-small"
              disabled={!upload.file || !!upload.busy}
              onClick={() => send(true)}
            >
              {t('zones.residentList.validate')}
            </button>
            <button
              type="button"
              className="btn btn-primary btn-small"
              disabled={!upload.file || !!upload.busy}
              onClick={() => send(false)}
              data-testid="residents-submit"
            >
              {t('zones.residentList.import')}
            </button>
          </div>
          <div aria-live="polite">
            {outcome?.kind === 'wrongType' && <p className="form-error">{t('zones.residentList.wrongType')}</p>}
            {outcome?.kind === 'error' && <ErrorBox error={outcome.error} />}
            {outcome?.kind === 'invalid' && (
              <>
                <p className="form-error">
                  ✗ {t('zones.residentList.invalid', { n: formatNumber(outcome.problems.length) })}
                </p>
                <ImportProblems problems={outcome.problems} />
              </>
            )}
            {outcome?.kind === 'ok' && (
              <p className={outcome.result.dryRun ? 'notice' : 'notice notice-ok'} data-testid="residents-result">
                ✓{' '}
                {t(outcome.result.dryRun ? 'zones.residentList.valid' : 'zones.residentList.done', {
                  added: formatNumber(outcome.result.added),
                  already: formatNumber(outcome.result.already),
                })}
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
