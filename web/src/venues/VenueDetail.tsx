import { useState } from 'react';
import { api } from '../api';
import type { User, Venue } from '../api-types';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { DownloadButton } from '../common/DownloadButton';
import { ErrorBox } from '../common/Status';
import { useSubmit } from '../common/useSubmit';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { PaperForm } from './PaperForm';
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
  const { t, label } = useI18n();
  const [confirm, setConfirm] = useState(false);
  const [revokedTo, setRevokedTo] = useState<number | null>(null);
  const [scansNonce, setScansNonce] = useState(0);
  const base = `/api/v1/venues/${encodeURIComponent(venue.code)}`;
  // The version in the URL makes the preview follow a revocation instead of showing a cached poster.
  const poster = (f: string) => `${base}/poster.${f}?version=${venue.codeVersion}`;
  const write = can(user, 'venues:write');

  // revoking the code and setting the status share one failure line, as they share the toolbar
  const change = useSubmit(async (what: 'revoke' | { status: string }) => {
    if (what === 'revoke') {
      await api(`${base}/revoke`, { method: 'POST' });
      setRevokedTo(venue.codeVersion + 1);
    } else await api(`${base}/status`, { method: 'POST', body: what });
    onChanged();
  });

  return (
    <section className="card venue-detail" data-testid="venue-detail" data-code={venue.code}>
      <h2>{venue.name}</h2>
      <p className="muted">
        {venue.code} · {label('venues.category', venue.category)} ·{' '}
        <span className={`venue-status venue-status-${venue.status}`}>{label('venues.status', venue.status)}</span>
      </p>
      {venue.notice && (
        <p className="notice" data-testid="venue-notice">
          {t('venues.suspendedBy')} <a href={`#/measures?notice=${encodeURIComponent(venue.notice)}`}>{venue.notice}</a>
        </p>
      )}
      <div className="venue-poster">
        <img
          src={poster('svg')}
          alt={`${t('venues.poster')} ${venue.name}`}
          data-testid="venue-poster"
          width={297}
          height={421}
        />
        <div className="venue-poster-actions">
          <p className="muted">{t('venues.codeVersion', { v: venue.codeVersion })}</p>
          <a className="btn btn-primary" href={poster('pdf')} target="_blank" rel="noopener" data-testid="venue-print">
            {t('venues.print')}
          </a>
          {(['svg', 'png', 'pdf'] as const).map((f) => (
            <DownloadButton
              key={f}
              path={poster(f)}
              fileName={`venue-${venue.code}.${f}`}
              busyLabel={t('venues.downloading')}
              testId={`venue-download-${f}`}
            >
              {t('venues.download', { f: f.toUpperCase() })}
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
                {t('venues.revoke')}
              </button>
              <label className="field-inline">
                {t('venues.setStatus')}
                <select
                  value={venue.status}
                  onChange={(e) => void change.run({ status: e.target.value })}
                  disabled={change.busy}
                  data-testid="venue-status-select"
                >
                  {STATUSES.map((x) => (
                    <option key={x} value={x}>
                      {label('venues.status', x)}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
        </div>
      </div>
      {revokedTo !== null && (
        <p className="notice" role="status" data-testid="venue-notice">
          {t('venues.revoked', { v: revokedTo })}
        </p>
      )}
      {change.error !== undefined && <ErrorBox error={change.error} />}
      {confirm && (
        <ConfirmDialog
          title={t('venues.revokeTitle')}
          message={t('venues.revokeMessage', { name: venue.name })}
          confirmLabel={t('venues.revoke')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => {
            setConfirm(false);
            void change.run('revoke');
          }}
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
        />
      )}
      <VenueScans venue={venue.code} day={day} nonce={scansNonce} />
    </section>
  );
}
