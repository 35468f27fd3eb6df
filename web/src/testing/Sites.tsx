import { useCallback, useMemo, useState } from 'react';
import { query } from '../api';
import type { SamplingSite, User } from '../api-types';
import { useGeo } from '../charts/useGeo';
import { Pager } from '../common/Pager';
import { navigateQuery } from '../common/router';
import { Empty, ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { DistrictFilter } from './DistrictFilter';
import { SiteMap } from './SiteMap';
import { SiteTable } from './SiteTable';
import { TestingTabs } from './TestingTabs';
import { useDistricts } from './useDistricts';
import { useTestingParams } from './useTestingParams';

const PAGE_SIZE = 25;

/** Sampling sites on the map and in a table, with their lanes, hours, status and queue. */
export function Sites({ user }: { user: User }) {
  const { t, formatNumber } = useI18n();
  const { code, round, district } = useTestingParams();
  const { districts, districtName, city } = useDistricts(user);
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState('');
  const list = useApi<{ items: SamplingSite[] }>(`/api/v1/sampling-sites${query({ district })}`);
  const { geo, error: geoError, reload: reloadGeo } = useGeo();
  const sites = list.data?.items;
  const pages = Math.max(1, Math.ceil((sites?.length ?? 0) / PAGE_SIZE));
  const current = Math.min(page, pages);
  const open = useMemo(() => sites?.filter((s) => s.status === 'open').length ?? 0, [sites]);

  const pickDistrict = useCallback(
    (d: string) => {
      setPage(1);
      setPicked('');
      navigateQuery(['testing', 'sites'], { campaign: code, round, district: d });
    },
    [code, round],
  );
  // a point on the map shows its row: the page it is on, highlighted
  const pickSite = useCallback(
    (siteCode: string) => {
      const i = sites?.findIndex((s) => s.code === siteCode) ?? -1;
      if (i < 0) return;
      setPicked(siteCode);
      setPage(Math.floor(i / PAGE_SIZE) + 1);
      requestAnimationFrame(() => document.getElementById(`site-${siteCode}`)?.scrollIntoView({ block: 'center' }));
    },
    [sites],
  );

  return (
    <section className="page testing-page">
      <header className="page-header">
        <h1 data-testid="testing-title">{t('testing.title')}</h1>
      </header>
      <TestingTabs active="sites" campaign={code} round={round} user={user} />
      <DistrictFilter value={district} districts={districts} city={city} onChange={pickDistrict} />
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !sites && <Loading />}
      {sites && list.error === undefined && (
        <div className={`testing-sites${list.loading ? ' stale' : ''}`} aria-busy={list.loading}>
          <section className="card sites-map-card">
            <h2>{t('testing.sites.mapTitle')}</h2>
            {geoError !== undefined && <ErrorBox error={geoError} onRetry={reloadGeo} />}
            {!geo && geoError === undefined && <Loading />}
            {geo && (
              <SiteMap geo={geo} sites={sites} district={district} onSelectDistrict={pickDistrict} onSite={pickSite} />
            )}
          </section>
          <section className="card sites-table-card">
            <div className="card-header">
              <h2>{t('testing.sites.list')}</h2>
              <span className="muted small" data-testid="sites-total">
                {t('testing.sites.total', { n: formatNumber(sites.length), open: formatNumber(open) })}
              </span>
            </div>
            {sites.length === 0 ? (
              <Empty />
            ) : (
              <SiteTable
                sites={sites.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE)}
                districtName={districtName}
                selected={picked}
              />
            )}
            {sites.length > PAGE_SIZE && (
              <Pager page={current} pageSize={PAGE_SIZE} total={sites.length} onPage={setPage} />
            )}
          </section>
        </div>
      )}
    </section>
  );
}
