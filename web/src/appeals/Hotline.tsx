import { type FormEvent, useState } from 'react';
import { api, errorText, query } from '../api';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { CATEGORIES, DISTRICTS, newKey, useAT } from './strings';
import type { Appeal } from './types';

/** The hotline console: the call taker records the appeal during the call, enterprise lookup as they type. */
export function Hotline() {
  const t = useAT();
  const { lang } = useI18n();
  const [key, setKey] = useState(newKey);
  const [code, setCode] = useState('');
  const [done, setDone] = useState<string>();
  const [err, setErr] = useState<string>();
  const matches = useApi<{ items: Array<{ creditCode: string; name: string; districtName: string }> }>(
    code.length >= 2 ? `/api/v1/enterprises${query({ q: code, pageSize: 8 })}` : null,
  );
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    setErr(undefined);
    try {
      const r = await api<{ appeal: Appeal }>('/api/v1/appeals', {
        method: 'POST',
        body: {
          idempotencyKey: key,
          submitter: code ? 'enterprise' : 'resident',
          creditCode: code || undefined,
          contactName: v('contactName'),
          phone: v('phone') ?? '',
          districtCode: v('districtCode'),
          category: v('category'),
          urgency: v('urgency'),
          title: v('title') ?? '',
          content: v('content') ?? '',
        },
      });
      setDone(r.appeal.trackingNo);
      setKey(newKey());
      e.currentTarget.reset();
      setCode('');
    } catch (x) {
      setErr(errorText(x, lang));
    }
  }
  return (
    <form className="appeal-form" onSubmit={submit}>
      {done && <p className="notice">{t('submitted', { no: done })}</p>}
      <label>
        {t('phone')}
        <input name="phone" required type="tel" />
      </label>
      <label>
        {t('creditCode')} / {t('enterprise')}
        <input value={code} onChange={(e) => setCode(e.target.value)} list="ent-matches" />
        <datalist id="ent-matches">
          {matches.data?.items.map((m) => (
            <option key={m.creditCode} value={m.creditCode}>
              {m.name} {m.districtName}
            </option>
          ))}
        </datalist>
      </label>
      <label>
        {t('contactName')}
        <input name="contactName" />
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
        <select name="category">
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`cat.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('urgency')}
        <select name="urgency" defaultValue="normal">
          {['critical', 'urgent', 'normal', 'complex'].map((u) => (
            <option key={u} value={u}>
              {t(`urg.${u}`)}
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
        <textarea name="content" required rows={5} maxLength={2000} />
      </label>
      {err && <p className="notice notice-warn">{err}</p>}
      <button type="submit" className="btn btn-primary">
        {t('submit')}
      </button>
    </form>
  );
}
