import { useRef, useState } from 'react';
import type { AuditEntry } from '../api-types';
import { Pager } from '../common/Pager';
import { Empty, ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { AuditTable } from './AuditTable';
import { VerifyChain } from './VerifyChain';

interface AuditPage {
  items: AuditEntry[];
  total: number;
  /** Not in contract v1; used when the server sends it. */
  pageSize?: number;
}

export function Audit() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi<AuditPage>(`/api/v1/audit?page=${page}`);
  // The contract does not give the page size: take it from the server if sent, else the fullest page seen.
  const seen = useRef(0);
  if (data) seen.current = Math.max(seen.current, data.pageSize ?? 0, data.items.length);

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('audit.title')}</h1>
        <VerifyChain />
      </header>
      {error !== undefined && <ErrorBox error={error} onRetry={reload} />}
      {loading && <Loading />}
      {data && error === undefined && (
        <div className={`card${loading ? ' stale' : ''}`}>
          {data.items.length === 0 ? <Empty /> : <AuditTable items={data.items} />}
          <Pager page={page} pageSize={seen.current || 1} total={data.total} onPage={setPage} />
        </div>
      )}
    </section>
  );
}
