import { useState } from 'react';
import { api } from '../api';
import type { Policy, Switchover, SwitchoverChanges } from '../api-types';
import { useBusinessToday } from '../common/clock';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import type { Run } from './DraftEditor';

/**
 * The switch-overs: each version's taking effect over the one before it, with the zones lifted
 * and kept, residents whose colour changed and venues whose rule changed, each change by rule.
 */
export function Switchovers({
  open,
  setOpen,
  versions,
  run,
}: {
  /** The switch-over shown in detail (kept by the screen, which remounts this list after each step). */
  open: string | null;
  setOpen: (version: string) => void;
  versions: Policy[];
  run: Run;
}) {
  const { t, formatNumber } = useI18n();
  const list = useApi<{ items: Switchover[] }>('/api/v1/policy-switchovers');
  const today = useBusinessToday();
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const shown = list.data.items.find((s) => s.version === open);
  // The version in force today not yet switched over (the job does it on its day; a seeded or older one waits for a hand).
  const inForce = versions.filter((p) => p.effectiveFrom <= today).at(-1);
  const due = inForce && !list.data.items.some((s) => s.version === inForce.id) ? inForce : undefined;
  return (
    <section className="card" data-testid="policy-switchovers">
      <h2>{t('policyScreen.switchovers')}</h2>
      {due && (
        <button
          type="button"
          className="btn"
          data-testid={`switch-over-${due.id}`}
          onClick={() =>
            void run(
              async () => {
                const r = await api<{ switchOver: Switchover }>(
                  `/api/v1/policies/${encodeURIComponent(due.id)}/switch-over`,
                  { method: 'POST' },
                );
                setOpen(r.switchOver.version);
                return r;
              },
              t('policyScreen.switched', { id: due.id }),
            )
          }
        >
          {t('policyScreen.switchNow', { id: due.id, date: due.effectiveFrom })}
        </button>
      )}
      {list.data.items.length === 0 ? (
        <p className="muted">{t('policyScreen.noSwitchovers')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('policyScreen.version')}</th>
              <th>{t('policyScreen.at')}</th>
              <th>{t('policyScreen.zonesLifted')}</th>
              <th>{t('policyScreen.zonesKept')}</th>
              <th>{t('policyScreen.coloursChanged')}</th>
              <th>{t('policyScreen.venuesChanged')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((s) => (
              <tr key={s.version} data-testid={`switchover-${s.version}`}>
                <td>
                  <button type="button" className="btn btn-link" onClick={() => setOpen(s.version)}>
                    <span className="mono">
                      {s.previous} → {s.version}
                    </span>
                  </button>
                </td>
                <td>
                  {s.at.slice(0, 16).replace('T', ' ')} <span className="muted">({s.ranBy})</span>
                </td>
                <td>{formatNumber(s.counts.zonesLifted)}</td>
                <td>{formatNumber(s.counts.zonesKept)}</td>
                <td>{formatNumber(s.counts.coloursChanged)}</td>
                <td>{formatNumber(s.counts.venuesChanged)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && <SwitchoverDetail s={shown} />}
    </section>
  );
}

function SwitchoverDetail({ s }: { s: Switchover }) {
  const { t, label, formatNumber } = useI18n();
  const [district, setDistrict] = useState<string | null>(null);
  const changes = useApi<SwitchoverChanges>(
    district === null
      ? null
      : `/api/v1/policies/${encodeURIComponent(s.version)}/switch-over/changes?kind=colour&district=${district}&limit=200`,
  );
  return (
    <div data-testid="switchover-detail">
      <h3>
        {s.previous} → {s.version} · {t('policyScreen.tookMs', { ms: formatNumber(s.tookMs) })}
      </h3>
      <ul>
        {s.zones.map((z) => (
          <li key={z.zoneCode}>
            <a href={z.href} className="mono">
              {z.zoneCode}
            </a>{' '}
            {label('zones.level', z.level)}：{z.inForce.eligible ? `${z.inForce.action}→${z.inForce.to}` : '—'} →{' '}
            {z.draft.eligible ? `${z.draft.action}→${z.draft.to}` : '—'}{' '}
            <span className="muted mono">{z.draft.rule ?? z.inForce.rule}</span>
          </li>
        ))}
      </ul>
      <table className="table">
        <tbody>
          {s.colours.map((g) => (
            <tr key={`${g.districtCode}|${g.fromRule}|${g.toRule}`}>
              <td className="mono">{g.districtCode}</td>
              <td>
                {g.from} <span className="muted mono">{g.fromRule}</span>
              </td>
              <td>
                {g.to} <span className="muted mono">{g.toRule}</span>
              </td>
              <td>
                <button type="button" className="btn btn-link" onClick={() => setDistrict(g.districtCode)}>
                  {formatNumber(g.count)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {changes.error ? <ErrorBox error={changes.error} onRetry={changes.reload} /> : null}
      {changes.data && (
        <p className="muted" data-testid="switchover-persons">
          {t('policyScreen.changedPersons', { n: formatNumber(changes.data.total), district: district ?? '' })}{' '}
          {changes.data.items.map((c) => c.subject).join(', ')}
        </p>
      )}
    </div>
  );
}
