import { useState } from 'react';
import { api } from '../api';
import { newKey } from '../common/newKey';
import { ErrorBox, FormError, Loading } from '../common/Status';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import { LangToggle } from '../shell/LangToggle';
import { fmt } from './format';
import { useAppealOptions } from './useAppealOptions';
import './appeals.css';

/** The public submission form: the web channel (抗疫通道) or the phone-sized one (一键写信). */
export function AppealForm({ channel }: { channel: 'web' | 'mobile' }) {
  const { t, label, lang } = useI18n();
  const options = useAppealOptions();
  const [key, setKey] = useState(newKey);
  const [submitter, setSubmitter] = useState<'enterprise' | 'resident'>('enterprise');
  const [done, setDone] = useState<string>();

  // On a failure the same key is kept: resubmitting after a lost answer returns the same appeal.
  const submit = useSubmit(async (form: HTMLFormElement) => {
    const f = new FormData(form);
    const v = (k: string) => String(f.get(k) ?? '').trim() || undefined;
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
  });

  return (
    <main className={`appeal-public ${channel === 'mobile' ? 'appeal-mobile' : ''}`}>
      <PublicHead
        title={
          options.data?.channels[channel][lang] ??
          (channel === 'web' ? t('appeals.webTitle') : t('appeals.mobileTitle'))
        }
        hotline={options.data?.hotline ?? null}
      />
      {channel === 'web' && <p className="appeal-public-intro">{t('appeals.formIntro')}</p>}
      {options.error !== undefined && !options.data ? (
        <ErrorBox error={options.error} onRetry={options.reload} />
      ) : !options.data ? (
        <Loading />
      ) : done ? (
        <div className="notice" data-testid="appeal-done">
          <p>{t('appeals.submitted', { no: done })}</p>
          <p className="tracking-no" data-testid="tracking-no">
            {done}
          </p>
          <a href="#/track">{t('appeals.trackTitle')}</a>
        </div>
      ) : (
        <form onSubmit={submit.onSubmit} className="appeal-form card" aria-busy={submit.busy}>
          <fieldset className="appeal-choice">
            <legend>{t('appeals.submitter')}</legend>
            {(['enterprise', 'resident'] as const).map((s) => (
              <label key={s}>
                <input type="radio" name="submitter" checked={submitter === s} onChange={() => setSubmitter(s)} />{' '}
                {t(`appeals.${s}`)}
              </label>
            ))}
          </fieldset>
          {submitter === 'enterprise' && (
            <label>
              {t('appeals.creditCode')}
              <input name="creditCode" required maxLength={18} autoCapitalize="characters" />
            </label>
          )}
          {channel === 'web' && (
            <label>
              {t('appeals.contactName')}
              <input name="contactName" maxLength={40} />
            </label>
          )}
          <label>
            {t('appeals.phone')}
            <input name="phone" type="tel" required inputMode="tel" />
          </label>
          <label>
            {t('appeals.district')}
            <select name="districtCode" defaultValue="">
              <option value="">—</option>
              {options.data.districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('appeals.category')}
            <select name="category" defaultValue="production">
              {options.data.categories.map((c) => (
                <option key={c} value={c}>
                  {label('appeals.cat', c)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('appeals.title')}
            <input name="title" required maxLength={80} />
          </label>
          <label>
            {t('appeals.content')}
            <textarea name="content" required maxLength={2000} rows={channel === 'web' ? 6 : 4} />
          </label>
          <FormError error={submit.error} />
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {submit.busy ? t('appeals.submitting') : t('appeals.submit')}
          </button>
          <a href="#/track" className="appeal-public-link">
            {t('appeals.trackLink')}
          </a>
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
  const { t, label, lang } = useI18n();
  const options = useAppealOptions();
  const [res, setRes] = useState<Tracked>();
  const [cred, setCred] = useState<{ trackingNo: string; last4: string }>();

  const lookup = useSubmit(async (form: HTMLFormElement) => {
    const f = new FormData(form);
    const c = { trackingNo: String(f.get('trackingNo') ?? '').trim(), last4: String(f.get('last4') ?? '').trim() };
    setCred(c);
    setRes(undefined);
    setRes(await api<Tracked>('/api/v1/public/appeals/track', { method: 'POST', body: c }));
  });
  const rate = useSubmit(async (rating: string) => {
    if (!cred) return;
    setRes(await api<Tracked>('/api/v1/public/appeals/rate', { method: 'POST', body: { ...cred, rating } }));
  });
  return (
    <main className="appeal-public appeal-mobile">
      <PublicHead title={t('appeals.trackTitle')} hotline={options.data?.hotline ?? null} />
      <form onSubmit={lookup.onSubmit} className="appeal-form card" aria-busy={lookup.busy}>
        <label>
          {t('appeals.trackingNo')}
          <input name="trackingNo" required />
        </label>
        <label>
          {t('appeals.last4')}
          <input name="last4" required pattern="\d{4}" inputMode="numeric" maxLength={4} />
        </label>
        <button type="submit" className="btn btn-primary" disabled={lookup.busy}>
          {t('appeals.lookup')}
        </button>
      </form>
      <FormError error={lookup.error ?? rate.error} />
      {res && (
        <section className="appeal-track card" data-testid="track-result">
          <h2>
            {res.trackingNo} · {res.title}
          </h2>
          <p>
            {t('appeals.status')}：<strong data-testid="track-status">{label('appeals.status', res.status)}</strong>
          </p>
          {res.reply && (
            <p data-testid="track-reply">
              {t('appeals.reply')}：{res.reply}
            </p>
          )}
          {res.mayRate && cred && (
            <p>
              {(['satisfied', 'basic', 'unsatisfied'] as const).map((r) => (
                <button key={r} type="button" className="btn" disabled={rate.busy} onClick={() => void rate.run(r)}>
                  {label('appeals.rating', r)}
                </button>
              ))}
            </p>
          )}
          <h3>{t('appeals.timeline')}</h3>
          <ol>
            {res.timeline.map((e) => (
              <li key={`${e.at}-${e.action}`}>
                <span className="appeal-when">{fmt(e.at, lang)}</span> {label('appeals.status', e.to ?? '')}{' '}
                {e.unitName[lang] ?? ''}
              </li>
            ))}
          </ol>
          <h3>{t('appeals.messages')}</h3>
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

/** The public pages' band: the brand, the channel's configured name, the hotline and the language. */
function PublicHead({ title, hotline }: { title: string; hotline: string | null }) {
  const { t } = useI18n();
  return (
    <header className="appeal-public-head">
      <span className="brand-mark" aria-hidden="true">
        榕
      </span>
      <div className="appeal-public-title">
        <h1 data-testid="public-title">{title}</h1>
        {hotline && (
          <p className="appeal-hotline" data-testid="public-hotline">
            {t('appeals.hotlineLine', { no: hotline })}
          </p>
        )}
      </div>
      <LangToggle />
    </header>
  );
}
