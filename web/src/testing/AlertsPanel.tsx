import { useState } from 'react';
import { api } from '../api';
import { CHINA_TIME_ZONE, formatDateTime } from '../common/dates';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { useTestingStrings } from './strings';
import type { TestingAlert } from './types';

/** Open positive-tube alerts of the user's district (all districts for the command centre), each to acknowledge. */
export function AlertsPanel({ mayAck }: { mayAck: boolean }) {
  const s = useTestingStrings();
  const { lang, formatNumber } = useI18n();
  const list = useApi<{ items: TestingAlert[] }>('/api/v1/testing-alerts?open=true');
  const [busy, setBusy] = useState<number>();
  const [error, setError] = useState<unknown>();
  const items = list.data?.items;

  async function ack(id: number) {
    setBusy(id);
    setError(undefined);
    try {
      await api(`/api/v1/testing-alerts/${id}/ack`, { method: 'POST' });
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className={`card alerts-card${items?.length ? ' alerts-open' : ''}`} data-testid="alerts-panel">
      <div className="card-header">
        <h2>{s('alTitle')}</h2>
        {items && (
          <span className="muted small" data-testid="alerts-count" data-value={items.length}>
            {items.length ? s('alOpen', { n: formatNumber(items.length) }) : s('alNone')}
          </span>
        )}
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {error !== undefined && <ErrorBox error={error} onRetry={list.reload} />}
      {list.loading && !items && <Loading />}
      {items && items.length > 0 && (
        <ul className="alerts-list">
          {items.map((a) => (
            <li key={a.id} className="alert-row" data-testid="alert-row" data-id={a.id}>
              <span className={`alert-kind alert-${a.kind}`}>
                {a.kind === 'positive-single' ? s('alKind_positiveSingle') : s('alKind_positivePool')}
              </span>
              <span className="alert-where">
                {a.districtName} · <span className="mono">{s('alTube', { tube: a.tubeCode })}</span>
              </span>
              <time className="muted small" dateTime={a.createdAt}>
                {formatDateTime(a.createdAt, lang, CHINA_TIME_ZONE)}
              </time>
              {mayAck && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => ack(a.id)}
                  disabled={busy !== undefined}
                  data-testid="alert-ack"
                >
                  {busy === a.id ? s('alAcking') : s('alAck')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{s('alHint')}</p>
    </section>
  );
}
