import { lazy, Suspense, useState } from 'react';
import type { Dashboard as DashboardData } from '../api-types';
import { useGeo } from '../charts/useGeo';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { DemoScale } from './DemoScale';
import { DistrictTable } from './DistrictTable';
import { LAYERS, type Layer, useMapLayer } from './layers';
import { TodayStrip } from './TodayStrip';

// ECharts is the bulk of the bundle: load it with the dashboard, not with the login page.
const DistrictMap = lazy(() => import('../charts/DistrictMap').then((m) => ({ default: m.DistrictMap })));

export function Dashboard() {
  const { t, formatNumber } = useI18n();
  const dash = useApi<DashboardData>('/api/v1/dashboard');
  const { geo, error: geoError, reload: reloadGeo } = useGeo();
  const data = dash.data;
  // The map shows the epidemic (cases first); population is one layer among them.
  const [layer, setLayer] = useState<Layer>('cases');
  const shown = useMapLayer(layer, data);
  // A district officer's map opens on their district, not the whole city.
  const focus = data && data.scope.kind !== 'city' ? data.scope.code.slice(0, 6) : undefined;

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
            <DemoScale />
          </div>
          <div className="card map-card">
            <div className="card-header">
              <h2>{t(`dashboard.layer.${layer}`)}</h2>
              <fieldset className="map-layers" aria-label={t('dashboard.layers')}>
                {LAYERS.map((l) => (
                  <button
                    key={l}
                    type="button"
                    className={`btn btn-small${l === layer ? ' btn-primary' : ''}`}
                    aria-pressed={l === layer}
                    onClick={() => setLayer(l)}
                    data-testid={`map-layer-${l}`}
                  >
                    {t(`dashboard.layerShort.${l}`)}
                  </button>
                ))}
              </fieldset>
            </div>
            {layer === 'population' && <DemoScale />}
            {shown.note && (
              <p className="muted small" data-testid="map-note">
                {t(shown.note.key, shown.note.params)}
              </p>
            )}
            {geoError !== undefined && <ErrorBox error={geoError} onRetry={reloadGeo} />}
            {(!geo || shown.loading) && geoError === undefined && <Loading />}
            {geo && !shown.loading && (
              <Suspense fallback={<Loading />}>
                <DistrictMap
                  geo={geo}
                  values={shown.values}
                  label={t(shown.label)}
                  title={t(`dashboard.layer.${layer}`)}
                  colors={shown.colors}
                  focus={focus}
                  selected={focus}
                  testId={`district-map-${layer}`}
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
