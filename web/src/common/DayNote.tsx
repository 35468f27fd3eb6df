import { useI18n } from '../i18n';
import { formatDay } from './dates';

/**
 * One line under a screen's title saying which day it shows against the business today: nothing
 * when it is today; why when it is not (an earlier day picked in the address — with a way back —,
 * the latest day that has records, or a day the screen's own rule takes, given as `why`).
 */
export function DayNote({
  shown,
  today,
  picked,
  why,
  todayHref,
}: {
  /** The day the screen shows. */
  shown: string;
  /** The business today (common/clock). */
  today: string;
  /** Whether the day came from the address (the user picked it). */
  picked: boolean;
  /** The screen's own reason for another day, already translated. */
  why?: string;
  /** Where "back to today" goes. */
  todayHref?: string;
}) {
  const { t, lang } = useI18n();
  if (shown === today) return null;
  const text = picked
    ? t('day.picked', { shown: formatDay(shown, lang), today: formatDay(today, lang) })
    : (why ?? t('day.latest', { shown: formatDay(shown, lang), today: formatDay(today, lang) }));
  return (
    <p className="day-note muted small" data-testid="day-note" data-shown={shown} data-today={today}>
      {text}
      {picked && todayHref && (
        <>
          {' '}
          <a href={todayHref} data-testid="day-note-today">
            {t('day.backToToday')}
          </a>
        </>
      )}
    </p>
  );
}
