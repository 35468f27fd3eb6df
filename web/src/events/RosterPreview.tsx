import type { EventImportResult, ImportProblem } from '../api-types';
import { useI18n } from '../i18n';

type Preview = NonNullable<EventImportResult['preview']>;

/**
 * The first page of the file's rows as the server read them (identity columns masked): what the
 * import would do to each, and each bad row marked in the cell of its column with the reason.
 */
export function RosterPreview({ preview, problems = [] }: { preview: Preview; problems?: ImportProblem[] }) {
  const { t, lang, formatNumber } = useI18n();
  const byRow = new Map<number, ImportProblem[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  const text = (p: ImportProblem) => p.message[lang] ?? p.message.en ?? p.message['zh-CN'] ?? p.code;
  return (
    <div className="roster-preview" data-testid="roster-preview">
      <p className="muted small">
        {t('events.upload.previewRows', {
          n: formatNumber(preview.rows.length),
          total: formatNumber(preview.total),
        })}
      </p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.row')}
              </th>
              {preview.columns.map((c) => (
                <th scope="col" key={c} className="mono">
                  {c}
                </th>
              ))}
              <th scope="col">{t('events.upload.action')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => {
              const mine = byRow.get(r.row) ?? [];
              return (
                <tr key={r.row} className={`roster-${r.action}`} data-testid={`roster-row-${r.row}`}>
                  <td className="num">{r.row}</td>
                  {r.cells.map((v, i) => {
                    const column = preview.columns[i] as string;
                    const bad = mine.filter((p) => p.column === column);
                    return (
                      <td
                        // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the file
                        key={i}
                        className={bad.length ? 'roster-bad-cell' : undefined}
                        title={bad.map(text).join('\n') || undefined}
                        data-bad={bad.length ? column : undefined}
                      >
                        {v}
                      </td>
                    );
                  })}
                  <td className="wrap" data-testid="roster-row-action">
                    {r.action === 'invalid'
                      ? mine.map((p) => (
                          <div key={`${p.column}-${p.code}`} className="form-error">
                            <span className="mono">{p.column || '—'}</span> {text(p)}
                          </div>
                        ))
                      : t(`events.upload.action.${r.action}`)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
