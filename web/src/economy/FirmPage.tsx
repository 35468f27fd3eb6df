import { lazy, Suspense } from 'react';
import { query } from '../api';
import type { PowerFirm } from '../api-types';
import { AppealMini } from '../appeals/AppealMini';
import { Tiers } from '../appeals/Enterprises';
import { fmt } from '../appeals/format';
import { ReportTable } from '../appeals/ReportTable';
import { formatDay, isIsoDate } from '../common/dates';
import { hrefQuery, useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';

const PowerChart = lazy(() => import('./PowerChart').then((m) => ({ default: m.PowerChart })));

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/**
 * A firm's page: each of its accounts against the same weekday's baseline, the flags raised on them
 * with the rule and the numbers, beside its whitelist daily reports, appeals and open liaison tasks.
 */
export function FirmPage({ code }: { code: string }) {
  const { t, lang, formatNumber } = useI18n();
  const q = useQuery();
  const to = isIsoDate(q.date) ? q.date : undefined;
  const r = useApi<PowerFirm>(`/api/v1/economy/firms/${encodeURIComponent(code)}${query({ to })}`);
  if (r.error !== undefined) return <ErrorBox error={r.error} onRetry={r.reload} />;
  if (!r.data) return <Loading />;
  const d = r.data;
  const e = d.enterprise;
  const msg = (m: { 'zh-CN': string; en: string }) => m[lang === 'en' ? 'en' : 'zh-CN'];
  return (
    <section className="page economy-page" data-testid="economy-firm">
      <header className="page-head">
        <h1>
          {e.name} <Tiers tiers={e.tiers} />
        </h1>
        <div className="page-actions">
          <a className="btn" href={hrefQuery(['economy'], { date: to })}>
            {t('economy.firm.back')}
          </a>
          <a className="btn" href={`#/appeals/enterprises/${encodeURIComponent(e.creditCode)}`}>
            {t('economy.firm.registry')}
          </a>
        </div>
      </header>
      <p className="muted small">
        <span className="mono">{e.creditCode}</span> · {e.districtName} · {e.industry}
        {e.liaison ? ` · ${e.liaison.name}` : ''}
        {d.date ? ` · ${t('economy.firm.upTo', { day: formatDay(d.date, lang) })}` : ''}
        {d.window
          ? ` · ${t('economy.window', { from: formatDay(d.window.from, lang), to: formatDay(d.window.to, lang) })}`
          : ''}
      </p>
      <div className="economy-grid">
        <div>
          <section className="card" data-testid="economy-firm-accounts">
            <h2>{t('economy.firm.accounts')}</h2>
            {d.accounts.length === 0 && <p className="muted">{t('economy.firm.noAccounts')}</p>}
            {d.accounts.map((a) => {
              const title = t('economy.firm.curveTitle', {
                account: a.account,
                district: a.districtName,
                industry: `${a.industry} ${a.industryName}`,
              });
              return (
                <div key={a.account}>
                  <h3>{title}</h3>
                  <Suspense fallback={<Loading />}>
                    <PowerChart
                      points={a.points}
                      unit={1}
                      unitLabel={t('economy.unitKwh')}
                      date={d.date ?? ''}
                      since={d.firstLocalCase}
                      title={title}
                      height={240}
                      testId="economy-firm-chart"
                    />
                  </Suspense>
                </div>
              );
            })}
          </section>
          <section className="card" data-testid="economy-firm-flags">
            <h2>
              {t('economy.firm.flags')} ({d.flags.length})
            </h2>
            {d.flags.length === 0 ? (
              <p className="muted">{t('economy.firm.noFlags')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('economy.firm.day')}</th>
                      <th scope="col">{t('economy.account')}</th>
                      <th scope="col" className="num">
                        {t('economy.kwh')}
                      </th>
                      <th scope="col" className="num">
                        {t('economy.baseline')}
                      </th>
                      <th scope="col" className="num">
                        {t('economy.share')}
                      </th>
                      <th scope="col" className="num">
                        {t('economy.firm.threshold')}
                      </th>
                      <th scope="col" className="num">
                        {t('economy.days')}
                      </th>
                      <th scope="col">{t('economy.liaison')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.flags.map((f) => (
                      <tr key={`${f.day}-${f.account}`} title={`${f.rule}: ${msg(f.message)}`}>
                        <td>{formatDay(f.day, lang)}</td>
                        <td className="mono">{f.account}</td>
                        <td className="num">{formatNumber(Math.round(f.kwh))}</td>
                        <td className="num">{formatNumber(Math.round(f.baseline))}</td>
                        <td className="num">{pct(f.share)}</td>
                        <td className="num">{pct(f.threshold)}</td>
                        <td className="num">{f.days}</td>
                        <td>{f.taskId ? <a href="#/liaison">#{f.taskId}</a> : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {d.flags[0] && (
              <p className="small" data-testid="economy-firm-rule">
                <span className="mono">{d.flags[0].rule}</span> · {msg(d.flags[0].message)}
              </p>
            )}
          </section>
        </div>
        <div>
          <section className="card" data-testid="economy-firm-reports">
            <h2>{t('economy.firm.reports')}</h2>
            {d.reports.length === 0 ? (
              <p className="muted">{t('economy.firm.none')}</p>
            ) : (
              <div className="table-wrap">
                <ReportTable reports={d.reports} />
              </div>
            )}
          </section>
          <section className="card" data-testid="economy-firm-appeals">
            <h2>
              {t('economy.firm.appeals')} ({d.appeals.total})
            </h2>
            <AppealMini items={d.appeals.items} />
          </section>
          <section className="card" data-testid="economy-firm-tasks">
            <h2>{t('economy.firm.tasks')}</h2>
            {d.tasks.length === 0 ? (
              <p className="muted">{t('economy.firm.none')}</p>
            ) : (
              <ul>
                {d.tasks.map((x) => (
                  <li key={x.id} className={x.overdue ? 'appeal-overdue' : ''}>
                    <a href="#/liaison">#{x.id}</a> {x.title} · {fmt(x.dueAt, lang)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}
