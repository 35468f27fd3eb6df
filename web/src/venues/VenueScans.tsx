import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { reasonLabel, useVenueStrings } from './strings';
import type { VenueScan } from './types';

const timeOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);

/** The venue's scans of the day with masked identities, scanned and paper: where contact tracing starts. */
export function VenueScans({ venue, day, nonce }: { venue: string; day: string; nonce: number }) {
  const s = useVenueStrings();
  const { lang } = useI18n();
  const scans = useApi<{ items: VenueScan[] }>(
    `/api/v1/venues/${encodeURIComponent(venue)}/scans?date=${day}&limit=200&n=${nonce}`,
  );
  if (scans.error) return <ErrorBox error={scans.error} onRetry={scans.reload} />;
  if (!scans.data) return <Loading />;
  return (
    <details className="venue-scans" data-testid="venue-scans">
      <summary>
        {s('daysScans')} ({scans.data.items.length})
      </summary>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{s('time')}</th>
              <th>{s('person')}</th>
              <th>{s('verdict')}</th>
              <th>{s('source')}</th>
            </tr>
          </thead>
          <tbody>
            {scans.data.items.map((x) => (
              <tr key={x.id} data-source={x.source}>
                <td>{timeOf(x.at)}</td>
                <td>{x.identity || '—'}</td>
                <td>
                  {s(x.verdict)}
                  {x.reasons.length > 0 && (
                    <span className="muted small"> · {x.reasons.map((r) => reasonLabel(r, lang)).join('，')}</span>
                  )}
                </td>
                <td>
                  {s(`source.${x.source}`)}
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
