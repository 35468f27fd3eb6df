import { useCallback, useMemo, useState } from 'react';
import { query } from '../api';
import { hrefQuery, useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { dayOr } from '../figures/defaults';
import { useI18n } from '../i18n';
import { can, type ZoneDetail as Detail, type Division, type User } from '../types';
import { DutyList } from './DutyList';
import { ZONE_DEFAULT_DATE } from './defaults';
import { TaskForceCard } from './TaskForceCard';
import { type Done, ZoneActions } from './ZoneActions';
import { ZoneSummary } from './ZoneSummary';
import { ZoneTimeline } from './ZoneTimeline';

/** One zone: its level and status, the history of notices, infections and rounds, its task force and duties. */
export function ZoneDetail({ user }: { user: User }) {
  const { t } = useI18n();
  const q = useQuery();
  const code = q.code ?? '';
  const date = dayOr(q.date, ZONE_DEFAULT_DATE);
  const detail = useApi<Detail>(code ? `/api/v1/zones/${encodeURIComponent(code)}${query({ date })}` : null);
  const [done, setDone] = useState<Done | null>(null);
  const data = detail.data?.zone.code === code ? detail.data : undefined;
  const { reload } = detail;
  const divisions = useApi<{ items: Division[] }>('/api/v1/divisions?level=district');
  const districts = divisions.data?.items;
  const names = useMemo(() => new Map(districts?.map((d) => [d.code, d.name])), [districts]);
  const districtName = useCallback((c: string) => names.get(c) ?? c, [names]);
  const onDone = useCallback(
    (d: Done) => {
      setDone(d);
      reload();
    },
    [reload],
  );

  return (
    <section className="page zones-page zone-detail">
      <header className="page-header">
        <a className="btn" href={hrefQuery(['zones'], { date })} data-testid="zones-back">
          {t('zones.back')}
        </a>
      </header>
      {!code && <p className="notice notice-warn">{t('zones.noCode')}</p>}
      {detail.error !== undefined && <ErrorBox error={detail.error} onRetry={detail.reload} />}
      {detail.loading && !data && <Loading />}
      {data && (
        <>
          <ZoneSummary zone={data.zone} overdue={data.duties.filter((d) => d.overdue).length} />
          {can(user, 'zones:write') && (
            <ZoneActions
              zone={data.zone}
              date={date}
              districts={districts}
              onDone={onDone}
              onStart={() => setDone(null)}
            />
          )}
          <div aria-live="polite">
            {done && (
              <p className="notice notice-ok" data-testid="zone-done">
                ✓ {done.text}
              </p>
            )}
          </div>
          <div className={`zone-detail-grid${detail.loading ? ' stale' : ''}`}>
            <section className="card zone-timeline-card">
              <h2>{t('zones.timeline')}</h2>
              <ZoneTimeline events={data.events} districtName={districtName} />
            </section>
            <div className="zone-side">
              <section className="card">
                <h2>{t('zones.taskForce')}</h2>
                <TaskForceCard taskForce={data.taskForce} />
              </section>
              <section className="card">
                <h2>{t('zones.duties')}</h2>
                <DutyList duties={data.duties} />
              </section>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
