import { query } from '../api';
import type { CourierVolumes } from '../api-types';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { PointsCard } from './Points';

/** Parcels collected and delivered by day, firm and district, and the sealed zones' delivery points. */
export function VolumesTab({ from, to, canWrite }: { from?: string; to?: string; canWrite: boolean }) {
  const { t, lang } = useI18n();
  const r = useApi<CourierVolumes>(`/api/v1/courier/volumes${query({ from, to })}`);
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
      <PointsCard title="courier.points" canWrite={canWrite} />
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
