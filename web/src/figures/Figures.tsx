import { lazy, Suspense, useCallback, useMemo } from 'react';
import { query } from '../api';
import type { DayFigures, DistrictFigures, FigureSeries, User } from '../api-types';
import { casesHref } from '../cases/links';
import { REDS } from '../charts/colors';
import { useGeo } from '../charts/useGeo';
import { useBusinessToday } from '../common/clock';
import { DayNote } from '../common/DayNote';
import { DownloadButton } from '../common/DownloadButton';
import { formatDay, isIsoDate, shiftDay } from '../common/dates';
import { href, navigateQuery, useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useLatestDay } from '../common/useLatestDay';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { DistrictFiguresTable } from './DistrictFiguresTable';
import { dayOr, defaultDistrict, newLocal, TREND_DAYS } from './defaults';
import { FigureFilters } from './FigureFilters';
import { FigurePanels } from './FigurePanels';
import { Headline } from './Headline';
import './figures.css';

// ECharts loads with the charts, not with the page.
const DistrictMap = lazy(() => import('../charts/DistrictMap').then((m) => ({ default: m.DistrictMap })));
const TrendCharts = lazy(() => import('./TrendCharts').then((m) => ({ default: m.TrendCharts })));

interface Params {
  date: string;
  district: string;
  from: string;
  to: string;
}

/** Daily figures; without a date in the address, the latest day with figures. */
export function Figures({ user }: { user: User }) {
  const q = useQuery();
  const today = useBusinessToday();
  // The latest day with figures up to the business today (the server never answers a later one).
  const latest = useLatestDay(today);
  // a day in the address needs no wait
  if (!latest && !isIsoDate(q.date)) return <Loading />;
  return <FiguresOn user={user} today={today} defaultDate={latest ?? today} />;
}

