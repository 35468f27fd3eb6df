import { useState } from 'react';
import { api } from '../api';
import type { AuditVerify } from '../api-types';
import { ErrorBox } from '../common/Status';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';

export function VerifyChain() {
  const { t, formatNumber } = useI18n();
  const [result, setResult] = useState<AuditVerify | undefined>();
  const verify = useSubmit(async () => {
    setResult(undefined);
    setResult(await api<AuditVerify>('/api/v1/audit/verify'));
  });
  const run = () => void verify.run();

  return (
    <div className="verify">
      <button type="button" className="btn btn-primary" onClick={run} disabled={verify.busy} data-testid="verify-chain">
        {verify.busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      {result && (
        <p className={`verify-result ${result.ok ? 'ok' : 'bad'}`} role="status" data-testid="verify-result">
          {result.ok
            ? `✓ ${t('audit.ok', { n: formatNumber(result.checked) })}`
            : `✗ ${t('audit.bad', {
                n: formatNumber(result.checked),
                count: formatNumber(result.faultCount),
                id: result.firstBad?.id ?? '?',
                reason: result.firstBad?.reason ?? '?',
              })}`}
        </p>
      )}
      {result && result.faults.length > 1 && (
        <ul className="verify-faults" data-testid="verify-faults">
          {result.faults.map((f) => (
            <li key={`${f.id}-${f.reason}`}>
              #{f.id} {f.reason}
            </li>
          ))}
        </ul>
      )}
      {verify.error !== undefined && <ErrorBox error={verify.error} onRetry={run} />}
    </div>
  );
}
