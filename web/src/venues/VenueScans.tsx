import type { VenueScan } from '../api-types';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { reasonName } from './reasons';

const timeOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);

/** The venue's scans of the day with masked identities, scanned and paper: where contact tracing starts. */
export function VenueScans({ venue, day, nonce }: { venue: string; day: string; nonce: number }) {
  const { t, label } = useI18n();
  const scans = useApi<{ items: VenueScan[] }>(
    `/api/v1/venues/${encodeURIComponent(venue)}/scans?date=${day}&limit=200&n=${nonce}`,
  );
  if (scans.error) return <ErrorBox error={scans.error} onRetry={scans.reload} />;
  if (!scans.data) return <Loading />;
  return (
    <details className="venue-scans" data-testid="venue-scans">
      <summary>
        {t('venues.daysScans')} ({scans.data.items.length})
      </summary>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('venues.time')}</th>
              <th>{t('venues.person')}</th>
              <th>{t('venues.verdict')}</th>
              <th>{t('venues.source')}</th>
            </tr>
          </thead>
          <tbody>
            {scans.data.items.map((x) => (
              <tr key={x.id} data-source={x.source}>
                <td>{timeOf(x.at)}</td>
                <td>{x.identity || '—'}</td>
                <td>
                  {t(`venues.${x.verdict}`)}
                  {x.reasons.length > 0 && (
                    <span className="muted small"> · {x.reasons.map((r) => reasonName(label, r)).join('，')}</span>
                  )}
                </td>
                <td>
                  {label('venues.source', x.source)}
                  {x.enteredBy && <span className="muted small"> · {x.enteredBy.split(':').pop()}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
