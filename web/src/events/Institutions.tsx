import { useState } from 'react';
import { api } from '../api';
import type { InstitutionList, InstitutionRoster, Leave, User } from '../api-types';
import { businessToday } from '../common/clock';
import { CHINA_TIME_ZONE } from '../common/dates';
import { hrefQuery, navigateQuery, useQuery } from '../common/router';
import { ErrorBox, FormError, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import './exits.css';

/**
 * 闭环管理机构: care homes, welfare and custody facilities with the day's roster check (who on
 * shift lacks a test within the policy's hours), the roster, and leaves from the loop that a district
 * officer approves.
 */
export function Institutions({ user }: { user: User }) {
  const { t, label, formatNumber } = useI18n();
  const q = useQuery();
  const date = q.date || businessToday();
  const list = useApi<InstitutionList>(`/api/v1/institutions?date=${date}`);
  if (list.error !== undefined && !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const items = list.data.items;
  const code = q.code || items.find((i) => i.missingTest > 0 || i.pendingLeaves > 0)?.code || items[0]?.code;
  const go = (params: Record<string, string>) => navigateQuery(['institutions'], { date, code: code ?? '', ...params });
  return (
    <section className="page institutions" data-testid="institutions">
      <header className="page-header">
        <h1>{t('institutions.title')}</h1>
        <label>
          {t('exits.day')}{' '}
          <input type="date" value={date} max={businessToday()} onChange={(e) => go({ date: e.target.value })} />
        </label>
      </header>
      <div className="inst-figures">
        {(
          [
            ['institutions.name', list.data.totals.institutions],
            ['institutions.onShift', list.data.totals.onShift],
            ['institutions.missing', list.data.totals.missingTest],
          ] as const
        ).map(([key, n]) => (
          <div className="card exams-kpi" key={key}>
            <span className="kpi-label">{t(key)}</span>
            <strong className="kpi-value">{formatNumber(n)}</strong>
          </div>
        ))}
      </div>
      {items.length === 0 ? (
        <p className="muted">{t('institutions.none')}</p>
      ) : (
        <div className="inst-layout">
          <div className="card table-wrap">
            <table className="table inst-table" data-testid="institutions-list">
              <thead>
                <tr>
                  <th>{t('institutions.name')}</th>
                  <th className="num">{t('institutions.onShift')}</th>
                  <th className="num">{t('institutions.missing')}</th>
                  <th className="num">{t('institutions.leaves')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.code} className={i.code === code ? 'selected' : ''}>
                    <th>
                      <a href={hrefQuery(['institutions'], { date, code: i.code })} data-testid="institution-link">
                        {i.name}
                      </a>
                      <div className="muted small">{label('venues.category', i.category)}</div>
                    </th>
                    <td className="num">
                      {formatNumber(i.onShift)}/{formatNumber(i.staff)}
                    </td>
                    <td className={`num${i.missingTest ? ' inst-missing' : ''}`}>{formatNumber(i.missingTest)}</td>
                    <td className="num">{formatNumber(i.pendingLeaves)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {code ? (
            <Roster code={code} date={date} user={user} onChanged={list.reload} />
          ) : (
            <p className="muted">{t('institutions.pickOne')}</p>
          )}
        </div>
      )}
    </section>
  );
}

function Roster({ code, date, user, onChanged }: { code: string; date: string; user: User; onChanged: () => void }) {
  const { t, lang, label } = useI18n();
  const roster = useApi<InstitutionRoster>(`/api/v1/institutions/${encodeURIComponent(code)}?date=${date}`);
  const [asking, setAsking] = useState<number>();
  const [reason, setReason] = useState('');
  const changed = () => {
    roster.reload();
    onChanged();
  };
  const ask = useSubmit(async () => {
    await api(`/api/v1/institutions/${encodeURIComponent(code)}/leaves`, {
      method: 'POST',
      body: { personId: asking, leaveDate: date, reason: reason.trim() },
    });
    setAsking(undefined);
    setReason('');
    changed();
  });
  const decide = useSubmit(async ({ id, approve }: { id: number; approve: boolean }) => {
    await api(`/api/v1/institutions/leaves/${id}/decision`, { method: 'POST', body: { approve } });
    changed();
  });
  if (roster.error !== undefined && !roster.data) return <ErrorBox error={roster.error} onRetry={roster.reload} />;
  const r = roster.data;
  if (!r) return <Loading />;
  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(lang, { timeZone: CHINA_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' })
      : '—';
  const officer = user.role === 'district-officer';
  const askingName = r.members.find((m) => m.personId === asking)?.nameMasked ?? '';
  return (
    <div className="card" data-testid="institution-roster">
      <h2>
        {r.name} · {t('institutions.roster')}
      </h2>
      <p className="muted small">
        {r.certificateHours === null
          ? t('institutions.noRule', { policy: r.policyId })
          : t('institutions.rule', { policy: r.policyId, hours: r.certificateHours, at: when(r.checkedAt) })}
      </p>
      <div className="table-wrap">
        <table className="table inst-table">
          <thead>
            <tr>
              <th>{t('exits.person')}</th>
              <th>{t('institutions.role')}</th>
              <th>{t('institutions.standing')}</th>
              <th>{t('institutions.shifts')}</th>
              <th>{t('institutions.lastNegative')}</th>
              <th>{t('institutions.test')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {r.members.map((m) => (
              <tr key={m.personId} data-missing={String(m.missingTest)}>
                <td>
                  {m.nameMasked} <span className="muted small">{m.idNumberMasked}</span>
                </td>
                <td>{m.role}</td>
                <td>{label('institutions.standing', m.standing)}</td>
                <td className="small">
                  {m.shifts.map((s) => `${s.in.slice(5)}→${s.out?.slice(5) ?? '…'}`).join('，')}
                </td>
                <td className="small">{when(m.lastNegativeSampledAt)}</td>
                <td className={m.missingTest ? 'inst-missing' : ''}>
                  {m.standing !== 'on-shift'
                    ? '—'
                    : m.missingTest
                      ? t('institutions.testMissing')
                      : t('institutions.testOk')}
                </td>
                <td>
                  {m.standing === 'on-shift' && (
                    <button type="button" className="btn btn-small" onClick={() => setAsking(m.personId)}>
                      {t('institutions.request')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {asking !== undefined && (
        <form
          className="inst-ask"
          onSubmit={(e) => {
            e.preventDefault();
            void ask.run();
          }}
        >
          <label>
            {t('institutions.requestFor', { name: askingName })}{' '}
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('institutions.leaveReason')}
            />
          </label>{' '}
          <button type="submit" className="btn btn-primary btn-small" disabled={ask.busy || !reason.trim()}>
            {t('institutions.request')}
          </button>
          <FormError error={ask.error} />
        </form>
      )}
      <h3>{t('institutions.leavesTitle')}</h3>
      {r.leaves.length === 0 ? (
        <p className="muted">{t('institutions.noLeaves')}</p>
      ) : (
        <table className="table" data-testid="institution-leaves">
          <thead>
            <tr>
              <th>{t('exits.person')}</th>
              <th>{t('institutions.leaveDate')}</th>
              <th>{t('institutions.leaveReason')}</th>
              <th>{t('institutions.leaveStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {r.leaves.map((l: Leave) => (
              <tr key={l.id}>
                <td>{l.nameMasked}</td>
                <td>{l.leaveDate}</td>
                <td>{l.reason}</td>
                <td>
                  {label('institutions.leave', l.status)}
                  {l.status === 'pending' && officer && (
                    <span className="inst-leave-actions">
                      <button
                        type="button"
                        className="btn btn-primary btn-small"
                        disabled={decide.busy}
                        onClick={() => void decide.run({ id: l.id, approve: true })}
                        data-testid="leave-approve"
                      >
                        {t('institutions.approve')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={decide.busy}
                        onClick={() => void decide.run({ id: l.id, approve: false })}
                      >
                        {t('institutions.reject')}
                      </button>
                    </span>
                  )}
                  {l.decidedBy && <div className="muted small">{l.decidedBy}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError error={decide.error} />
    </div>
  );
}
