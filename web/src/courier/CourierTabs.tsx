import { Fragment, useState } from 'react';
import { api, query } from '../api';
import type { CourierBatch, CourierTallies, Outlet, WorkerCheck } from '../api-types';
import { formatDateTime } from '../common/dates';
import { ErrorBox, FormError, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';

const BJ = 'Asia/Shanghai';
// Long lists show their head; the Excel export carries every row.
const SHOWN = 50;

/** Every registered outlet in scope, filterable by status. */
export function OutletsTab({ status }: { status?: string }) {
  const { t, label } = useI18n();
  const [st, setSt] = useState(status ?? '');
  const r = useApi<{ items: Outlet[] }>(`/api/v1/courier/outlets${query({ status: st })}`);
  return (
    <div className="card">
      <div className="filters">
        <select
          aria-label={t('courier.status')}
          value={st}
          onChange={(e) => setSt(e.target.value)}
          data-testid="courier-status"
        >
          <option value="">—</option>
          {['open', 'closed-in-zone', 'suspended'].map((s) => (
            <option key={s} value={s}>
              {label('courier.status', s)}
            </option>
          ))}
        </select>
        {r.data && (
          <span className="muted">
            {t('courier.shown', { n: Math.min(SHOWN, r.data.items.length), total: r.data.items.length })}
          </span>
        )}
      </div>
      {r.error ? (
        <ErrorBox error={r.error} />
      ) : !r.data ? (
        <Loading />
      ) : (
        <OutletTable items={r.data.items.slice(0, SHOWN)} />
      )}
    </div>
  );
}

function OutletTable({ items }: { items: Outlet[] }) {
  const { t, label } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="courier-outlets">
        <thead>
          <tr>
            <th>{t('courier.code')}</th>
            <th>{t('courier.firm')}</th>
            <th>{t('courier.name')}</th>
            <th>{t('courier.district')}</th>
            <th>{t('courier.status')}</th>
            <th className="num">{t('courier.staff')}</th>
            <th className="num">{t('courier.workers')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.code}>
              <td>{o.code}</td>
              <td>{o.firm}</td>
              <td>{o.name}</td>
              <td>{o.districtCode}</td>
              <td>{label('courier.status', o.status)}</td>
              <td className="num">{o.staff}</td>
              <td className="num">{o.workers}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The daily worker-test check: open outlets with untested workers on duty, and the firms' totals. */
export function CheckTab() {
  const { t, lang } = useI18n();
  const [flagged, setFlagged] = useState(true);
  const r = useApi<WorkerCheck>(`/api/v1/courier/worker-check${query({ flaggedOnly: flagged ? 'true' : undefined })}`);
  if (r.error) return <ErrorBox error={r.error} />;
  if (!r.data) return <Loading />;
  const c = r.data;
  return (
    <div className="courier-split">
      <div className="card">
        <p className="muted">
          {t('courier.checkRule', { hours: c.hours, policy: c.policyId, at: formatDateTime(c.at, lang, BJ) })}
        </p>
        <p data-testid="courier-green-lane">{t('courier.greenLaneCount', { n: c.greenLane.toLocaleString(lang) })}</p>
        <label>
          <input type="checkbox" checked={flagged} onChange={(e) => setFlagged(e.target.checked)} />{' '}
          {t('courier.flaggedOnly')}
        </label>
        <div className="table-wrap">
          <table className="table" data-testid="courier-check">
            <thead>
              <tr>
                <th>{t('courier.code')}</th>
                <th>{t('courier.firm')}</th>
                <th>{t('courier.district')}</th>
                <th className="num">{t('courier.onDuty')}</th>
                <th className="num">{t('courier.untested')}</th>
                <th className="num">{t('courier.greenLane')}</th>
              </tr>
            </thead>
            <tbody>
              {c.outlets.slice(0, SHOWN).map((o) => (
                <tr key={o.code}>
                  <td>{o.code}</td>
                  <td>{o.firm}</td>
                  <td>{o.districtCode}</td>
                  <td className="num">{o.onDuty}</td>
                  <td className={`num ${o.flagged ? 'courier-flag' : ''}`}>{o.untested}</td>
                  <td className="num">{o.greenLane}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="card">
        <table className="table">
          <thead>
            <tr>
              <th>{t('courier.firm')}</th>
              <th className="num">{t('courier.onDuty')}</th>
              <th className="num">{t('courier.untested')}</th>
              <th className="num">{t('courier.greenLane')}</th>
              <th className="num">{t('courier.kpi.flagged')}</th>
            </tr>
          </thead>
          <tbody>
            {c.firms.map((f) => (
              <tr key={f.firm}>
                <td>{f.firm}</td>
                <td className="num">{f.onDuty}</td>
                <td className="num">{f.untested}</td>
                <td className="num">{f.greenLane}</td>
                <td className={`num ${f.flaggedOutlets ? 'courier-flag' : ''}`}>{f.flaggedOutlets}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** International batches on hold and due; the regulator releases one (refused before the hours pass). */
export function BatchesTab({ canRelease }: { canRelease: boolean }) {
  const { t, lang, label } = useI18n();
  const r = useApi<{ hours: number; items: CourierBatch[] }>('/api/v1/courier/batches');
  // The refusal stays beside the batch it concerns: it names the time the batch becomes releasable.
  const [refused, setRefused] = useState<{ batchNo: string; error: unknown } | null>(null);
  if (r.error) return <ErrorBox error={r.error} />;
  if (!r.data) return <Loading />;
  const release = async (no: string) => {
    setRefused(null);
    try {
      await api(`/api/v1/courier/batches/${encodeURIComponent(no)}/release`, { method: 'POST' });
      r.reload();
    } catch (e) {
      setRefused({ batchNo: no, error: e });
    }
  };
  return (
    <div className="card">
      <p className="muted">{t('courier.holdRule', { hours: r.data.hours })}</p>
      <div className="table-wrap">
        <table className="table" data-testid="courier-batches">
          <thead>
            <tr>
              <th>{t('courier.batch')}</th>
              <th>{t('courier.firm')}</th>
              <th>{t('courier.origin')}</th>
              <th className="num">{t('courier.parcels')}</th>
              <th>{t('courier.disinfectedAt')}</th>
              <th>{t('courier.releasableAt')}</th>
              <th>{t('courier.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {r.data.items.map((b) => (
              <Fragment key={b.batchNo}>
                <tr className={refused?.batchNo === b.batchNo ? 'courier-refused-row' : undefined}>
                  <td>{b.batchNo}</td>
                  <td>{b.firm}</td>
                  <td>{b.origin}</td>
                  <td className="num">{b.parcels}</td>
                  <td>{formatDateTime(b.disinfectedAt, lang, BJ)}</td>
                  <td>{formatDateTime(b.releasableAt, lang, BJ)}</td>
                  <td className={b.state === 'held' ? 'courier-flag' : ''}>{label('courier.state', b.state)}</td>
                  <td>
                    {canRelease && b.state !== 'released' && (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => release(b.batchNo)}
                        data-testid={`release-${b.batchNo}`}
                      >
                        {t('courier.release')}
                      </button>
                    )}
                  </td>
                </tr>
                {refused?.batchNo === b.batchNo && (
                  <tr className="courier-refused-row">
                    <td colSpan={8}>
                      <FormError error={refused.error} className="notice notice-warn" testId="release-refused" />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

type Visits = {
  tallies: CourierTallies;
  items: Array<{
    id: number;
    outlet: string;
    districtCode: string;
    visitedOn: string;
    inspectors: number;
    findings: string;
    rectified: boolean;
  }>;
  summons: Array<{ id: number; firm: string; on: string; reason: string }>;
};

/** Inspection visits and summons since a day, with the tallies the briefing quotes. */
export function InspectionsTab({ since, to }: { since?: string; to?: string }) {
  const { t } = useI18n();
  const r = useApi<Visits>(`/api/v1/courier/inspections${query({ since, to })}`);
  if (r.error) return <ErrorBox error={r.error} />;
  if (!r.data) return <Loading />;
  const { tallies: tl, items, summons } = r.data;
  return (
    <div className="courier-split">
      <div className="card">
        <p data-testid="courier-tallies">
          {t('courier.since', { from: tl.since, to: tl.to })}: {t('courier.kpi.personTimes')}{' '}
          <strong>{tl.personTimes}</strong> · {t('courier.kpi.inspected')} <strong>{tl.outlets}</strong> ·{' '}
          {t('courier.kpi.rectified')} <strong>{tl.rectified}</strong> · {t('courier.kpi.summoned')}{' '}
          <strong>{tl.summoned}</strong>
        </p>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('courier.visitedOn')}</th>
                <th>{t('courier.code')}</th>
                <th className="num">{t('courier.inspectors')}</th>
                <th>{t('courier.findings')}</th>
                <th>{t('courier.rectified')}</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, 200).map((v) => (
                <tr key={v.id}>
                  <td>{v.visitedOn}</td>
                  <td>{v.outlet}</td>
                  <td className="num">{v.inspectors}</td>
                  <td>{v.findings}</td>
                  <td>{v.rectified ? t('courier.yes') : t('courier.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="card">
        <h2>{t('courier.summons')}</h2>
        <ul>
          {summons.map((s) => (
            <li key={s.id}>
              {s.on} · {s.firm} · {s.reason}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
