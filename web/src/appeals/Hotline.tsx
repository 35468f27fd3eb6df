import { useState } from 'react';
import { api, query } from '../api';
import type { Appeal } from '../api-types';
import { newKey } from '../common/newKey';
import { ErrorBox, FormError, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import { useAppealOptions } from './useAppealOptions';

/** The hotline console: the call taker records the appeal during the call, enterprise lookup as they type. */
export function Hotline() {
  const { t, label } = useI18n();
  const options = useAppealOptions();
  const [key, setKey] = useState(newKey);
  const [code, setCode] = useState('');
  const [done, setDone] = useState<string>();
  const matches = useApi<{ items: Array<{ creditCode: string; name: string; districtName: string }> }>(
    code.length >= 2 ? `/api/v1/enterprises${query({ q: code, pageSize: 8 })}` : null,
  );
  // the form element arrives as the argument: after the await the event no longer holds it
  const submit = useSubmit(async (form: HTMLFormElement) => {
    const f = new FormData(form);
    const v = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    setDone(undefined);
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
    form.reset();
    setCode('');
  });
  if (options.error !== undefined && !options.data) return <ErrorBox error={options.error} onRetry={options.reload} />;
  if (!options.data) return <Loading />;
  return (
    <form className="appeal-form" onSubmit={submit.onSubmit} aria-busy={submit.busy}>
      {done && <p className="notice">{t('appeals.submitted', { no: done })}</p>}
      <label>
        {t('appeals.phone')}
        <input name="phone" required type="tel" />
      </label>
      <label>
        {t('appeals.creditCode')} / {t('appeals.enterprise')}
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
        {t('appeals.contactName')}
        <input name="contactName" />
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
        <select name="category">
          {options.data.categories.map((c) => (
            <option key={c} value={c}>
              {label('appeals.cat', c)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('appeals.urgency')}
        <select name="urgency" defaultValue="normal">
          {options.data.urgencies.map((u) => (
            <option key={u} value={u}>
              {label('appeals.urg', u)}
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
        <textarea name="content" required rows={5} maxLength={2000} />
      </label>
      <FormError error={submit.error} />
      <button type="submit" className="btn btn-primary" disabled={submit.busy}>
        {t('appeals.submit')}
      </button>
    </form>
  );
}
