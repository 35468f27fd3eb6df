import { lazy, Suspense, useMemo, useState } from 'react';
import { query } from '../api';
import type { PowerOverview } from '../api-types';
import { REDS } from '../charts/colors';
import { useGeo } from '../charts/useGeo';
import { DownloadButton } from '../common/DownloadButton';
import { formatDay, isIsoDate } from '../common/dates';
import { hrefQuery, navigateQuery, useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import './economy.css';
import { FirmPage } from './FirmPage';

// ECharts loads with the charts, not with the page.
const DistrictMap = lazy(() => import('../charts/DistrictMap').then((m) => ({ default: m.DistrictMap })));
const PowerChart = lazy(() => import('./PowerChart').then((m) => ({ default: m.PowerChart })));

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

/** 工业用电, or a firm's page under it (`#/economy/firms/CODE`). */
export function Economy({ page, sub }: { page?: string; sub?: string }) {
  return page === 'firms' && sub ? <FirmPage code={sub} /> : <CityPower />;
}

/** 工业用电: the city's daily total against its baseline, districts, industries and flagged firms. */
function CityPower() {
  const { t, lang, formatNumber } = useI18n();
  const q = useQuery();
  const date = isIsoDate(q.date) ? q.date : undefined;
  const o = useApi<PowerOverview>(`/api/v1/economy/power${query({ date })}`);
  const { geo } = useGeo();
  const [picked, setPicked] = useState<string | undefined>();
  const d = o.data;
  const day = d?.date ?? date ?? '';
  const wan = (kwh: number | null) => (kwh === null ? '—' : formatNumber(Math.round(kwh / 1e4)));
  const accountFlags = d?.flags.filter((f) => f.kind === 'account') ?? [];
  const areaFlags = d?.flags.filter((f) => f.kind !== 'account') ?? [];
  const account = picked ?? accountFlags[0]?.subject;
  const curve = d?.curves.find((c) => c.account === account);
  const mapValues = useMemo(
    () =>
      (d?.districts ?? []).map((x) => ({
        code: x.code,
        name: x.name,
        value: Math.max(0, Math.round((1 - (x.share ?? 1)) * 1000) / 10),
      })),
    [d],
  );

  return (
    <section className="page economy-page" data-testid="economy-page">
      <header className="page-head">
        <h1>{t('economy.title')}</h1>
        <div className="page-actions">
          <label>
            {t('economy.date')}{' '}
            <input
              type="date"
              value={day}
              onChange={(e) => navigateQuery(['economy'], { date: e.target.value })}
              data-testid="economy-date"
            />
          </label>
          {day && (
            <DownloadButton
              path={`/api/v1/economy/power.xlsx${query({ date: day })}`}
              fileName={`electricity-${day}.xlsx`}
              busyLabel={t('economy.exporting')}
              testId="economy-export"
            >
              {t('economy.export')}
            </DownloadButton>
          )}
        </div>
      </header>
      {o.error !== undefined && <ErrorBox error={o.error} onRetry={o.reload} />}
      {o.loading && !d && <Loading />}
      {d && !d.date && <p className="notice">{t('economy.none')}</p>}
      {d?.date && (
        <>
          <div className="economy-headline card" data-testid="economy-headline">
            {d.sinceOutbreak ? (
              <p>
                {t('economy.since', {
                  from: formatDay(d.sinceOutbreak.from, lang),
                  avg: wan(d.sinceOutbreak.avgKwh),
                  ratio: pct(d.sinceOutbreak.ratio),
                })}
              </p>
            ) : null}
            <p className="muted small">
              {d.window
                ? t('economy.window', {
                    from: formatDay(d.window.from, lang),
                    to: formatDay(d.window.to, lang),
                  })
                : t('economy.noWindow')}{' '}
              {t('economy.rules', {
                account: pct(d.settings.accountShare),
                days: d.settings.accountDays,
                area: pct(d.settings.areaShare),
              })}
            </p>
          </div>
          <section className="card">
            <h2>
              {t('economy.cityTitle')} · {formatDay(d.date, lang)}
            </h2>
            <Suspense fallback={<Loading />}>
              <PowerChart
                points={d.series}
                unit={1e4}
                unitLabel={t('economy.unitWan')}
                date={d.date}
                since={d.firstLocalCase}
                title={t('economy.cityTitle')}
                testId="economy-city-chart"
              />
            </Suspense>
          </section>
          <div className="economy-grid">
            <section className="card">
              <h2>{t('economy.mapTitle')}</h2>
              {geo && (
                <Suspense fallback={<Loading />}>
                  <DistrictMap
                    geo={geo}
                    values={mapValues}
                    label={t('economy.drop')}
                    title={t('economy.mapTitle')}
                    colors={REDS}
                    testId="economy-map"
                  />
                </Suspense>
              )}
            </section>
            <section className="card">
              <h2>{t('economy.byDistrict')}</h2>
              <AreaTable rows={d.districts.map((x) => ({ key: x.code, ...x }))} wan={wan} testId="economy-districts" />
            </section>
          </div>
          <section className="card">
            <h2>{t('economy.byIndustry')}</h2>
            <AreaTable
              rows={d.industries.map((x) => ({
                key: x.division,
                ...x,
                name: `${x.code} ${lang === 'en' ? x.nameEn : x.name}`,
              }))}
              wan={wan}
              testId="economy-industries"
            />
          </section>
          <section className="card" data-testid="economy-flags">
            <h2>
              {t('economy.flagsTitle')} ({accountFlags.length + areaFlags.length})
            </h2>
            <ul className="economy-flag-list">
              {areaFlags.map((f) => (
                <li key={`${f.kind}-${f.subject}`} className="flag-area">
                  {f.message[lang === 'en' ? 'en' : 'zh-CN']}
                </li>
              ))}
            </ul>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('economy.enterprise')}</th>
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
                      {t('economy.days')}
                    </th>
                    <th scope="col">{t('economy.liaison')}</th>
                  </tr>
                </thead>
                <tbody>
                  {accountFlags.map((f) => (
                    <tr
                      key={f.subject}
                      className={f.subject === account ? 'selected' : undefined}
                      onClick={() => setPicked(f.subject)}
                    >
                      <td>
                        {f.enterprise && f.creditCode ? (
                          <a
                            href={hrefQuery(['economy', 'firms', f.creditCode], { date: d.date })}
                            data-testid="economy-firm-link"
                          >
                            {f.enterprise}
                          </a>
                        ) : (
                          (f.enterprise ?? '—')
                        )}
                        {f.whitelisted && <span className="badge">{t('economy.whitelisted')}</span>}
                      </td>
                      <td>
                        <button type="button" className="btn btn-link" onClick={() => setPicked(f.subject)}>
                          {f.subject}
                        </button>
                      </td>
                      <td className="num">{formatNumber(Math.round(f.kwh))}</td>
                      <td className="num">{formatNumber(Math.round(f.baseline))}</td>
                      <td className="num">{pct(f.share)}</td>
                      <td className="num">{f.days}</td>
                      <td>{f.taskId ? <a href="#/liaison">#{f.taskId}</a> : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {curve && (
              <Suspense fallback={<Loading />}>
                <h3>{t('economy.curveOf', { account: curve.account })}</h3>
                <PowerChart
                  points={curve.points}
                  unit={1}
                  unitLabel={t('economy.unitKwh')}
                  date={d.date}
                  title={t('economy.curveOf', { account: curve.account })}
                  height={220}
                  testId="economy-account-chart"
                />
              </Suspense>
            )}
          </section>
        </>
      )}
    </section>
  );
}

interface AreaRow {
  key: string;
  name: string;
  kwh: number;
  baseline: number | null;
  share: number | null;
  flagged: boolean;
}

function AreaTable({ rows, wan, testId }: { rows: AreaRow[]; wan: (x: number | null) => string; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('economy.area')}</th>
            <th scope="col" className="num">
              {t('economy.kwhWan')}
            </th>
            <th scope="col" className="num">
              {t('economy.baselineWan')}
            </th>
            <th scope="col" className="num">
              {t('economy.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.flagged ? 'flagged' : undefined}>
              <td>
                {r.name} {r.flagged && <span className="badge badge-warn">{t('economy.flagged')}</span>}
              </td>
              <td className="num">{wan(r.kwh)}</td>
              <td className="num">{wan(r.baseline)}</td>
              <td className="num">{pct(r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
