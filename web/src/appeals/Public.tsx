import { type FormEvent, useState } from 'react';
import { api, errorText } from '../api';
import { useI18n } from '../i18n';
import { LangToggle } from '../shell/LangToggle';
import { CATEGORIES, DISTRICTS, newKey, useAT } from './strings';
import './appeals.css';

/** The public submission form: the web channel (抗疫通道) or the phone-sized one (一键写信). */
export function AppealForm({ channel }: { channel: 'web' | 'mobile' }) {
  const t = useAT();
  const { lang } = useI18n();
  const [key, setKey] = useState(newKey);
  const [submitter, setSubmitter] = useState<'enterprise' | 'resident'>('enterprise');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    setBusy(true);
    setError(undefined);
    try {
      const r = await api<{ trackingNo: string }>(`/api/v1/public/appeals?channel=${channel}`, {
        method: 'POST',
        body: {
          idempotencyKey: key,
          submitter,
          creditCode: submitter === 'enterprise' ? v('creditCode') : undefined,
          contactName: v('contactName'),
          phone: v('phone') ?? '',
          districtCode: v('districtCode'),
          category: v('category') ?? 'other',
          urgency: 'normal',
          title: v('title') ?? '',
          content: v('content') ?? '',
        },
      });
      setDone(r.trackingNo);
      setKey(newKey());
    } catch (err) {
      // The same key is kept: resubmitting after a lost answer returns the same appeal.
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className={`appeal-public ${channel === 'mobile' ? 'appeal-mobile' : ''}`}>
      <header className="appeal-public-head">
        <h1>{channel === 'web' ? t('webTitle') : t('mobileTitle')}</h1>
        <LangToggle />
      </header>
      {done ? (
        <div className="notice" data-testid="appeal-done">
          <p>{t('submitted', { no: done })}</p>
          <p className="tracking-no" data-testid="tracking-no">
            {done}
          </p>
          <a href="#/track">{t('trackTitle')}</a>
        </div>
      ) : (
        <form onSubmit={submit} className="appeal-form">
          <fieldset>
            <legend>{t('submitter')}</legend>
            {(['enterprise', 'resident'] as const).map((s) => (
              <label key={s}>
                <input type="radio" name="submitter" checked={submitter === s} onChange={() => setSubmitter(s)} />{' '}
                {t(s)}
              </label>
            ))}
          </fieldset>
          {submitter === 'enterprise' && (
            <label>
              {t('creditCode')}
              <input name="creditCode" required maxLength={18} autoCapitalize="characters" />
            </label>
          )}
          {channel === 'web' && (
            <label>
              {t('contactName')}
              <input name="contactName" maxLength={40} />
            </label>
          )}
          <label>
            {t('phone')}
            <input name="phone" type="tel" required inputMode="tel" />
          </label>
          <label>
            {t('district')}
            <select name="districtCode" defaultValue="">
              <option value="">—</option>
              {DISTRICTS.map(([c, n]) => (
                <option key={c} value={c}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('category')}
            <select name="category" defaultValue="production">
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`cat.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('title')}
            <input name="title" required maxLength={80} />
          </label>
          <label>
            {t('content')}
            <textarea name="content" required maxLength={2000} rows={channel === 'web' ? 6 : 4} />
          </label>
          {error && (
            <p className="notice notice-warn" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('submitting') : t('submit')}
          </button>
        </form>
      )}
    </main>
  );
}

interface Tracked {
  trackingNo: string;
  status: string;
  title: string;
  reply: string | null;
  mayRate: boolean;
  rating: string | null;
  timeline: Array<{ at: string; action: string; to: string | null; unitName: Record<string, string | null> }>;
  messages: Array<{ kind: string; body: Record<string, string>; status: string; createdAt: string }>;
}

/** The tracking page: tracking number + the last four phone digits, no account. */
export function TrackPage() {
  const t = useAT();
  const { lang } = useI18n();
  const [res, setRes] = useState<Tracked>();
  const [cred, setCred] = useState<{ trackingNo: string; last4: string }>();
  const [error, setError] = useState<string>();

  async function call(path: string, body: Record<string, string>) {
    setError(undefined);
    try {
      setRes(await api<Tracked>(path, { method: 'POST', body }));
    } catch (err) {
      setRes(undefined);
      setError(errorText(err, lang));
    }
  }
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const c = { trackingNo: String(f.get('trackingNo') ?? '').trim(), last4: String(f.get('last4') ?? '').trim() };
    setCred(c);
    await call('/api/v1/public/appeals/track', c);
  }
  return (
    <main className="appeal-public appeal-mobile">
      <header className="appeal-public-head">
        <h1>{t('trackTitle')}</h1>
        <LangToggle />
      </header>
      <form onSubmit={submit} className="appeal-form">
        <label>
          {t('trackingNo')}
          <input name="trackingNo" required />
        </label>
        <label>
          {t('last4')}
          <input name="last4" required pattern="\d{4}" inputMode="numeric" maxLength={4} />
        </label>
        <button type="submit" className="btn btn-primary">
          {t('lookup')}
        </button>
      </form>
      {error && <p className="notice notice-warn">{error}</p>}
      {res && (
        <section className="appeal-track" data-testid="track-result">
          <h2>
            {res.trackingNo} · {res.title}
          </h2>
          <p>
            {t('status')}：<strong data-testid="track-status">{t(`status.${res.status}`)}</strong>
          </p>
          {res.reply && (
            <p data-testid="track-reply">
              {t('reply')}：{res.reply}
            </p>
          )}
          {res.mayRate && cred && (
            <p>
              {(['satisfied', 'basic', 'unsatisfied'] as const).map((r) => (
                <button
                  key={r}
                  type="button"
                  className="btn"
                  onClick={() => call('/api/v1/public/appeals/rate', { ...cred, rating: r })}
                >
                  {t(`rating.${r}`)}
                </button>
              ))}
            </p>
          )}
          <h3>{t('timeline')}</h3>
          <ol>
            {res.timeline.map((e) => (
              <li key={`${e.at}-${e.action}`}>
                {new Date(e.at).toLocaleString(lang)} · {t(`status.${e.to ?? ''}`)} {e.unitName[lang] ?? ''}
              </li>
            ))}
          </ol>
          <h3>{t('messages')}</h3>
          <ul>
            {res.messages.map((m) => (
              <li key={`${m.createdAt}-${m.kind}`}>{m.body[lang] ?? m.body['zh-CN']}</li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
