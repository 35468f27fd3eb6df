import { useCallback, useMemo } from 'react';
import { query } from '../api';
import type { CasePage, Division, RecordMetric, User } from '../api-types';
import { formatDay, isIsoDate } from '../common/dates';
import { Pager } from '../common/Pager';
import { href, hrefQuery, navigateQuery, useQuery } from '../common/router';
import { Empty, ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { can, RECORD_METRICS } from '../domain';
import { defaultDistrict } from '../figures/defaults';
import { useI18n } from '../i18n';
import { type CaseFilter, CaseFilters } from './CaseFilters';
import { CaseTable } from './CaseTable';
import './cases.css';

const PAGE_SIZE = 50;

const asMetric = (s: string | undefined): RecordMetric | '' =>
  (RECORD_METRICS as readonly string[]).includes(s ?? '') ? (s as RecordMetric) : '';

/** The case records for `#/cases?date=…&metric=…&district=…&page=…` — with date and metric, those behind a figure. */
export function Cases({ user }: { user: User }) {
  const { t, lang, formatNumber } = useI18n();
  const q = useQuery();
  const city = user.scope.kind === 'city';
  const date = isIsoDate(q.date) ? q.date : '';
  const metric = asMetric(q.metric);
  const district = q.district ?? defaultDistrict(user);
  const page = Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1);
  const filter = useMemo<CaseFilter>(() => ({ date, metric, district }), [date, metric, district]);

  const go = useCallback(
    (f: CaseFilter, p = 1) =>
      navigateQuery(['cases'], { date: f.date, metric: f.metric, district: f.district, page: p > 1 ? p : undefined }),
    [],
  );

  const cases = useApi<CasePage>(`/api/v1/cases${query({ date, metric, district, page, pageSize: PAGE_SIZE })}`);
  const districts = useApi<{ items: Division[] }>('/api/v1/divisions?level=district');
  // a district officer may list their own district only
  const own = defaultDistrict(user);
  const options = city ? districts.data?.items : districts.data?.items.filter((d) => d.code === own);
  const data = cases.data;
  const n = data ? formatNumber(data.total) : '…';
  const records = t(data?.total === 1 ? 'cases.recordOne' : 'cases.records', { n });

  let title: string;
  if (date && metric)
    title = t('cases.heading', { date: formatDay(date, lang), metric: t(`metric.${metric}`), records });
  else if (date) title = t('cases.headingDate', { date: formatDay(date, lang), records });
  else title = t('cases.headingAll', { records });

  return (
    <section className="page">
      <header className="page-header">
        <h1 data-testid="cases-title">{title}</h1>
        <div className="page-actions">
          <a className="btn" href={hrefQuery(['figures'], { date, district })}>
            {t('cases.backToFigures')}
          </a>
          {can(user, 'cases:write') && (
            <a className="btn" href={href('cases', 'import')} data-testid="import-link">
              {t('figures.import')}
            </a>
          )}
        </div>
      </header>
      <CaseFilters value={filter} districts={options} city={city} onChange={(f) => go(f)} />
      {cases.error !== undefined && <ErrorBox error={cases.error} onRetry={cases.reload} />}
      {cases.loading && <Loading />}
      {data && cases.error === undefined && (
        <div className={`card${cases.loading ? ' stale' : ''}`}>
          {data.items.length === 0 ? <Empty /> : <CaseTable items={data.items} />}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => go(filter, p)} />
        </div>
      )}
    </section>
  );
}
