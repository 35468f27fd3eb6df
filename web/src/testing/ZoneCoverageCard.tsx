import { query } from '../api';
import type { CoverageRow } from '../api-types';
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

type ZoneRow = CoverageRow & { level: 'high' | 'medium' | 'low'; status: 'active' | 'lifted'; communityCode: string };

/** Coverage of the round in each risk zone of the area, over the zone's recorded residents. */
export function ZoneCoverageCard({ campaign, round, area }: Props) {
  const { t, formatNumber } = useI18n();
  const r = useApi<{ items: ZoneRow[] }>(
    `/api/v1/campaigns/${encodeURIComponent(campaign)}/coverage${query({ round, level: 'zone', within: area || undefined })}`,
  );
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
              {rows.map((z) => (
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
        </div>
      )}
    </section>
  );
}
