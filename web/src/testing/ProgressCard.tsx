import { lazy, Suspense, useMemo } from 'react';
import { ApiError, query } from '../api';
import type { Progress } from '../api-types';
import { formatDay } from '../common/dates';
import { Empty, ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { isCumulative } from './progress';

// ECharts loads with the chart, not with the page.
const ProgressChart = lazy(() => import('./ProgressChart').then((m) => ({ default: m.ProgressChart })));

interface Props {
  campaign: string;
  round: number;
  day: string | undefined;
}

/** A 404 that is not "no such campaign" means the server has no progress route (yet). */
const unavailable = (err: unknown): boolean =>
  err instanceof ApiError && err.status === 404 && err.code !== 'CAMPAIGN_NOT_FOUND';

/** Samples and results through the round's day, for the whole campaign area (Beijing time). */
export function ProgressCard({ campaign, round, day }: Props) {
  const { t, lang } = useI18n();
  const progress = useApi<Progress>(`/api/v1/campaigns/${encodeURIComponent(campaign)}/progress${query({ round })}`);
  const hours = progress.data?.hours;
  const cumulative = useMemo(() => (hours ? isCumulative(hours) : false), [hours]);
  const title = t('testing.progress.title', { day: day ? formatDay(day, lang) : '' });
  return (
    <section className="card progress-card" data-testid="progress-card">
      <div className="card-header">
        <h2>{title}</h2>
        {hours && hours.length > 0 && (
          <span className="muted small" data-testid="progress-kind">
            {cumulative ? t('testing.progress.cumulative') : t('testing.progress.perHour')}
          </span>
        )}
      </div>
      {progress.error !== undefined &&
        (unavailable(progress.error) ? (
          <div className="notice notice-warn progress-unavailable" data-testid="progress-unavailable">
            {t('testing.progress.unavailable')}{' '}
            <button type="button" className="btn btn-small" onClick={progress.reload}>
              {t('common.retry')}
            </button>
          </div>
        ) : (
          <ErrorBox error={progress.error} onRetry={progress.reload} />
        ))}
      {progress.loading && !hours && <Loading />}
      {hours && progress.error === undefined && (
        <div className={progress.loading ? 'stale' : undefined}>
          {hours.length === 0 ? (
            <Empty />
          ) : (
            <Suspense fallback={<Loading />}>
              <ProgressChart hours={hours} cumulative={cumulative} label={title} />
            </Suspense>
          )}
        </div>
      )}
      <p className="muted small">{t('testing.progress.hint')}</p>
    </section>
  );
}