/** Daily figures for the city or a district: the briefing numbers, trends, the map and a table by district. */
function FiguresOn({ user, today, defaultDate }: { user: User; today: string; defaultDate: string }) {
  const { t, lang } = useI18n();
  const q = useQuery();
  const city = user.scope.kind === 'city';
  const params: Params = {
    date: dayOr(q.date, defaultDate),
    district: q.district ?? defaultDistrict(user),
    from: dayOr(q.from, shiftDay(today, -TREND_DAYS)),
    to: dayOr(q.to, today),
  };
  const DEFAULT_FROM = shiftDay(today, -TREND_DAYS);
  const { date, district, from, to } = params;
  const rangeOk = from <= to;

  // The screen's state lives in the address, so a view can be bookmarked or sent on.
  const update = useCallback(
    (patch: Partial<Params>) => {
      const next = { date, district, from, to, ...patch };
      navigateQuery(['figures'], {
        date: next.date,
        district: next.district,
        from: next.from === DEFAULT_FROM ? undefined : next.from,
        to: next.to === today ? undefined : next.to,
      });
    },
    [date, district, from, to, today, DEFAULT_FROM],
  );
  const pickDate = useCallback((d: string) => update({ date: d }), [update]);
  const pickDistrict = useCallback((code: string) => update({ district: code }), [update]);

  const day = useApi<DayFigures>(`/api/v1/figures${query({ date, district })}`);
  const series = useApi<FigureSeries>(rangeOk ? `/api/v1/figures/series${query({ from, to, district })}` : null);
  const byDistrict = useApi<DistrictFigures>(`/api/v1/figures/districts${query({ date })}`);
  const { geo, error: geoError, reload: reloadGeo } = useGeo();

  const values = useMemo(
    () => byDistrict.data?.districts.map((d) => ({ code: d.code, name: d.name, value: newLocal(d.figures) })) ?? [],
    [byDistrict.data],
  );
  const shown = day.data;
  // a district officer sees one district: a city map with one coloured area says nothing the table does not
  const oneDistrict = byDistrict.data?.districts.length === 1;

  return (
    <section className="page figures-page">
      <header className="page-header">
        <h1>{t('figures.title')}</h1>
        <div className="page-actions">
          <a className="btn" href={casesHref({ date, district })}>
            {t('figures.records')}
          </a>
          {can(user, 'cases:write') && (
            <a className="btn" href={href('cases', 'import')} data-testid="import-link">
              {t('figures.import')}
            </a>
          )}
          <DownloadButton
            path={`/api/v1/figures/export.xlsx${query({ from, to, district })}`}
            fileName={`figures-${district || 'city'}-${from}-${to}.xlsx`}
            busyLabel={t('figures.exporting')}
            className="btn btn-primary"
            testId="export-xlsx"
          >
            {t('figures.export')}
          </DownloadButton>
        </div>
      </header>

      <FigureFilters
        date={date}
        district={district}
        districts={byDistrict.data?.districts}
        city={city}
        onChange={update}
      />

      {day.error !== undefined && <ErrorBox error={day.error} onRetry={day.reload} />}
      {day.loading && !shown && <Loading />}
      {shown && (
        <div className={`figures-day${day.loading ? ' stale' : ''}`} aria-busy={day.loading}>
          <h2 className="figures-day-title" data-testid="figures-day-title">
            {t('figures.day', { name: shown.jurisdiction.name, date: formatDay(shown.date, lang) })}
          </h2>
          <DayNote shown={shown.date} today={today} picked={isIsoDate(q.date)} todayHref={href('figures')} />
          <Headline figures={shown.figures} previous={shown.previous} date={shown.date} district={district} />
          <FigurePanels figures={shown.figures} previous={shown.previous} date={shown.date} district={district} />
        </div>
      )}

      <section className="card trend-card">
        <div className="card-header">
          <h2>{t('figures.trends')}</h2>
          <div className="filters">
            <label className="field field-inline">
              <span>{t('figures.from')}</span>
              <input
                type="date"
                name="from"
                value={from}
                onChange={(e) => e.target.value && update({ from: e.target.value })}
              />
            </label>
            <label className="field field-inline">
              <span>{t('figures.to')}</span>
              <input
                type="date"
                name="to"
                value={to}
                onChange={(e) => e.target.value && update({ to: e.target.value })}
              />
            </label>
          </div>
        </div>
        {!rangeOk && <p className="form-error">{t('figures.badRange')}</p>}
        {series.error !== undefined && <ErrorBox error={series.error} onRetry={series.reload} />}
        {series.loading && !series.data && <Loading />}
        {series.data && rangeOk && (
          <Suspense fallback={<Loading />}>
            <div className={series.loading ? 'stale' : undefined}>
              <TrendCharts days={series.data.days} date={date} onPickDate={pickDate} />
            </div>
          </Suspense>
        )}
        <p className="muted small">{t('figures.trendHint')}</p>
      </section>

      <div className={`figures-grid${oneDistrict ? ' figures-grid-single' : ''}`}>
        {!oneDistrict && (
          <section className="card figures-map-card">
            <h2>
              {t('figures.mapTitle')} · {formatDay(date, lang)}
            </h2>
            {geoError !== undefined && <ErrorBox error={geoError} onRetry={reloadGeo} />}
            {byDistrict.error !== undefined && <ErrorBox error={byDistrict.error} onRetry={byDistrict.reload} />}
            {((!geo && geoError === undefined) || (byDistrict.loading && !byDistrict.data)) && <Loading />}
            {geo && byDistrict.data && (
              <Suspense fallback={<Loading />}>
                <DistrictMap
                  geo={geo}
                  values={values}
                  label={t('figures.newLocal')}
                  title={t('figures.mapTitle')}
                  colors={REDS}
                  selected={district}
                  onSelect={pickDistrict}
                  testId="figures-map"
                />
              </Suspense>
            )}
          </section>
        )}
        <section className="card figures-table-card">
          <h2>{t('figures.byDistrict')}</h2>
          {byDistrict.data && (
            <div className={byDistrict.loading ? 'stale' : undefined}>
              <DistrictFiguresTable
                data={byDistrict.data}
                selected={district}
                showTotal={city}
                onSelect={pickDistrict}
              />
            </div>
          )}
        </section>
      </div>
    </section>
  );
}
