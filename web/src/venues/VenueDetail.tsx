import { useState } from 'react';
import { api, errorText } from '../api';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { DownloadButton } from '../common/DownloadButton';
import { ErrorBox } from '../common/Status';
import { useI18n } from '../i18n';
import { can, type User } from '../types';
import { PaperForm } from './PaperForm';
import { CATEGORIES, useVenueStrings } from './strings';
import type { Venue } from './types';
import { VenueScans } from './VenueScans';

const STATUSES = ['open', 'suspended', 'closed-loop'] as const;

/** One venue: its code poster (preview, print, download), revocation, status, paper entries and the day's scans. */
export function VenueDetail({
  user,
  venue,
  day,
  onChanged,
}: {
  user: User;
  venue: Venue;
  day: string;
  onChanged: () => void;
}) {
  const s = useVenueStrings();
  const { lang } = useI18n();
  const [confirm, setConfirm] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [scansNonce, setScansNonce] = useState(0);
  const base = `/api/v1/venues/${encodeURIComponent(venue.code)}`;
  // The version in the URL makes the preview follow a revocation instead of showing a cached poster.
  const poster = (f: string) => `${base}/poster.${f}?version=${venue.codeVersion}`;
  const write = can(user, 'venues:write');

  async function revoke() {
    setConfirm(false);
    setError(undefined);
    try {
      await api(`${base}/revoke`, { method: 'POST' });
      setNotice(s('revoked', { v: venue.codeVersion + 1 }));
      onChanged();
    } catch (e) {
      setError(e);
    }
  }
  async function setStatus(status: string) {
    setError(undefined);
    try {
      await api(`${base}/status`, { method: 'POST', body: { status } });
      onChanged();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="card venue-detail" data-testid="venue-detail" data-code={venue.code}>
      <h2>{venue.name}</h2>
      <p className="muted">
        {venue.code} · {CATEGORIES[venue.category]?.[lang] ?? venue.category} ·{' '}
        <span className={`venue-status venue-status-${venue.status}`}>{s(`status.${venue.status}`)}</span>
      </p>
      <div className="venue-poster">
        <img
          src={poster('svg')}
          alt={`${s('poster')} ${venue.name}`}
          data-testid="venue-poster"
          width={297}
          height={421}
        />
        <div className="venue-poster-actions">
          <p className="muted">{s('codeVersion', { v: venue.codeVersion })}</p>
          <a className="btn btn-primary" href={poster('pdf')} target="_blank" rel="noopener" data-testid="venue-print">
            {s('print')}
          </a>
          {(['svg', 'png', 'pdf'] as const).map((f) => (
            <DownloadButton
              key={f}
              path={poster(f)}
              fileName={`venue-${venue.code}.${f}`}
              busyLabel={s('downloading')}
              testId={`venue-download-${f}`}
            >
              {s('download', { f: f.toUpperCase() })}
            </DownloadButton>
          ))}
          {write && (
            <>
              <button
                type="button"
                className="btn btn-danger"
                onClick={() => setConfirm(true)}
                data-testid="venue-revoke"
              >
                {s('revoke')}
              </button>
              <label className="field-inline">
                {s('setStatus')}
                <select
                  value={venue.status}
                  onChange={(e) => void setStatus(e.target.value)}
                  data-testid="venue-status-select"
                >
                  {STATUSES.map((x) => (
                    <option key={x} value={x}>
                      {s(`status.${x}`)}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
        </div>
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="venue-notice">
          {notice}
        </p>
      )}
      {error !== undefined && <ErrorBox error={error} />}
      {confirm && (
        <ConfirmDialog
          title={s('revokeTitle')}
          message={s('revokeMessage', { name: venue.name })}
          confirmLabel={s('revoke')}
          cancelLabel={s('cancel')}
          onConfirm={() => void revoke()}
          onCancel={() => setConfirm(false)}
        />
      )}
      {can(user, 'scans:paper') && (
        <PaperForm
          venue={venue.code}
          day={day}
          onEntered={() => {
            setScansNonce((n) => n + 1);
            onChanged();
          }}
          errorText={(e) => errorText(e, lang)}
        />
      )}
      <VenueScans venue={venue.code} day={day} nonce={scansNonce} />
    </section>
  );
}
