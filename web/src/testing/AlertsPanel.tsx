import { api } from '../api';
import type { TestingAlert } from '../api-types';
import { CHINA_TIME_ZONE, formatDateTime } from '../common/dates';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';

/** Open positive-tube alerts of the user's district (all districts for the command centre), each to acknowledge. */
export function AlertsPanel({ mayAck }: { mayAck: boolean }) {
  const { t, lang, formatNumber } = useI18n();
  const list = useApi<{ items: TestingAlert[] }>('/api/v1/testing-alerts?open=true');
  const items = list.data?.items;
  const ack = useSubmit(async (id: number) => {
    await api(`/api/v1/testing-alerts/${id}/ack`, { method: 'POST' });
    list.reload();
  });

  return (
    <section className={`card alerts-card${items?.length ? ' alerts-open' : ''}`} data-testid="alerts-panel">
      <div className="card-header">
        <h2>{t('testing.alerts.title')}</h2>
        {items && (
          <span className="muted small" data-testid="alerts-count" data-value={items.length}>
            {items.length ? t('testing.alerts.open', { n: formatNumber(items.length) }) : t('testing.alerts.none')}
          </span>
        )}
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {ack.error !== undefined && <ErrorBox error={ack.error} onRetry={list.reload} />}
      {list.loading && !items && <Loading />}
      {items && items.length > 0 && (
        <ul className="alerts-list">
          {items.map((a) => (
            <li key={a.id} className="alert-row" data-testid="alert-row" data-id={a.id}>
              <span className={`alert-kind alert-${a.kind}`}>
                {a.kind === 'positive-single' ? t('testing.alerts.positiveSingle') : t('testing.alerts.positivePool')}
              </span>
              <span className="alert-where">
                {a.districtName} · <span className="mono">{t('testing.alerts.tube', { tube: a.tubeCode })}</span>
              </span>
              <time className="muted small" dateTime={a.createdAt}>
                {formatDateTime(a.createdAt, lang, CHINA_TIME_ZONE)}
              </time>
              {mayAck && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void ack.run(a.id)}
                  disabled={ack.busy}
                  data-testid="alert-ack"
                >
                  {ack.pending === a.id ? t('testing.alerts.acking') : t('testing.alerts.ack')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{t('testing.alerts.hint')}</p>
    </section>
  );
}
