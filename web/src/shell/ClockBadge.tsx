import { useBusinessNow, useClockShifted } from '../common/clock';
import { useI18n } from '../i18n';

/**
 * Shows the business clock when it runs apart from real time (the demo scenario or a rehearsal),
 * so nobody mistakes a scenario "overdue" or "within 24 h" for today's.
 */
export function ClockBadge() {
  const { t, lang } = useI18n();
  const shifted = useClockShifted();
  const now = useBusinessNow(30_000);
  if (!shifted) return null;
  const text = new Date(now).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <span
      className="clock-badge"
      title={t('clock.hint')}
      data-testid="clock-badge"
      data-now={new Date(now).toISOString()}
    >
      <span className="clock-label">{t('clock.label')} </span>
      {text}
    </span>
  );
}
