import type { CourierWorker, Outlet } from '../api-types';
import { useBusinessToday } from '../common/clock';
import { formatDateTime } from '../common/dates';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { CourierActions } from './CourierForms';
import { PointsCard } from './Points';
import './courier.css';

/** An outlet manager's view: their outlet and its workers' test cover, nothing of other outlets. */
export function MyOutlet() {
  const { t, lang, label } = useI18n();
  const outlets = useApi<{ items: Outlet[] }>('/api/v1/courier/outlets');
  const o = outlets.data?.items[0];
  const workers = useApi<{ hours: number; at: string; items: CourierWorker[] }>(
    o ? `/api/v1/courier/outlets/${encodeURIComponent(o.code)}/workers` : null,
  );
  const today = useBusinessToday();
  const disinfections = useApi<{ items: Array<{ id: number; kind: string; subject: string; at: string }> }>(
    `/api/v1/courier/disinfections?date=${today}`,
  );
  if (outlets.error) return <ErrorBox error={outlets.error} />;
  if (!outlets.data) return <Loading />;
  return (
    <section className="page courier-page">
      <header className="page-header">
        <h1>
          {t('courier.myOutlet')}
          {o ? ` · ${o.name}` : ''}
        </h1>
      </header>
      {o && (
        <div className="card" data-testid="my-outlet">
          <p>
            {o.code} · {o.firm} · {o.districtCode} · {o.address} · {label('courier.status', o.status)} ·{' '}
            {t('courier.staff')} {o.staff}
          </p>
        </div>
      )}
      {o && (
        <div className="card" data-testid="my-disinfections">
          <h2>{t('courier.disinfections')}</h2>
          {/* A manager records their own site's and vehicles' disinfections; the hold of batches is the regulator's. */}
          <CourierActions
            kinds={['disinfection']}
            preset={{ kinds: 'site,vehicle', subject: o.code }}
            onDone={disinfections.reload}
          />
          {disinfections.data?.items.length === 0 && <p className="muted">{t('courier.noDisinfections')}</p>}
          <ul className="courier-disinfections">
            {disinfections.data?.items.map((d) => (
              <li key={d.id}>
                {formatDateTime(d.at, lang, 'Asia/Shanghai')} · {label('courier.dkind', d.kind)} · {d.subject}
              </li>
            ))}
          </ul>
        </div>
      )}
      {/* Lockers and temporary points serve every firm in a sealed zone: a manager places them in their district. */}
      {o && <PointsCard title="courier.myPoints" canWrite canAdd />}
      {workers.error ? <ErrorBox error={workers.error} /> : null}
      {workers.data && (
        <div className="card">
          <p className="muted">
            {t('courier.workerRule', {
              hours: workers.data.hours,
              at: formatDateTime(workers.data.at, lang, 'Asia/Shanghai'),
            })}
          </p>
          {/* On a phone the table scrolls inside its card instead of running off the screen. */}
          <div className="table-wrap">
            <table className="table" data-testid="my-workers">
              <thead>
                <tr>
                  <th>{t('courier.person')}</th>
                  <th>{t('courier.onDuty')}</th>
                  <th>{t('courier.lastNegative')}</th>
                  <th>{t('courier.tested')}</th>
                  <th>{t('courier.greenLane')}</th>
                </tr>
              </thead>
              <tbody>
                {workers.data.items.map((w) => (
                  <tr key={w.id}>
                    <td>
                      {w.nameMasked} {w.idNumberMasked}
                    </td>
                    <td>{w.onDuty ? t('courier.yes') : t('courier.no')}</td>
                    <td>{formatDateTime(w.lastNegativeAt, lang, 'Asia/Shanghai')}</td>
                    <td className={w.tested ? 'courier-ok' : 'courier-flag'}>
                      {w.tested ? t('courier.tested') : t('courier.notTested')}
                    </td>
                    <td>{w.greenLane ? '✓' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
