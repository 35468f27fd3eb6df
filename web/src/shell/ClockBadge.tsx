import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';

/**
 * Shows the business clock when it runs apart from real time (the demo scenario or a rehearsal),
 * so nobody mistakes a scenario "overdue" or "within 24 h" for today's.
 */
export function ClockBadge() {
  const { t, lang } = useI18n();
  const { data } = useApi<{ now: string; shifted: boolean }>('/api/v1/clock');
  const offset = useMemo(() => (data ? Date.parse(data.now) - Date.now() : 0), [data]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  if (!data?.shifted) return null;
  const text = new Date(now + offset).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <span className="clock-badge" title={t('clock.hint')}>
      <span className="clock-label">{t('clock.label')} </span>
      {text}
    </span>
  );
}
