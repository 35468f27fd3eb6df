import { useCallback, useMemo, useState } from 'react';
import { query } from '../api';
import type { Division, PersonPage, User } from '../api-types';
import { Pager } from '../common/Pager';
import { Empty, ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { type Filters, PersonFilters } from './PersonFilters';
import { PersonTable } from './PersonTable';
import { UnmaskDialog } from './UnmaskDialog';

const PAGE_SIZE = 50;

export function Persons({ user }: { user: User }) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>({ district: '', q: '' });
  const [page, setPage] = useState(1);
  const [unmaskId, setUnmaskId] = useState<number | null>(null);
  const districts = useApi<{ items: Division[] }>('/api/v1/divisions?level=district');
  const path = `/api/v1/persons${query({ district: filters.district, q: filters.q, page, pageSize: PAGE_SIZE })}`;
  const persons = useApi<PersonPage>(path);

  const names = useMemo(() => new Map(districts.data?.items.map((d) => [d.code, d.name])), [districts.data]);
  const districtName = useCallback((code: string) => names.get(code) ?? code, [names]);
  const closeDialog = useCallback(() => setUnmaskId(null), []);
  const data = persons.data;

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('persons.title')}</h1>
      </header>
      <PersonFilters
        districts={districts.data?.items}
        value={filters}
        onChange={(f) => {
          setFilters(f);
          setPage(1);
        }}
      />
      {districts.error !== undefined && <ErrorBox error={districts.error} onRetry={districts.reload} />}
      {persons.error !== undefined && <ErrorBox error={persons.error} onRetry={persons.reload} />}
      {persons.loading && <Loading />}
      {data && persons.error === undefined && (
        <div className={`card${persons.loading ? ' stale' : ''}`}>
          {data.items.length === 0 ? (
            <Empty />
          ) : (
            <PersonTable
              items={data.items}
              districtName={districtName}
              canUnmask={can(user, 'persons:unmask')}
              onUnmask={setUnmaskId}
            />
          )}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </div>
      )}
      {unmaskId !== null && <UnmaskDialog personId={unmaskId} onClose={closeDialog} />}
    </section>
  );
}
