import { useState } from 'react';
import { useApi } from '../common/useApi';
import { type MessageKey, useI18n } from '../i18n';
import { CourierActions, CourierForm } from './CourierForms';

interface Points {
  parcels: number;
  items: Array<{ id: number; zoneCode: string; districtCode: string; kind: string; name: string; parcels: number }>;
}

/**
 * The delivery points of sealed zones the user may see (newest first) and the parcels left there;
 * with `canWrite`, a point's parcels of a day, and with `canAdd` the form that places a new point.
 */
export function PointsCard({ title, canWrite, canAdd }: { title: MessageKey; canWrite: boolean; canAdd?: boolean }) {
  const { t, lang, label } = useI18n();
  const [point, setPoint] = useState<number | null>(null);
  const p = useApi<Points>('/api/v1/courier/delivery-points');
  const n = (v: number) => v.toLocaleString(lang);
  if (!p.data) return null;
  return (
    <div className="card" data-testid="courier-points">
      <h2>
        {t(title)} · {n(p.data.parcels)}
      </h2>
      {canAdd && <CourierActions kinds={['point']} onDone={p.reload} />}
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
    </div>
  );
}
