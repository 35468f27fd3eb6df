import { useCallback, useMemo, useState } from 'react';
import { query } from '../api';
import type { RetestTask, User } from '../api-types';
import { Pager } from '../common/Pager';
import { navigateQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { DistrictFilter } from './DistrictFilter';
import { RetestByDistrict } from './RetestByDistrict';
import { RetestTable } from './RetestTable';
import { TestingTabs } from './TestingTabs';
import { useDistricts } from './useDistricts';
import { useDivisionNames } from './useDivisionNames';
import { useTestingParams } from './useTestingParams';

const PAGE_SIZE = 50;
/** The server lists at most this many open tasks. */
const SERVER_LIMIT = 1000;

/** Open retest and resample tasks: how many per district, and the list to work through. */
export function Retests({ user }: { user: User }) {
  const { t, formatNumber } = useI18n();
  const { code, round, district } = useTestingParams();
  const { districts, districtName, city } = useDistricts(user);
  const [page, setPage] = useState(1);
  const list = useApi<{ items: RetestTask[] }>(`/api/v1/retest-tasks${query({ district })}`);
  const tasks = list.data?.items;
  const pages = Math.max(1, Math.ceil((tasks?.length ?? 0) / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = useMemo(() => tasks?.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE) ?? [], [tasks, current]);
  const communities = useMemo(() => shown.map((r) => r.communityCode), [shown]);
  const communityName = useDivisionNames(communities);

  const pickDistrict = useCallback(
    (d: string) => {
      setPage(1);
      navigateQuery(['testing', 'retests'], { campaign: code, round, district: d });
    },
    [code, round],
  );

  return (
    <section className="page testing-page">
      <header className="page-header">
        <h1 data-testid="testing-title">{t('testing.title')}</h1>
      </header>
      <TestingTabs active="retests" campaign={code} round={round} user={user} />
      <DistrictFilter value={district} districts={districts} city={city} onChange={pickDistrict} />
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !tasks && <Loading />}
      {tasks && list.error === undefined && (
        <div className={`testing-retests${list.loading ? ' stale' : ''}`} aria-busy={list.loading}>
          <section className="card retests-district-card">
            <h2>{t('testing.retests.byDistrict')}</h2>
            <RetestByDistrict tasks={tasks} districtName={districtName} onSelect={pickDistrict} />
          </section>
          <section className="card retests-card">
            <div className="card-header">
              <h2>{t('testing.retests.title')}</h2>
              <span className="muted small" data-testid="retests-total">
                {t('testing.retests.total', { n: formatNumber(tasks.length) })}
              </span>
            </div>
            <p className="muted small">{t('testing.retests.hint')}</p>
            <RetestTable tasks={shown} districtName={districtName} communityName={communityName} />
            {tasks.length >= SERVER_LIMIT && (
              <p className="notice notice-warn">{t('testing.retests.capped', { n: formatNumber(SERVER_LIMIT) })}</p>
            )}
            {tasks.length > PAGE_SIZE && (
              <Pager page={current} pageSize={PAGE_SIZE} total={tasks.length} onPage={setPage} />
            )}
          </section>
        </div>
      )}
    </section>
  );
}
