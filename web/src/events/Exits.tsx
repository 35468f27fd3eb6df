import type { ExitDaily, ExitReason, FlaggedExits, User } from '../api-types';
import { businessToday } from '../common/clock';
import { DayNote } from '../common/DayNote';
import { CHINA_TIME_ZONE } from '../common/dates';
import { navigateQuery, useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { reasonName } from '../venues/reasons';
import './exits.css';

const REASONS: readonly ExitReason[] = ['medical', 'work', 'family', 'study', 'other'];

/**
 * 离榕管控: the day's departures allowed and turned back at each city exit, by declared and refusal
 * reason, and for a district the residents of its risk zones who tried to leave (masked).
 */
export function Exits({ user }: { user: User }) {
  const { t, lang, label, formatNumber } = useI18n();
  const q = useQuery();
  const daily = useApi<ExitDaily>(`/api/v1/exits/daily${q.date ? `?date=${q.date}` : ''}`);
  const d = daily.data;
  const flagged = useApi<FlaggedExits>(
    d?.date && can(user, 'persons:read') ? `/api/v1/exits/flagged?date=${d.date}` : null,
  );
  if (daily.error !== undefined && !d) return <ErrorBox error={daily.error} onRetry={daily.reload} />;
  if (!d) return <Loading />;
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(lang, { timeZone: CHINA_TIME_ZONE, hour: '2-digit', minute: '2-digit' });
  return (
    <section className="page exits" data-testid="exits">
      <header className="page-header">
        <h1>{t('exits.title')}</h1>
        <label>
          {t('exits.day')}{' '}
          <input
            type="date"
            value={d.date ?? ''}
            max={businessToday()}
            onChange={(e) => navigateQuery(['exits'], { date: e.target.value })}
          />
        </label>
      </header>
      {d.date ? (
        <DayNote shown={d.date} today={businessToday()} picked={!!q.date} todayHref="#/exits" />
      ) : (
        <p className="muted">{t('exits.noDay')}</p>
      )}
      {d.policyId && d.certificateHours !== null && (
        <p className="muted" data-testid="exits-rule">
          {t('exits.rule', { policy: d.policyId, hours: d.certificateHours })}
        </p>
      )}
      <div className="exits-figures">
        {(
          [
            ['exits.allowed', d.totals.allowed],
            ['exits.refused', d.totals.refused],
            ['exits.flagged', d.totals.flagged],
          ] as const
        ).map(([key, n]) => (
          <div className="card exams-kpi" key={key}>
            <span className="kpi-label">{t(key)}</span>
            <strong className="kpi-value">{formatNumber(n)}</strong>
          </div>
        ))}
      </div>
      <div className="card table-wrap">
        <table className="table exits-table" data-testid="exits-table">
          <thead>
            <tr>
              <th>{t('exits.checkpoint')}</th>
              <th className="num">{t('exits.allowed')}</th>
              <th className="num">{t('exits.refused')}</th>
              <th className="num">{t('exits.flagged')}</th>
              {REASONS.map((r) => (
                <th className="num" key={r} title={t('exits.byReason')}>
                  {t(`exit.reason.${r}`)}
                </th>
              ))}
              <th>{t('exits.refusals')}</th>
            </tr>
          </thead>
          <tbody>
            {d.checkpoints.map((c) => (
              <tr key={c.code}>
                <th>
                  {c.name}
                  {c.kind && (
                    <span className="muted small" data-kind={c.kind}>
                      {' '}
                      {t(`exits.kind.${c.kind}`)}
                    </span>
                  )}
                </th>
                <td className="num">{formatNumber(c.allowed)}</td>
                <td className="num exits-refused">{formatNumber(c.refused)}</td>
                <td className="num">{formatNumber(c.flagged)}</td>
                {REASONS.map((r) => (
                  <td className="num" key={r}>
                    {formatNumber(c.byReason[r]?.allowed ?? 0)}/{formatNumber(c.byReason[r]?.refused ?? 0)}
                  </td>
                ))}
                <td className="small">
                  {Object.entries(c.refusals)
                    .sort((a, b) => b[1] - a[1])
                    .map(([code, n]) => `${reasonName(label, code)} ${formatNumber(n)}`)
                    .join('；')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {flagged.data && (
        <div className="card" data-testid="exits-flagged">
          <h2>{t('exits.flaggedTitle')}</h2>
          {flagged.data.items.length === 0 ? (
            <p className="muted">{t('exits.flaggedNone')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('exits.time')}</th>
                    <th>{t('exits.checkpoint')}</th>
                    <th>{t('exits.person')}</th>
                    <th>{t('exits.zone')}</th>
                    <th>{t('exits.declared')}</th>
                    <th>{t('exits.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {flagged.data.items.map((f) => (
                    <tr key={f.scanId}>
                      <td>{time(f.at)}</td>
                      <td>{f.checkpoint.name}</td>
                      <td>
                        {f.nameMasked} <span className="muted small">{f.idNumberMasked}</span>
                      </td>
                      <td>
                        <a href={`#/zones/detail?code=${encodeURIComponent(f.zone.code)}`}>{f.zone.code}</a> ·{' '}
                        {label('zones.level', f.zone.level)}
                      </td>
                      <td>
                        {t(`exit.reason.${f.reason}`)}
                        {f.reasonText && <span className="muted small"> {f.reasonText}</span>}
                      </td>
                      <td className={f.verdict === 'deny' ? 'exits-refused' : ''}>
                        {f.verdict === 'deny' ? t('checkpoint.deny') : t('checkpoint.allow')}
                        {f.refusals.length > 0 && (
                          <span className="small"> · {f.refusals.map((c) => reasonName(label, c)).join('、')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
