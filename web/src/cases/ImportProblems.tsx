import type { ImportProblem } from '../api-types';
import { useI18n } from '../i18n';

/** Every problem the server found, in the UI language, so the file can be fixed in one go. */
export function ImportProblems({ problems }: { problems: ImportProblem[] }) {
  const { t, lang } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table import-problems" data-testid="import-problems">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('import.row')}
            </th>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            // problems have no id; the list is fixed once received
            // biome-ignore lint/suspicious/noArrayIndexKey: a static list
            <tr key={i}>
              <td className="num">{p.row}</td>
              <td className="mono">{p.column ?? '—'}</td>
              <td className="wrap">{p.message[lang] ?? p.message.en ?? p.message['zh-CN'] ?? p.code}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
