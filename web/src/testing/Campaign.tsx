import { useMemo } from 'react';
import { query } from '../api';
import type { Coverage, User } from '../api-types';
import { formatDay } from '../common/dates';
import { navigateQuery } from '../common/router';
import { Empty, ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { AlertsPanel } from './AlertsPanel';
import { AreaPath } from './AreaPath';
import { CampaignPicker } from './CampaignPicker';
import { CoverageCards } from './CoverageCards';
import { CoverageTable } from './CoverageTable';
import { coverageQuery, sumRows } from './defaults';
import { ProgressCard } from './ProgressCard';
import { TestingTabs } from './TestingTabs';
import { TurnaroundCard } from './TurnaroundCard';
import { Unsampled } from './Unsampled';
import { type TestingParams, useTestingParams } from './useTestingParams';
import { ZoneCoverageCard } from './ZoneCoverageCard';

/**
 * A campaign round: open positive alerts, headline, progress through the day, lab turnaround, coverage with
 * drill-down, and who is not yet sampled.
 */
export function Campaign({ user }: { user: User }) {
  const { t } = useI18n();
  const params = useTestingParams();
  const { campaigns, campaignsError, reloadCampaigns, campaign, code, round } = params;
  return (
    <section className="page testing-page">
      <header className="page-header">
        <h1 data-testid="testing-title">{t('testing.title')}</h1>
      </header>
      <TestingTabs active="campaign" campaign={code} round={round} user={user} />
      {campaignsError !== undefined && <ErrorBox error={campaignsError} onRetry={reloadCampaigns} />}
      {!campaigns && campaignsError === undefined && <Loading />}
      {campaigns && campaigns.length === 0 && <p className="notice">{t('testing.noCampaigns')}</p>}
      {campaigns && campaigns.length > 0 && !campaign && (
        <p className="notice notice-warn" data-testid="campaign-unknown">
          {t('testing.campaignUnknown', { code })}
        </p>
      )}
      {campaigns && campaigns.length > 0 && (
        <CampaignPicker
          campaigns={campaigns}
          code={code}
          round={round}
          days={params.days}
          onChange={(patch) =>
            navigateQuery(['testing'], {
              campaign: patch.campaign ?? code,
              round: 'round' in patch ? patch.round : round,
              area: patch.campaign && patch.campaign !== code ? undefined : params.area,
            })
          }
        />
      )}
      {campaign && <Round params={params} />}
      {/* Below the round, so that its loading never shifts the drill-down table under the pointer. */}
      <AlertsPanel mayAck={can(user, 'testing:alerts')} />
    </section>
  );
}

function Round({ params }: { params: TestingParams }) {
  const { t, lang } = useI18n();
  const { code, round, area, days, campaign } = params;
  const { level, within } = coverageQuery(area);
  const coverage = useApi<Coverage>(
    `/api/v1/campaigns/${encodeURIComponent(code)}/coverage${query({ round, level, within })}`,
  );
  const rows = coverage.data?.items;
  const totals = useMemo(() => sumRows(rows ?? []), [rows]);
  const community = area.length === 12 ? rows?.find((r) => r.code === area) : undefined;
  const headline = community ? sumRows([community]) : totals;
  const day = days[round - 1];

  return (
    <>
      <div className="testing-round-head">
        <h2 className="testing-round-title" data-testid="round-title">
          {campaign?.name} · {t('testing.roundOn', { n: round, day: day ? formatDay(day, lang) : '' })}
        </h2>
        <AreaPath area={area} campaign={code} round={round} />
      </div>
      {coverage.error !== undefined && <ErrorBox error={coverage.error} onRetry={coverage.reload} />}
      {coverage.loading && !rows && <Loading />}
      {rows && coverage.error === undefined && (
        <div className={`testing-round${coverage.loading ? ' stale' : ''}`} aria-busy={coverage.loading}>
          <CoverageCards totals={headline} />
          {area.length === 12 && (
            <Unsampled
              key={`${code}-${round}-${area}`}
              campaign={code}
              round={round}
              community={area}
              communityName={community?.name ?? area}
            />
          )}
          <div className="testing-grid">
            <section className="card coverage-card">
              <div className="card-header">
                <h2>{t(`testing.coverageBy.${level}`)}</h2>
                <span className="muted small">{t('testing.coverageHint')}</span>
              </div>
              {rows.length === 0 ? (
                <Empty />
              ) : (
                <CoverageTable
                  rows={rows}
                  level={level}
                  totals={totals}
                  selected={area}
                  campaign={code}
                  round={round}
                />
              )}
            </section>
            <ProgressCard campaign={code} round={round} day={day} />
          </div>
          <TurnaroundCard campaign={code} round={round} district={area ? area.slice(0, 6) : undefined} />
          <ZoneCoverageCard campaign={code} round={round} area={area} />
        </div>
      )}
    </>
  );
}
