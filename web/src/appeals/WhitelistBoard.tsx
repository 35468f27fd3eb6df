import { useState } from 'react';
import { query } from '../api';
import { DownloadButton } from '../common/DownloadButton';
import { useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { Tiers } from './Enterprises';

type Tally = { normal: number; reduced: number; stopped: number; missing: number; total: number };
interface Board {
  day: string;
  counts: Record<string, number>;
  whitelisted: number;
  byTier: Array<Tally & { key: string }>;
  byDistrict: Array<Tally & { key: string; name: string }>;
  troubled: Array<{
    enterpriseId: number;
    name: string;
    creditCode: string;
    districtName: string;
    tiers: string[];
    production: string;
    capacityPct: number;
    materialDays: number;
    logisticsBlocked: boolean;
    appealId: number | null;
    reasons: string[];
  }>;
  missing: Array<{ id: number; name: string; creditCode: string; districtName: string; tiers: string[] }>;
}
const STATES = ['normal', 'reduced', 'stopped', 'missing'] as const;

/** The whitelist status board of a day: counts, by tier and district, enterprises in trouble, not reported. */
export function WhitelistBoard() {
  const { t, label } = useI18n();
  const q = useQuery();
  const [day, setDay] = useState<string | undefined>(q.date);
  const b = useApi<Board>(`/api/v1/whitelist/breakdown${query({ date: day })}`);
  const x = b.data;
  const tallyTable = (title: string, rows: Array<Tally & { key: string; label: string }>, testId: string) => (
    <section className="card appeal-card">
      <h3>{title}</h3>
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th />
            {STATES.map((s) => (
              <th key={s} className="num">
                {label('appeals.production', s)}
              </th>
            ))}
            <th className="num">{t('appeals.whitelisted')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {STATES.map((s) => (
                <td key={s} className={`num${s !== 'normal' && r[s] ? ` appeal-state-${s}` : ''}`}>
                  {r[s]}
                </td>
              ))}
              <td className="num">{r.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
  return (
    <div data-testid="whitelist-board" className="appeal-dash">
      <div className="appeal-toolbar">
        <label className="field-inline">
          <span>{t('appeals.day')}</span>
          <input
            type="date"
            value={day ?? x?.day ?? ''}
            onChange={(e) => e.target.value && setDay(e.target.value)}
            data-testid="board-day"
          />
        </label>
        {x && (
          <DownloadButton
            path={`/api/v1/whitelist/board.xlsx${query({ date: x.day })}`}
            fileName="whitelist.xlsx"
            busyLabel="…"
          >
            {t('appeals.export')}
          </DownloadButton>
        )}
      </div>
      {b.error !== undefined && <ErrorBox error={b.error} onRetry={b.reload} />}
      {!x && b.error === undefined && <Loading />}
      {x && (
        <>
          <div className="appeal-kpis">
            <div>
              {t('appeals.whitelisted')} · {x.day}
              <strong>{x.whitelisted}</strong>
            </div>
            {STATES.map((s) => (
              <div key={s}>
                {label('appeals.production', s)}
                <strong className={s !== 'normal' && x.counts[s] ? `appeal-state-${s}` : ''} data-testid={`count-${s}`}>
                  {x.counts[s] ?? 0}
                </strong>
              </div>
            ))}
          </div>
          <div className="appeal-grid">
            {tallyTable(
              t('appeals.byTier'),
              x.byTier.map((r) => ({ ...r, label: label('appeals.tier', r.key) })),
              'board-tiers',
            )}
            {tallyTable(
              t('appeals.byDistrict'),
              x.byDistrict.map((r) => ({ ...r, label: r.name })),
              'board-districts',
            )}
          </div>
          <section className="card appeal-card">
            <h3>
              {t('appeals.troubled')} <span className="muted">({x.troubled.length})</span>
            </h3>
            <table className="table" data-testid="board-troubled">
              <thead>
                <tr>
                  <th>{t('appeals.name')}</th>
                  <th>{t('appeals.district')}</th>
                  <th>{t('appeals.tiers')}</th>
                  <th>{t('appeals.production')}</th>
                  <th className="num">{t('appeals.capacity')}</th>
                  <th className="num">{t('appeals.materialDays')}</th>
                  <th>{t('appeals.trouble')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {x.troubled.map((r) => (
                  <tr key={r.enterpriseId}>
                    <td>
                      <a href={`#/appeals/enterprises/${r.creditCode}`}>{r.name}</a>
                    </td>
                    <td>{r.districtName}</td>
                    <td>
                      <Tiers tiers={r.tiers} />
                    </td>
                    <td className={`appeal-state-${r.production}`}>{label('appeals.production', r.production)}</td>
                    <td className="num">{r.capacityPct}%</td>
                    <td className="num">{r.materialDays}</td>
                    <td className="wrap">{r.reasons.join('；')}</td>
                    <td>{r.appealId && <a href={`#/appeals/${r.appealId}`}>{t('appeals.recentAppeals')}</a>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card appeal-card">
            <h3>
              {t('appeals.missingList')} <span className="muted">({x.missing.length})</span>
            </h3>
            <table className="table" data-testid="board-missing">
              <tbody>
                {x.missing.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <a href={`#/appeals/enterprises/${m.creditCode}`}>{m.name}</a>
                    </td>
                    <td>{m.districtName}</td>
                    <td>
                      <Tiers tiers={m.tiers} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
