import { useEffect, useState } from 'react';
import { QrCode } from '../camera/QrCode';
import { businessNow } from '../common/clock';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { CheckIn } from './CheckIn';
import './pass.css';

interface PassView {
  colour: 'green' | 'yellow' | 'red';
  colourRule: string;
  reason: { 'zh-CN': string; en: string };
  notice: { 'zh-CN': string; en: string } | null;
  lastNegativeSampledAt: string | null;
  negativeWithin24h: boolean;
  personalCode: string;
  refreshAt: string;
}

/** The shortest wait between two asks for the pass, should an answer's refresh instant be already past. */
const MIN_GAP_MS = 10_000;

/** The resident's pass: colour, certificate, and the personal code of this minute; check-in below. */
export function Pass() {
  const { t, lang } = useI18n();
  const pass = useApi<PassView>('/api/v1/pass');
  const [left, setLeft] = useState(60);
  const { data, reload } = pass;

  useEffect(() => {
    if (!data) return;
    // One request per code: ask again when the code's minute is over by the server's business clock
    // (the browser's clock may be years apart in the demo), and never sooner than MIN_GAP_MS after
    // this answer whatever the clocks say.
    const refreshAt = Date.parse(data.refreshAt);
    const due = Math.max(Number.isNaN(refreshAt) ? 0 : refreshAt, businessNow() + MIN_GAP_MS);
    let asked = false;
    const tick = () => {
      const ms = due - businessNow();
      setLeft(Math.max(0, Math.ceil(ms / 1000)));
      if (ms <= 0 && !asked) {
        asked = true;
        reload();
      }
    };
    tick();
    const t = setInterval(tick, 1000);
    return () => clearInterval(t);
  }, [data, reload]);

  if (pass.loading && !data) return <Loading />;
  if (pass.error && !data) return <ErrorBox error={pass.error} onRetry={reload} />;
  if (!data) return null;
  const when = data.lastNegativeSampledAt
    ? new Date(data.lastNegativeSampledAt).toLocaleString(lang, { timeZone: 'Asia/Shanghai' })
    : t('certificate.none');
  return (
    <div className="pass">
      <h1>{t('pass.title')}</h1>
      {data.notice && (
        <div className="pass-notice" role="alert" data-testid="pass-notice">
          <strong>{t('pass.notice')}</strong>
          <span>{data.notice[lang === 'en' ? 'en' : 'zh-CN']}</span>
        </div>
      )}
      <section className={`pass-colour pass-${data.colour}`} data-testid="pass-colour" data-colour={data.colour}>
        <strong>{t(`colour.${data.colour}`)}</strong>
        <span>{data.reason[lang === 'en' ? 'en' : 'zh-CN']}</span>
      </section>
      <section className={`pass-cert ${data.negativeWithin24h ? 'ok' : 'no'}`} data-testid="pass-cert">
        <strong>{data.negativeWithin24h ? t('certificate.negative24') : t('pass.noNegative24')}</strong>
        <span>
          {t('certificate.lastNegative')}: {when}
        </span>
      </section>
      <section className="pass-code">
        <div className="muted small">{t('pass.code')}</div>
        <QrCode text={data.personalCode} label={t('pass.code')} testId="pass-qr" />
        <code data-testid="pass-code">{data.personalCode}</code>
        <div className="muted small" data-testid="pass-refresh">
          {t('pass.refreshes', { s: left })}
        </div>
      </section>
      <CheckIn personalCode={data.personalCode} />
      <p className="muted small">
        {t('pass.rule')}: {data.colourRule}
      </p>
    </div>
  );
}
