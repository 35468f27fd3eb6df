import { useState } from 'react';
import { api } from '../api';
import { ErrorBox } from '../common/Status';
import { useI18n } from '../i18n';
import type { AuditVerify } from '../types';

export function VerifyChain() {
  const { t, formatNumber } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerify | undefined>();
  const [error, setError] = useState<unknown>();

  async function verify() {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api<AuditVerify>('/api/v1/audit/verify'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="verify">
      <button type="button" className="btn btn-primary" onClick={verify} disabled={busy} data-testid="verify-chain">
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      {result && (
        <p className={`verify-result ${result.ok ? 'ok' : 'bad'}`} role="status" data-testid="verify-result">
          {result.ok
            ? `✓ ${t('audit.ok', { n: formatNumber(result.checked) })}`
            : `✗ ${t('audit.bad', {
                n: formatNumber(result.checked),
                id: result.firstBad?.id ?? '?',
                reason: result.firstBad?.reason ?? '?',
              })}`}
        </p>
      )}
      {error !== undefined && <ErrorBox error={error} onRetry={verify} />}
    </div>
  );
}
