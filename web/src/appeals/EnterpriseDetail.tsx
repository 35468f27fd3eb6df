import type { Appeal, Enterprise, Report } from '../api-types';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { AppealMini } from './AppealMini';
import { Tiers } from './Enterprises';
import { fmt } from './format';
import { ReportTable } from './ReportTable';

interface Overview {
  enterprise: Enterprise;
  appeals: { total: number; items: Appeal[] };
  reports: Report[];
  tasks: Array<{ id: number; title: string; dueAt: string; overdue: boolean }>;
}

/** One enterprise: registry facts, tiers and liaison, recent appeals, last daily reports, open liaison tasks. */
export function EnterpriseDetail({ code }: { code: string }) {
  const { t, label, lang } = useI18n();
  const d = useApi<Overview>(`/api/v1/enterprises/${encodeURIComponent(code)}/overview`);
  if (d.error !== undefined) return <ErrorBox error={d.error} onRetry={d.reload} />;
  if (!d.data) return <Loading />;
  const { enterprise: e, appeals, reports, tasks } = d.data;
  return (
    <article data-testid="enterprise-detail" className="appeal-dash">
      <header className="page-header">
        <h2>
          {e.name} <Tiers tiers={e.tiers} />
        </h2>
        <a className="btn" href="#/appeals/enterprises">
          {t('appeals.back')}
        </a>
      </header>
      <dl className="appeal-facts card">
        {(
          [
            [t('appeals.creditCode'), e.creditCode],
            [t('appeals.industry'), e.industry],
            [t('appeals.district'), e.districtName],
            [t('appeals.size'), label('appeals.size', e.size)],
            [t('appeals.liaisonCadre'), e.liaison?.name ?? '—'],
            [t('appeals.contact'), `${e.contactName ?? ''} ${e.phone ?? ''}`.trim() || '—'],
          ] as Array<[string, string]>
        ).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <div className="appeal-grid">
        <section className="card appeal-card">
          <h3>
            {t('appeals.recentAppeals')} <span className="muted">({appeals.total})</span>
          </h3>
          <AppealMini items={appeals.items} />
        </section>
        <section className="card appeal-card">
          <h3>{t('appeals.openTasks')}</h3>
          {tasks.length === 0 ? (
            <p className="muted">{t('appeals.none')}</p>
          ) : (
            <ul>
              {tasks.map((x) => (
                <li key={x.id} className={x.overdue ? 'appeal-overdue' : ''}>
                  {x.title} · {t('appeals.due2')} {fmt(x.dueAt, lang)}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card appeal-card appeal-wide">
          <h3>{t('appeals.recentReports')}</h3>
          {reports.length === 0 ? <p className="muted">{t('appeals.none')}</p> : <ReportTable reports={reports} />}
        </section>
      </div>
    </article>
  );
}
