import type { Duty } from '../api-types';
import { CHINA_TIME_ZONE, formatDateTime } from '../common/dates';
import { useI18n } from '../i18n';

/** Overdue first, then open ones by due time, then the closed ones. */
const order = (d: Duty) => (d.overdue ? 0 : d.closedAt ? 2 : 1);

/** The zone's duties; overdue ones are highlighted and listed first. With `onCloseDuty`, open ones can be closed. */
export function DutyList({ duties, onCloseDuty }: { duties: Duty[]; onCloseDuty?: (duty: Duty) => void }) {
  const { t, lang, formatNumber } = useI18n();
  if (duties.length === 0) return <p className="muted">{t('duties.none')}</p>;
  const sorted = [...duties].sort((a, b) => order(a) - order(b) || (a.dueAt < b.dueAt ? -1 : 1));
  const overdue = duties.filter((d) => d.overdue).length;
  return (
    <>
      {overdue > 0 && (
        <p className="notice notice-danger" data-testid="duties-overdue">
          {t('duties.overdueN', { n: formatNumber(overdue) })}
        </p>
      )}
      <ul className="duty-list" data-testid="duties">
        {sorted.map((d) => (
          <li
            key={d.id}
            className={`duty${d.overdue ? ' duty-overdue' : ''}${d.closedAt ? ' duty-closed' : ''}`}
            data-testid="duty"
            data-overdue={d.overdue}
            data-closed={d.closedAt !== null}
            data-id={d.id}
          >
            <div className="duty-head">
              <span className="duty-kind">{t(`duties.kind.${d.kind}`)}</span>
              <strong className="duty-title">{d.title}</strong>
              {d.overdue && <span className="duty-flag">{t('duties.overdue')}</span>}
              {d.closedAt && <span className="duty-flag duty-flag-closed">{t('duties.closed')}</span>}
            </div>
            <div className="duty-meta muted small">
              <span>{t('duties.owner', { owner: d.owner })}</span>
              <span>{t('duties.due', { at: formatDateTime(d.dueAt, lang, CHINA_TIME_ZONE) })}</span>
              {d.closedAt && (
                <span>{t('duties.closedAt', { at: formatDateTime(d.closedAt, lang, CHINA_TIME_ZONE) })}</span>
              )}
            </div>
            {d.closingNote && <p className="duty-note small">{d.closingNote}</p>}
            {onCloseDuty && !d.closedAt && (
              <div className="duty-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => onCloseDuty(d)}
                  data-testid="duty-close"
                  aria-label={t('duties.closeTitle', { title: d.title })}
                >
                  {t('duties.close')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
