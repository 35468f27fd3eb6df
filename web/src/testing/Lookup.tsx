import { useState } from 'react';
import { api } from '../api';
import type { TestStatus, User } from '../api-types';
import { ErrorBox } from '../common/Status';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import { LookupResult } from './LookupResult';
import { TestingTabs } from './TestingTabs';
import { useTestingParams } from './useTestingParams';

/** 350102********1234: how the ID is shown back (the full number stays in the box only). */
const mask = (id: string): string => (id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : id);

/** A person's test status by resident ID, as staff at an entrance or a hotline would check it. */
export function Lookup({ user }: { user: User }) {
  const { t } = useI18n();
  const { code, round } = useTestingParams();
  const [idNumber, setIdNumber] = useState('');
  const [result, setResult] = useState<{ status: TestStatus; idMasked: string }>();

  const submit = useSubmit(async () => {
    const id = idNumber.trim().toUpperCase();
    if (!id) return;
    setResult(undefined);
    const status = await api<TestStatus>('/api/v1/test-status/lookup', { method: 'POST', body: { idNumber: id } });
    setResult({ status, idMasked: mask(id) });
  });

  return (
    <section className="page testing-page">
      <header className="page-header">
        <h1 data-testid="testing-title">{t('testing.title')}</h1>
      </header>
      <TestingTabs active="lookup" campaign={code} round={round} user={user} />
      <section className="card lookup-card">
        <h2>{t('testing.lookup.title')}</h2>
        <form className="lookup-form" onSubmit={submit.onSubmit} data-testid="lookup-form">
          <label className="field field-grow">
            <span>{t('testing.lookup.idNumber')}</span>
            <input
              name="idNumber"
              value={idNumber}
              onChange={(e) => setIdNumber(e.target.value)}
              maxLength={18}
              inputMode="text"
              autoComplete="off"
              spellCheck={false}
              placeholder={t('testing.lookup.placeholder')}
              required
              className="mono"
            />
          </label>
          <button type="submit" className="btn btn-primary" disabled={submit.busy} data-testid="lookup-submit">
            {submit.busy ? t('testing.lookup.working') : t('testing.lookup.submit')}
          </button>
        </form>
        <p className="muted small">{t('testing.lookup.hint')}</p>
      </section>
      {submit.error !== undefined && <ErrorBox error={submit.error} />}
      {result && <LookupResult status={result.status} idMasked={result.idMasked} />}
    </section>
  );
}
