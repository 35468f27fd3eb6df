import { useCallback, useId, useState } from 'react';
import { ImportProblems } from '../cases/ImportProblems';
import { Pager } from '../common/Pager';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSheetUpload } from '../common/useSheetUpload';
import { useI18n } from '../i18n';

// The zone screens' other strings live in the shared dictionaries; this card keeps its own.
const STRINGS = {
  'zh-CN': {
    title: '居民名单',
    intro: '按入户排查名单登记本区居民（CSV/XLSX，列名“身份证号码”）。高风险区居民赋红码，中风险区赋黄码。',
    none: '尚未登记居民',
    id: '身份证号码',
    name: '姓名',
    validate: '校验',
    import: '登记',
    valid: '校验通过：将新登记 {added} 人，已登记 {already} 人',
    done: '已登记 {added} 人（此前已登记 {already} 人）',
    invalid: '名单有 {n} 处错误，未登记任何居民',
    wrongType: '请选择 .csv 或 .xlsx 文件',
  },
  en: {
    title: 'Residents',
    intro:
      'Record the residents from the door-to-door list (CSV/XLSX, column “id_number”). Residents of a high zone get a red code, of a medium zone a yellow one.',
    none: 'No residents recorded yet',
    id: 'ID number',
    name: 'Name',
    validate: 'Validate',
    import: 'Record',
    valid: 'Valid: {added} to record, {already} already recorded',
    done: '{added} recorded ({already} were already)',
    invalid: '{n} problems in the list; nobody was recorded',
    wrongType: 'Choose a .csv or .xlsx file',
  },
} as const;
type Key = keyof (typeof STRINGS)['en'];

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
  const { lang, formatNumber } = useI18n();
  const s = useCallback(
    (k: Key, p: Record<string, number> = {}) =>
      STRINGS[lang === 'en' ? 'en' : 'zh-CN'][k].replace(/\{(\w+)\}/g, (_, n: string) => formatNumber(p[n] ?? 0)),
    [lang, formatNumber],
  );
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
          {s('title')} {list.data && <span className="muted">· {formatNumber(list.data.total)}</span>}
        </h2>
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.total === 0 && <p className="muted">{s('none')}</p>}
      {list.data && list.data.total > 0 && (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{s('id')}</th>
                <th scope="col">{s('name')}</th>
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
          <p className="muted">{s('intro')}</p>
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
              {s('validate')}
            </button>
            <button
              type="button"
              className="btn btn-primary btn-small"
              disabled={!upload.file || !!upload.busy}
              onClick={() => send(false)}
              data-testid="residents-submit"
            >
              {s('import')}
            </button>
          </div>
          <div aria-live="polite">
            {outcome?.kind === 'wrongType' && <p className="form-error">{s('wrongType')}</p>}
            {outcome?.kind === 'error' && <ErrorBox error={outcome.error} />}
            {outcome?.kind === 'invalid' && (
              <>
                <p className="form-error">✗ {s('invalid', { n: outcome.problems.length })}</p>
                <ImportProblems problems={outcome.problems} />
              </>
            )}
            {outcome?.kind === 'ok' && (
              <p className={outcome.result.dryRun ? 'notice' : 'notice notice-ok'} data-testid="residents-result">
                ✓{' '}
                {s(outcome.result.dryRun ? 'valid' : 'done', {
                  added: outcome.result.added,
                  already: outcome.result.already,
                })}
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
