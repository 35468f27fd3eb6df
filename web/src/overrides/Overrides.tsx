import { useState } from 'react';
import { api } from '../api';
import type { ListedOverride, User } from '../api-types';
import { FormDialog } from '../common/FormDialog';
import { Empty, ErrorBox, FormError, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import { OverrideRequest } from './OverrideRequest';
import { OverrideTable } from './OverrideTable';
import './overrides.css';

const STATES = ['pending', 'approved', 'expired', 'rejected', 'revoked'] as const;
type State = (typeof STATES)[number];

/** `#/overrides`: request a manual colour, approve or reject others' requests, revoke early; by state. */
export function Overrides({ user }: { user: User }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>('pending');
  const list = useApi<{ items: ListedOverride[] }>(`/api/v1/colour-overrides?status=${state}`);
  const [revoking, setRevoking] = useState<ListedOverride>();
  const [why, setWhy] = useState('');
  const decide = useSubmit(async ({ id, approve }: { id: number; approve: boolean }) => {
    await api(`/api/v1/colour-overrides/${id}/${approve ? 'approve' : 'reject'}`, { method: 'POST' });
    list.reload();
  });
  const revoke = useSubmit(async () => {
    if (!revoking) return;
    await api(`/api/v1/colour-overrides/${revoking.id}/revoke`, { method: 'POST', body: { reason: why.trim() } });
    setRevoking(undefined);
    setWhy('');
    list.reload();
  });

  return (
    <section className="page overrides-page">
      <header className="page-header">
        <h1>{t('overrides.title')}</h1>
      </header>
      <p className="muted">{t('overrides.intro')}</p>
      <OverrideRequest
        onRequested={() => {
          if (state === 'pending') list.reload();
          else setState('pending');
        }}
      />
      <nav className="tabs" aria-label={t('overrides.title')}>
        {STATES.map((s) => (
          <button
            key={s}
            type="button"
            className={s === state ? 'tab active' : 'tab'}
            aria-current={s === state ? 'page' : undefined}
            onClick={() => setState(s)}
            data-testid={`override-tab-${s}`}
          >
            {t(`overrides.status.${s}`)}
          </button>
        ))}
      </nav>
      <FormError error={decide.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error && !list.data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data?.items.length ? (
        <OverrideTable
          items={list.data.items}
          me={user.username}
          busyId={decide.pending?.id}
          onDecide={(id, approve) => void decide.run({ id, approve })}
          onRevoke={(o) => setRevoking(o)}
          actions={state === 'pending' || state === 'approved'}
        />
      ) : (
        <Empty />
      )}
      {revoking && (
        <FormDialog
          title={t('overrides.revokeTitle')}
          onClose={() => setRevoking(undefined)}
          submit={revoke}
          submitLabel={revoking.status === 'pending' ? t('overrides.withdraw') : t('overrides.revoke')}
          ready={why.trim().length >= 4}
          name="override-revoke"
        >
          <p>
            {revoking.person.nameMasked} · {t(`colour.${revoking.colour as 'green' | 'yellow' | 'red'}`)} ·{' '}
            {revoking.reason}
          </p>
          <label className="field">
            <span>{t('overrides.revokeReason')}</span>
            <textarea
              value={why}
              onChange={(e) => setWhy(e.target.value)}
              rows={2}
              data-testid="override-revoke-reason"
            />
          </label>
        </FormDialog>
      )}
    </section>
  );
}
