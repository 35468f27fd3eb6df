import type { ListedOverride } from '../api-types';
import { CHINA_TIME_ZONE, formatDateTime } from '../common/dates';
import { useI18n } from '../i18n';

interface Props {
  items: ListedOverride[];
  /** The signed-in user's name: their own requests wait for someone else. */
  me: string;
  busyId: number | undefined;
  onDecide: (id: number, approve: boolean) => void;
  onRevoke: (o: ListedOverride) => void;
  /** Whether the list's state can still be acted on (pending, in force). */
  actions: boolean;
}

/** One state's manual colours: who, which colour and why, who asked and who decided, until when. */
export function OverrideTable({ items, me, busyId, onDecide, onRevoke, actions }: Props) {
  const { t, lang } = useI18n();
  const when = (iso: string | null) => formatDateTime(iso, lang, CHINA_TIME_ZONE);
  return (
    <div className="table-wrap">
      <table className="table override-table" data-testid="override-table">
        <thead>
          <tr>
            <th scope="col">{t('overrides.person')}</th>
            <th scope="col">{t('overrides.colour')}</th>
            <th scope="col">{t('overrides.reasonColumn')}</th>
            <th scope="col">{t('overrides.requestedBy')}</th>
            <th scope="col">{t('overrides.decidedBy')}</th>
            <th scope="col">{t('overrides.expiresAt')}</th>
            {actions && <th scope="col">{t('overrides.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((o) => {
            const own = o.requestedBy === me;
            const busy = busyId === o.id;
            return (
              <tr key={o.id} data-testid="override-row" data-id={o.id} data-status={o.status}>
                <td>
                  <strong>{o.person.nameMasked}</strong>
                  <div className="mono small">{o.person.idNumberMasked}</div>
                  <div className="muted small">{o.person.communityName}</div>
                </td>
                <td>
                  <span className={`override-chip override-chip-${o.colour}`}>
                    {t(`colour.${o.colour as 'green' | 'yellow' | 'red'}`)}
                  </span>
                </td>
                <td className="wrap override-reason">
                  {o.reason}
                  {o.revokeReason && (
                    <div className="muted small">
                      {t('overrides.revokedBy')}: {o.revokeReason}
                    </div>
                  )}
                </td>
                <td className="small">
                  {o.requestedBy}
                  <div className="muted">{when(o.requestedAt)}</div>
                </td>
                <td className="small">
                  {o.approvedBy ?? '—'}
                  {o.approvedAt && <div className="muted">{when(o.approvedAt)}</div>}
                  {o.revokedBy && (
                    <div className="muted">
                      {t('overrides.revokedBy')}: {o.revokedBy} {when(o.revokedAt)}
                    </div>
                  )}
                </td>
                <td className="small">{when(o.expiresAt)}</td>
                {actions && (
                  <td>
                    <div className="override-actions">
                      {o.status === 'pending' &&
                        (own ? (
                          <span className="muted small" data-testid="override-own">
                            {t('overrides.ownRequest')}
                          </span>
                        ) : (
                          <>
                            <button
                              type="button"
                              className="btn btn-small btn-primary"
                              disabled={busy}
                              onClick={() => onDecide(o.id, true)}
                              data-testid="override-approve"
                            >
                              {t('overrides.approve')}
                            </button>
                            <button
                              type="button"
                              className="btn btn-small"
                              disabled={busy}
                              onClick={() => onDecide(o.id, false)}
                              data-testid="override-reject"
                            >
                              {t('overrides.reject')}
                            </button>
                          </>
                        ))}
                      {(o.status === 'pending' || o.status === 'approved') && (
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={busy}
                          onClick={() => onRevoke(o)}
                          data-testid="override-revoke"
                        >
                          {o.status === 'pending' ? t('overrides.withdraw') : t('overrides.revoke')}
                        </button>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
