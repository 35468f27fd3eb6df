import { useCallback, useMemo, useState } from 'react';
import { query } from '../api';
import type { ZoneDetail as Detail, Division, Duty, User } from '../api-types';
import { useBusinessToday } from '../common/clock';
import { hrefQuery, useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { can } from '../domain';
import { dayOr } from '../figures/defaults';
import { useI18n } from '../i18n';
import { DutyCloseDialog } from './DutyCloseDialog';
import { DutyDialog } from './DutyDialog';
import { DutyList } from './DutyList';
import { TaskForceCard } from './TaskForceCard';
import { TaskForceDialog } from './TaskForceDialog';
import { type Done, ZoneActions } from './ZoneActions';
import { ZoneEvaluationCard } from './ZoneEvaluationCard';
import { ZoneResidents } from './ZoneResidents';
import { ZoneSummary } from './ZoneSummary';
import { ZoneTimeline } from './ZoneTimeline';

/**
 * One zone: its level and status, its lift evaluation of the day (replayed under another version when
 * a link carries `policy=`), the history of notices, infections and rounds, its task force and duties.
 */
export function ZoneDetail({ user }: { user: User }) {
  const { t } = useI18n();
  const q = useQuery();
  const code = q.code ?? '';
  const today = useBusinessToday();
  const date = dayOr(q.date, today);
  const detail = useApi<Detail>(code ? `/api/v1/zones/${encodeURIComponent(code)}${query({ date })}` : null);
  const [done, setDone] = useState<Done | null>(null);
  const [open, setOpen] = useState<'taskForce' | 'duty' | null>(null);
  const [closing, setClosing] = useState<Duty | null>(null);
  const data = detail.data?.zone.code === code ? detail.data : undefined;
  const { reload } = detail;
  const divisions = useApi<{ items: Division[] }>('/api/v1/divisions?level=district');
  const districts = divisions.data?.items;
  const names = useMemo(() => new Map(districts?.map((d) => [d.code, d.name])), [districts]);
  const districtName = useCallback((c: string) => names.get(c) ?? c, [names]);
  const onDone = useCallback(
    (d: Done) => {
      setOpen(null);
      setClosing(null);
      setDone(d);
      reload();
    },
    [reload],
  );
  const closeDialog = useCallback(() => {
    setOpen(null);
    setClosing(null);
  }, []);
  const show = (o: 'taskForce' | 'duty') => {
    setDone(null);
    setOpen(o);
  };
  const askClose = useCallback((d: Duty) => {
    setDone(null);
    setClosing(d);
  }, []);
  const zone = data?.zone;
  // an active high or medium zone without a (serving) task force can get one
  const mayForm =
    !!zone &&
    zone.status === 'active' &&
    (zone.level === 'high' || zone.level === 'medium') &&
    (!data.taskForce || !!data.taskForce.disbandedOn) &&
    can(user, 'taskforces:write');
  const mayEditDuties = can(user, 'zones:write');

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
          <ZoneEvaluationCard code={data.zone.code} district={data.zone.districtCode} date={date} policy={q.policy} />
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
                <div className="card-header">
                  <h2>{t('zones.taskForce')}</h2>
                  {mayForm && (
                    <button
                      type="button"
                      className="btn btn-primary btn-small"
                      onClick={() => show('taskForce')}
                      data-testid="taskforce-open"
                    >
                      {t('taskForce.form')}
                    </button>
                  )}
                </div>
                <TaskForceCard taskForce={data.taskForce ?? null} />
              </section>
              <section className="card">
                <div className="card-header">
                  <h2>{t('zones.duties')}</h2>
                  {mayEditDuties && (
                    <button type="button" className="btn btn-small" onClick={() => show('duty')} data-testid="duty-add">
                      {t('duties.add')}
                    </button>
                  )}
                </div>
                <DutyList duties={data.duties} onCloseDuty={mayEditDuties ? askClose : undefined} />
              </section>
              <ZoneResidents code={data.zone.code} mayWrite={can(user, 'zones:write')} />
            </div>
          </div>
          {open === 'taskForce' && mayForm && (
            <TaskForceDialog zone={data.zone} onClose={closeDialog} onDone={onDone} />
          )}
          {open === 'duty' && <DutyDialog zone={data.zone} onClose={closeDialog} onDone={onDone} />}
          {closing && <DutyCloseDialog duty={closing} onClose={closeDialog} onDone={onDone} onStale={reload} />}
        </>
      )}
    </section>
  );
}
