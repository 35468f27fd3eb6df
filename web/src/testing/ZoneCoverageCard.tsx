import { useEffect, useState } from 'react';
import { query } from '../api';
import type { CoverageRow } from '../api-types';
import { Pager } from '../common/Pager';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { LevelBadge } from '../zones/LevelBadge';
import { CoverageBar } from './CoverageBar';

interface Props {
  campaign: string;
  round: number;
  /** The area shown (district, street or community code), or '' for the whole campaign. */
  area: string;
}

// A city has hundreds of zones: 30 a page keeps the card beside the others, not 11,000 px tall.
const PAGE = 30;

type ZoneRow = CoverageRow & { level: 'high' | 'medium' | 'low'; status: 'active' | 'lifted'; communityCode: string };

/** Coverage of the round in each risk zone of the area, over the zone's recorded residents. */
export function ZoneCoverageCard({ campaign, round, area }: Props) {
  const { t, formatNumber } = useI18n();
  const r = useApi<{ items: ZoneRow[] }>(
    `/api/v1/campaigns/${encodeURIComponent(campaign)}/coverage${query({ round, level: 'zone', within: area || undefined })}`,
  );
  const [page, setPage] = useState(1);
  // A new campaign, round or area starts on the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the inputs are the trigger
  useEffect(() => setPage(1), [campaign, round, area]);
  // Zones still under control first, then the ones with most residents still to sample.
  const rows = [...(r.data?.items ?? [])].sort(
    (a, b) => Number(a.status !== 'active') - Number(b.status !== 'active') || b.missing - a.missing,
  );
  return (
    <section className="card zone-coverage-card" data-testid="zone-coverage">
      <div className="card-header">
        <h2>{t('testing.zoneCoverage.title')}</h2>
        <span className="muted small">{t('testing.zoneCoverage.hint')}</span>
      </div>
      {r.loading && !r.data ? (
        <Loading />
      ) : r.error ? (
        <ErrorBox error={r.error} />
      ) : rows.length === 0 ? (
        <p className="muted">{t('testing.zoneCoverage.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('testing.zoneCoverage.zone')}</th>
                <th scope="col" className="num">
                  {t('testing.col.population')}
                </th>
                <th scope="col" className="num">
                  {t('testing.col.sampled')}
                </th>
                <th scope="col" className="num">
                  {t('testing.col.missing')}
                </th>
                <th scope="col" className="num">
                  {t('testing.col.positive')}
                </th>
                <th scope="col" className="coverage-col">
                  {t('testing.col.coverage')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.slice((page - 1) * PAGE, page * PAGE).map((z) => (
                <tr key={z.code} data-testid="zone-coverage-row" data-code={z.code}>
                  <th scope="row" className="wrap">
                    <a href={`#/zones/detail?code=${encodeURIComponent(z.code)}`}>{z.name}</a>{' '}
                    <LevelBadge zone={z} short />
                  </th>
                  <td className="num">{formatNumber(z.population)}</td>
                  <td className="num">{formatNumber(z.sampled)}</td>
                  <td className="num">{formatNumber(z.missing)}</td>
                  <td className={`num${z.positive > 0 ? ' has-positive' : ''}`}>{formatNumber(z.positive)}</td>
                  <td>
                    <CoverageBar sampled={z.sampled} population={z.population} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > PAGE && <Pager page={page} pageSize={PAGE} total={rows.length} onPage={setPage} />}
        </div>
      )}
    </section>
  );
}
