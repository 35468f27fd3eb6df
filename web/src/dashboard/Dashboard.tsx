import { lazy, Suspense, useMemo } from 'react';
import type { Dashboard as DashboardData } from '../api-types';
import { useGeo } from '../charts/useGeo';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { DistrictTable } from './DistrictTable';
import { TodayStrip } from './TodayStrip';

// ECharts is the bulk of the bundle: load it with the dashboard, not with the login page.
const DistrictMap = lazy(() => import('../charts/DistrictMap').then((m) => ({ default: m.DistrictMap })));

export function Dashboard() {
  const { t, formatNumber } = useI18n();
  const dash = useApi<DashboardData>('/api/v1/dashboard');
  const { geo, error: geoError, reload: reloadGeo } = useGeo();
  const data = dash.data;
  const values = useMemo(
    () => data?.districts.map((d) => ({ code: d.code, name: d.name, value: d.residents })) ?? [],
    [data],
  );

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('dashboard.title')}</h1>
        {data && <span className="muted">{t('dashboard.scope', { name: data.scope.name })}</span>}
      </header>
      {dash.error !== undefined && !data && <ErrorBox error={dash.error} onRetry={dash.reload} />}
      {dash.loading && !data && <Loading />}
      {data && (
        <div className="dashboard-grid">
          <TodayStrip />
          <div className="card kpi">
            <span className="kpi-label">
              {data.scope.name} · {t('dashboard.residents')}
            </span>
            <strong className="kpi-value" data-testid="residents-kpi">
              {formatNumber(data.residents)}
            </strong>
          </div>
          <div className="card map-card">
            <h2>{t('dashboard.mapTitle')}</h2>
            {geoError !== undefined && <ErrorBox error={geoError} onRetry={reloadGeo} />}
            {!geo && geoError === undefined && <Loading />}
            {geo && (
              <Suspense fallback={<Loading />}>
                <DistrictMap
                  geo={geo}
                  values={values}
                  label={t('dashboard.residents')}
                  title={t('dashboard.mapTitle')}
                />
              </Suspense>
            )}
          </div>
          <div className="card table-card">
            <DistrictTable districts={data.districts} total={data.residents} />
          </div>
        </div>
      )}
    </section>
  );
}
