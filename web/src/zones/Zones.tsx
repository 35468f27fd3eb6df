import { useCallback } from 'react';
import { query } from '../api';
import type { ZoneCounts as Counts, User, ZoneList } from '../api-types';
import { useGeo } from '../charts/useGeo';
import { DayNote } from '../common/DayNote';
import { formatDay } from '../common/dates';
import { Pager } from '../common/Pager';
import { href, navigateQuery, useQuery } from '../common/router';
import { Empty, ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { ZONE_PAGE_SIZE } from './defaults';
import { useAllZones } from './useAllZones';
import { useZoneParams } from './useZoneParams';
import { ZoneCounts } from './ZoneCounts';
import { ZoneDistrictTable } from './ZoneDistrictTable';
import { type ZoneFilter, ZoneFilters } from './ZoneFilters';
import { ZoneMap } from './ZoneMap';
import { ZoneTable } from './ZoneTable';
import { ZoneTabs } from './ZoneTabs';

/** Risk zones on a day: the counts and the briefing sentence, a map of the zones and a table of them. */
export function Zones({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const q = useQuery();
  const { filter, districts, city, today, picked } = useZoneParams(user);
  const { date, district, level, status } = filter;
  const page = Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1);

  // The screen's state lives in the address, so a view can be bookmarked or sent on.
  const update = useCallback(
    (patch: Partial<ZoneFilter> & { page?: number }) => {
      const next = { ...filter, page: 1, ...patch };
      navigateQuery(['zones'], {
        date: next.date,
        district: next.district,
        level: next.level,
        status: next.status,
        page: next.page > 1 ? next.page : undefined,
      });
    },
    [filter],
  );
  const pickDistrict = useCallback((code: string) => update({ district: code }), [update]);

  const counts = useApi<Counts>(`/api/v1/zones/counts${query({ date, district })}`);
  const list = useApi<ZoneList>(
    `/api/v1/zones${query({ date, district, level, status, page, pageSize: ZONE_PAGE_SIZE })}`,
  );
  const all = useAllZones(filter);
  const { geo, error: geoError, reload: reloadGeo } = useGeo();

  return (
    <section className="page zones-page">
      <header className="page-header">
        <h1 data-testid="zones-title">
          {t('zones.title')} · {formatDay(date, lang)}
        </h1>
      </header>
      <DayNote shown={date} today={today} picked={picked} todayHref={href('zones')} />
      <ZoneTabs active="list" date={date} district={district} />
      <ZoneFilters value={filter} districts={districts} city={city} onChange={update} />

      {counts.error !== undefined && <ErrorBox error={counts.error} onRetry={counts.reload} />}
      {counts.loading && !counts.data && <Loading />}
      {counts.data && (
        <div className={counts.loading ? 'stale' : undefined} aria-busy={counts.loading}>
          <ZoneCounts counts={counts.data} city={district === ''} />
        </div>
      )}

      <div className="zones-grid">
        <section className="card zones-map-card">
          <h2>
            {t('zones.mapTitle')} · {formatDay(date, lang)}
          </h2>
          {geoError !== undefined && <ErrorBox error={geoError} onRetry={reloadGeo} />}
          {all.error !== undefined && <ErrorBox error={all.error} onRetry={all.reload} />}
          {((!geo && geoError === undefined) || (all.loading && !all.zones)) && <Loading />}
          {geo && all.zones && (
            <div className={all.loading ? 'stale' : undefined}>
              <ZoneMap
                geo={geo}
                zones={all.zones}
                counts={counts.data}
                date={date}
                district={district}
                onSelectDistrict={pickDistrict}
              />
            </div>
          )}
        </section>
        <section className="card zones-district-card">
          <h2>{t('zones.byDistrict')}</h2>
          {counts.data && (
            <div className={counts.loading ? 'stale' : undefined}>
              <ZoneDistrictTable counts={counts.data} selected={district} onSelect={pickDistrict} />
            </div>
          )}
        </section>
      </div>
      <section className="card zones-table-card">
        <div className="card-header">
          <h2>{t('zones.list')}</h2>
          {list.data && (
            <span className="muted small" data-testid="zones-total">
              {t('zones.total', { n: list.data.total })}
            </span>
          )}
        </div>
        {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
        {list.loading && !list.data && <Loading />}
        {list.data && list.error === undefined && (
          <div className={list.loading ? 'stale' : undefined}>
            {list.data.items.length === 0 ? <Empty /> : <ZoneTable items={list.data.items} date={date} />}
            <Pager page={page} pageSize={ZONE_PAGE_SIZE} total={list.data.total} onPage={(p) => update({ page: p })} />
          </div>
        )}
      </section>
    </section>
  );
}
