import { useState } from 'react';
import { query } from '../api';
import type { CourierVolumes } from '../api-types';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { CourierForm } from './CourierForms';

/** Parcels collected and delivered by day, firm and district, and the sealed zones' delivery points. */
export function VolumesTab({ from, to, canWrite }: { from?: string; to?: string; canWrite: boolean }) {
  const { t, lang, label } = useI18n();
  const [point, setPoint] = useState<number | null>(null);
  const r = useApi<CourierVolumes>(`/api/v1/courier/volumes${query({ from, to })}`);
  const p = useApi<{
    parcels: number;
    items: Array<{ id: number; zoneCode: string; kind: string; name: string; parcels: number }>;
  }>('/api/v1/courier/delivery-points');
  if (r.error) return <ErrorBox error={r.error} />;
  if (!r.data) return <Loading />;
  const n = (v: number) => v.toLocaleString(lang);
  const table = (title: string, rows: CourierVolumes['byDay']) => (
    <div className="card">
      <h2>{title}</h2>
      <table className="table">
        <thead>
          <tr>
            <th />
            <th className="num">{t('courier.collected')}</th>
            <th className="num">{t('courier.delivered')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.key}>
              <td>{x.key}</td>
              <td className="num">{n(x.collected)}</td>
              <td className="num">{n(x.delivered)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <>
      <p data-testid="courier-volumes">
        {t('courier.since', { from: r.data.from, to: r.data.to })}: {t('courier.kpi.collected')}{' '}
        <strong>{n(r.data.avgCollected)}</strong> · {t('courier.kpi.delivered')}{' '}
        <strong>{n(r.data.avgDelivered)}</strong>
      </p>
      <div className="courier-split">
        {table(t('courier.byDay'), r.data.byDay)}
        {table(t('courier.byFirm'), r.data.byFirm)}
        {table(t('courier.byDistrict'), r.data.byDistrict)}
      </div>
      {p.data && (
        <div className="card">
          <h2>
            {t('courier.points')} · {n(p.data.parcels)}
          </h2>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('courier.zone')}</th>
                  <th>{t('courier.kind')}</th>
                  <th className="num">{t('courier.parcels')}</th>
                  {canWrite && <th />}
                </tr>
              </thead>
              <tbody>
                {p.data.items.slice(0, 100).map((x) => (
                  <tr key={x.id}>
                    <td>{x.zoneCode}</td>
                    <td>
                      {label('courier.kind', x.kind)} · {x.name}
                    </td>
                    <td className="num">{n(x.parcels)}</td>
                    {canWrite && (
                      <td>
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => setPoint(x.id)}
                          data-testid={`point-deliveries-${x.id}`}
                        >
                          {t('courier.form.deliveries')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {point !== null && (
        <CourierForm
          kind="deliveries"
          preset={{ point: String(point) }}
          onClose={() => setPoint(null)}
          onDone={() => {
            setPoint(null);
            p.reload();
          }}
        />
      )}
    </>
  );
}

/** Relief transport: running totals of vehicle-trips, person-times and tonnes by day. */
export function ReliefTab({ to }: { to?: string }) {
  const { t, lang } = useI18n();
  const r = useApi<{
    to: string;
    trips: number;
    persons: number;
    tonnes: number;
    byDay: Array<{ day: string; trips: number; persons: number; tonnes: number }>;
  }>(`/api/v1/courier/relief${query({ to })}`);
  if (r.error) return <ErrorBox error={r.error} />;
  if (!r.data) return <Loading />;
  const n = (v: number) => v.toLocaleString(lang);
  return (
    <div className="card">
      <p data-testid="courier-relief">
        ≤ {r.data.to}: {t('courier.kpi.trips')} <strong>{n(r.data.trips)}</strong> · {t('courier.kpi.persons')}{' '}
        <strong>{n(r.data.persons)}</strong> · {t('courier.kpi.tonnes')} <strong>{n(r.data.tonnes)}</strong>
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>{t('courier.date')}</th>
            <th className="num">{t('courier.kpi.trips')}</th>
            <th className="num">{t('courier.kpi.persons')}</th>
            <th className="num">{t('courier.kpi.tonnes')}</th>
          </tr>
        </thead>
        <tbody>
          {r.data.byDay.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td className="num">{n(d.trips)}</td>
              <td className="num">{n(d.persons)}</td>
              <td className="num">{n(d.tonnes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
