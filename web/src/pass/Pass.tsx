import { useEffect, useState } from 'react';
import { api } from '../api';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { usePassStrings } from './strings';
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

interface ScanResult {
  verdict: 'allow' | 'deny';
  reasons: Array<{ code: string; 'zh-CN': string; en: string }>;
  venue: { name: string };
}

/** The resident's pass: colour, certificate, and the personal code of this minute; check-in below. */
export function Pass() {
  const p = usePassStrings();
  const { lang } = useI18n();
  const pass = useApi<PassView>('/api/v1/pass');
  const [left, setLeft] = useState(60);
  const { data, reload } = pass;

  useEffect(() => {
    if (!data) return;
    const tick = () => {
      const s = Math.max(0, Math.round((Date.parse(data.refreshAt) - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) reload();
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
    : p('none');
  return (
    <div className="pass">
      <h1>{p('title')}</h1>
      {data.notice && (
        <div className="pass-notice" role="alert" data-testid="pass-notice">
          <strong>{p('notice')}</strong>
          <span>{data.notice[lang === 'en' ? 'en' : 'zh-CN']}</span>
        </div>
      )}
      <section className={`pass-colour pass-${data.colour}`} data-testid="pass-colour" data-colour={data.colour}>
        <strong>{p(data.colour)}</strong>
        <span>{data.reason[lang === 'en' ? 'en' : 'zh-CN']}</span>
      </section>
      <section className={`pass-cert ${data.negativeWithin24h ? 'ok' : 'no'}`} data-testid="pass-cert">
        <strong>{data.negativeWithin24h ? p('negative24') : p('noNegative24')}</strong>
        <span>
          {p('lastNegative')}: {when}
        </span>
      </section>
      <section className="pass-code">
        <div className="muted small">{p('code')}</div>
        <code data-testid="pass-code">{data.personalCode}</code>
        <div className="muted small">{p('refreshes', { s: left })}</div>
      </section>
      <CheckIn personalCode={data.personalCode} />
      <p className="muted small">
        {p('rule')}: {data.colourRule}
      </p>
    </div>
  );
}

function CheckIn({ personalCode }: { personalCode: string }) {
  const p = usePassStrings();
  const { lang } = useI18n();
  const [venueCode, setVenueCode] = useState('');
  const [result, setResult] = useState<ScanResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setError(null);
    setResult(null);
    try {
      setResult(
        await api<ScanResult>('/api/v1/scans', { method: 'POST', body: { venueCode: venueCode.trim(), personalCode } }),
      );
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="pass-checkin">
      <h2>{p('checkIn')}</h2>
      <label>
        {p('venueCode')}
        <input
          value={venueCode}
          onChange={(e) => setVenueCode(e.target.value)}
          placeholder={p('venueHint')}
          data-testid="venue-code"
        />
      </label>
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => void submit()}
        disabled={!venueCode.trim()}
        data-testid="check-in"
      >
        {p('submit')}
      </button>
      {error ? <ErrorBox error={error} /> : null}
      {result && (
        <div className={`pass-verdict ${result.verdict}`} data-testid="verdict" data-verdict={result.verdict}>
          <strong>{result.verdict === 'allow' ? p('allow') : p('deny')}</strong>
          <span>{result.venue.name}</span>
          {result.reasons.map((r) => (
            <span key={r.code}>{lang === 'en' ? r.en : r['zh-CN']}</span>
          ))}
        </div>
      )}
    </section>
  );
}
