import { type FormEvent, useState } from 'react';
import { api } from '../api';
import type { CheckResult } from '../api-types';
import { QrScanner } from '../camera/QrScanner';
import { newKey } from '../common/newKey';
import { ErrorBox } from '../common/Status';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';

/**
 * Check-in at a venue as a phone user does it: point the camera at the poster, or type the
 * number printed under its QR when the camera cannot (the server looks the number up).
 */
export function CheckIn({ personalCode }: { personalCode: string }) {
  const { t, lang } = useI18n();
  const [scanning, setScanning] = useState(false);
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<CheckResult | null>(null);
  const checkIn = useSubmit(async (venueCode: string) => {
    setResult(null);
    setResult(
      await api<CheckResult>('/api/v1/scans', {
        method: 'POST',
        body: { venueCode, personalCode },
        headers: { 'Idempotency-Key': newKey() },
      }),
    );
  });
  const onScan = (text: string) => {
    setScanning(false);
    void checkIn.run(text);
  };
  const onType = (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim()) void checkIn.run(typed.trim());
  };
  return (
    <section className="pass-checkin">
      <h2>{t('pass.checkIn')}</h2>
      {scanning ? (
        <>
          <QrScanner onCode={onScan} testId="venue-scanner" />
          <button type="button" className="btn" onClick={() => setScanning(false)}>
            {t('camera.close')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="btn btn-primary pass-scan-btn"
          onClick={() => {
            setResult(null);
            setScanning(true);
          }}
          disabled={checkIn.busy}
          data-testid="scan-venue"
        >
          {t('pass.scanPoster')}
        </button>
      )}
      <form className="pass-typed" onSubmit={onType}>
        <label>
          {t('pass.venueCode')}
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={t('pass.venueHint')}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            data-testid="venue-code"
          />
        </label>
        <button type="submit" className="btn" disabled={checkIn.busy || !typed.trim()} data-testid="check-in">
          {t('pass.submit')}
        </button>
      </form>
      {checkIn.error !== undefined && <ErrorBox error={checkIn.error} />}
      {result && (
        <div className={`pass-verdict ${result.verdict}`} data-testid="verdict" data-verdict={result.verdict}>
          <strong>{result.verdict === 'allow' ? t('pass.allow') : t('pass.deny')}</strong>
          <span data-testid="verdict-venue">{result.venue.name}</span>
          {result.reasons.map((r) => (
            <span key={r.code}>{lang === 'en' ? r.en : r['zh-CN']}</span>
          ))}
        </div>
      )}
    </section>
  );
}
