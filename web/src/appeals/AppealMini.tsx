import type { Appeal } from '../api-types';
import { useI18n } from '../i18n';
import { fmt } from './format';

/** A compact list of appeals for side panels: number and title, status and unit, the deadline. */
export function AppealMini({ items, link = true }: { items: Appeal[]; link?: boolean }) {
  const { t, label, lang } = useI18n();
  if (items.length === 0) return <p className="muted">{t('appeals.none')}</p>;
  return (
    <table className="table appeal-mini">
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <td>
              {link ? <a href={`#/appeals/${a.id}`}>{a.trackingNo}</a> : <span className="mono">{a.trackingNo}</span>}
              <div className="appeal-mini-title">{a.title}</div>
            </td>
            <td>
              {label('appeals.status', a.status)}
              <div className="muted">{a.unitName ?? ''}</div>
            </td>
            <td className={a.overdue ? 'appeal-overdue' : ''}>
              {fmt(a.dueAt, lang)}
              {a.overdue && <div>{t('appeals.overdue')}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
