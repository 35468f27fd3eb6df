import { useCallback, useMemo, useState } from 'react';
import { query } from '../api';
import type { User, ZoneEvaluation } from '../api-types';
import { DayNote } from '../common/DayNote';
import { formatDay } from '../common/dates';
import { Pager } from '../common/Pager';
import { href, hrefQuery, navigateQuery, useQuery } from '../common/router';
import { Empty, ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { EvaluationTable } from './EvaluationTable';
import { PolicyCard } from './PolicyCard';
import { useZoneParams } from './useZoneParams';
import type { ZoneFilter } from './ZoneFilters';
import { ZoneFilters } from './ZoneFilters';
import { ZoneTabs } from './ZoneTabs';

const PAGE_SIZE = 50;

/**
 * Which active zones may be downgraded or lifted on a day under the policy version in force, and why;
 * opened from a policy difference (`?policy=…`), the day replayed under that version (nothing stored).
 */
export function Evaluation({ user }: { user: User }) {
  const { t, lang, formatNumber } = useI18n();
  const { filter, districts, districtName, city, today, picked } = useZoneParams(user);
  const policy = useQuery().policy;
  const { date, district } = filter;
  const [eligibleOnly, setEligibleOnly] = useState(false);
  const [page, setPage] = useState(1);

  const update = useCallback(
    (patch: Partial<ZoneFilter>) => {
      setPage(1);
      const next = { ...filter, ...patch };
      navigateQuery(['zones', 'evaluation'], { date: next.date, district: next.district, policy });
    },
    [filter, policy],
  );

  const evaluation = useApi<ZoneEvaluation>(`/api/v1/zones/evaluation${query({ date, district, policy })}`);
  const data = evaluation.data;
  // Zones their day's notice already decided are not waiting for one: the summary counts them
  // apart, so its "active now" agrees with the zone list (which shows the day's end).
  const counts = useMemo(() => {
    const items = data?.items ?? [];
    return {
      morning: items.length,
      decided: items.filter((e) => e.decidedToday).length,
      lifted: items.filter((e) => e.decidedToday?.kind === 'lift').length,
      eligible: items.filter((e) => e.eligible && !e.decidedToday).length,
    };
  }, [data]);
  const shown = useMemo(
    () => (eligibleOnly ? data?.items.filter((e) => e.eligible && !e.decidedToday) : data?.items) ?? [],
    [data, eligibleOnly],
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);

  return (
    <section className="page zones-page">
      <header className="page-header">
        <h1 data-testid="evaluation-title">
          {t('evaluation.title')} · {formatDay(date, lang)}
        </h1>
      </header>
      <DayNote shown={date} today={today} picked={picked} todayHref={href('zones', 'evaluation')} />
      <ZoneTabs active="evaluation" date={date} district={district} />
      <ZoneFilters value={filter} districts={districts} city={city} withLevel={false} onChange={update} />

      {evaluation.error !== undefined && <ErrorBox error={evaluation.error} onRetry={evaluation.reload} />}
      {evaluation.loading && !data && <Loading />}
      {data && (
        <div className={`zones-evaluation${evaluation.loading ? ' stale' : ''}`} aria-busy={evaluation.loading}>
          {data.replay && (
            <p className="notice notice-warn" data-testid="evaluation-replay">
              {t('evaluation.replay', { policy: data.policy.id, inForce: data.inForce })}{' '}
              <a href={hrefQuery(['zones', 'evaluation'], { date, district })}>{t('evaluation.replayOff')}</a>
            </p>
          )}
          <PolicyCard policy={data.policy} />
          <section className="card">
            <div className="card-header">
              <h2 data-testid="evaluation-summary">
                {t('evaluation.summaryDay', {
                  morning: formatNumber(counts.morning),
                  decided: formatNumber(counts.decided),
                  lifted: formatNumber(counts.lifted),
                  active: formatNumber(counts.morning - counts.lifted),
                  eligible: formatNumber(counts.eligible),
                })}
              </h2>
              <label className="check">
                <input
                  type="checkbox"
                  checked={eligibleOnly}
                  onChange={(e) => {
                    setEligibleOnly(e.target.checked);
                    setPage(1);
                  }}
                  data-testid="eligible-only"
                />
                {t('evaluation.eligibleOnly')}
              </label>
            </div>
            <p className="muted small">{t('evaluation.hint')}</p>
            {shown.length === 0 ? (
              <Empty />
            ) : (
              <EvaluationTable
                items={shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE)}
                date={date}
                districtName={districtName}
                policyName={data.policy.name}
                policy={data.replay ? data.policy.id : undefined}
              />
            )}
            <Pager page={current} pageSize={PAGE_SIZE} total={shown.length} onPage={setPage} />
          </section>
        </div>
      )}
    </section>
  );
}
