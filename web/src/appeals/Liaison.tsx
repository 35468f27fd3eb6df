import { Fragment, useState } from 'react';
import { api, query } from '../api';
import type { Appeal, Enterprise, Report } from '../api-types';
import { DownloadButton } from '../common/DownloadButton';
import { ErrorBox, FormError, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import { AppealMini } from './AppealMini';
import { Tiers } from './Enterprises';
import { fmt } from './format';
import { ReportForm } from './ReportForm';
import './appeals.css';
import { businessToday } from '../common/clock';

interface Desk {
  day: string;
  cadre: { id: number; name?: string; rank?: string } | null;
  counts: Record<'enterprises' | 'reported' | 'missing' | 'overdueTasks' | 'overdueAppeals', number>;
  enterprises: Array<Enterprise & { report: Report | null }>;
  tasks: Array<{ id: number; enterprise: string; title: string; dueAt: string; overdue: boolean }>;
  overdueAppeals: Appeal[];
}

/** The liaison's desk (挂钩服务): their enterprises and the day's reports, liaison tasks, overdue appeals. */
export function LiaisonDesk() {
  const { t, label, lang } = useI18n();
  const [day, setDay] = useState(businessToday);
  const [filing, setFiling] = useState<string>();
  const [notes, setNotes] = useState<Record<number, string>>({});
  const d = useApi<Desk>(`/api/v1/liaison/desk${query({ date: day })}`);
  const closeTask = useSubmit(async (id: number) => {
    await api(`/api/v1/liaison/tasks/${id}/close`, { method: 'POST', body: { note: notes[id] ?? '' } });
    d.reload();
  });
  if (d.error !== undefined) return <ErrorBox error={d.error} onRetry={d.reload} />;
  if (!d.data) return <Loading />;
  const x = d.data;
  return (
    <section className="appeal-dash" data-testid="liaison-desk">
      <header className="page-header">
        <h1>
          {t('appeals.liaison')}
          {x.cadre?.name && <span className="muted"> · {x.cadre.name}</span>}
        </h1>
      </header>
      <div className="appeal-toolbar">
        <label className="field-inline">
          <span>{t('appeals.day')}</span>
          <input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </label>
        <DownloadButton
          path={`/api/v1/liaison/export.xlsx${query({ date: day })}`}
          fileName="liaison.xlsx"
          busyLabel="…"
        >
          {t('appeals.export')}
        </DownloadButton>
      </div>
      {x.enterprises.length === 0 && <p className="notice">{t('appeals.noLiaison')}</p>}
      <div className="appeal-kpis">
        <div>
          {t('appeals.myEnterprises')}
          <strong>{x.counts.enterprises}</strong>
        </div>
        <div>
          {t('appeals.reported')}
          <strong className="appeal-state-normal" data-testid="desk-reported">
            {x.counts.reported}
          </strong>
        </div>
        <div>
          {t('appeals.missing')}
          <strong className={x.counts.missing ? 'appeal-state-missing' : ''} data-testid="desk-missing">
            {x.counts.missing}
          </strong>
        </div>
        <div>
          {t('appeals.overdueTasks')}
          <strong className={x.counts.overdueTasks ? 'appeal-overdue' : ''}>{x.counts.overdueTasks}</strong>
        </div>
        <div>
          {t('appeals.overdueAppeals')}
          <strong className={x.counts.overdueAppeals ? 'appeal-overdue' : ''}>{x.counts.overdueAppeals}</strong>
        </div>
      </div>
      <section className="card appeal-card">
        <h3>
          {t('appeals.myEnterprises')} · {x.day}
        </h3>
        <table className="table" data-testid="desk-enterprises">
          <thead>
            <tr>
              <th>{t('appeals.name')}</th>
              <th>{t('appeals.district')}</th>
              <th>{t('appeals.tiers')}</th>
              <th>{t('appeals.production')}</th>
              <th className="num">{t('appeals.capacity')}</th>
              <th className="num">{t('appeals.materialDays')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {x.enterprises.map((e) => (
              <Fragment key={e.id}>
                <tr data-testid={`desk-row-${e.creditCode}`}>
                  <td>{e.name}</td>
                  <td>{e.districtName}</td>
                  <td>
                    <Tiers tiers={e.tiers} />
                  </td>
                  <td className={`appeal-state-${e.report?.production ?? 'missing'}`}>
                    {label('appeals.production', e.report?.production ?? 'missing')}
                  </td>
                  <td className="num">{e.report ? `${e.report.capacityPct}%` : ''}</td>
                  <td className="num">{e.report?.materialDays ?? ''}</td>
                  <td>
                    {!e.report && filing !== e.creditCode && (
                      <button
                        type="button"
                        className="btn btn-small btn-primary"
                        onClick={() => setFiling(e.creditCode)}
                        data-testid="file-report"
                      >
                        {t('appeals.fileReport')}
                      </button>
                    )}
                  </td>
                </tr>
                {filing === e.creditCode && (
                  <tr>
                    <td colSpan={7}>
                      <ReportForm
                        creditCode={e.creditCode}
                        name={e.name}
                        day={x.day}
                        onCancel={() => setFiling(undefined)}
                        onDone={() => {
                          setFiling(undefined);
                          d.reload();
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </section>
      <div className="appeal-grid">
        <section className="card appeal-card" data-testid="desk-tasks">
          <h3>
            {t('appeals.tasks')} <span className="muted">({x.tasks.length})</span>
          </h3>
          <FormError error={closeTask.error} />
          {x.tasks.length === 0 && <p className="muted">{t('appeals.none')}</p>}
          <ul className="appeal-tasks">
            {x.tasks.map((task) => (
              <li key={task.id}>
                <div className={task.overdue ? 'appeal-overdue' : ''}>
                  {task.title} · {t('appeals.due2')} {fmt(task.dueAt, lang)}
                  {task.overdue && ` · ${t('appeals.overdue')}`}
                </div>
                <div className="appeal-toolbar">
                  <input
                    placeholder={t('appeals.closeNote')}
                    aria-label={t('appeals.closeNote')}
                    value={notes[task.id] ?? ''}
                    onChange={(e) => setNotes((n) => ({ ...n, [task.id]: e.target.value }))}
                  />
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={closeTask.busy || !(notes[task.id] ?? '').trim()}
                    onClick={() => void closeTask.run(task.id)}
                  >
                    {t('appeals.closeTask')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
        <section className="card appeal-card" data-testid="desk-appeals">
          <h3>
            {t('appeals.overdueAppeals')} <span className="muted">({x.overdueAppeals.length})</span>
          </h3>
          <AppealMini items={x.overdueAppeals} link={false} />
        </section>
      </div>
    </section>
  );
}
