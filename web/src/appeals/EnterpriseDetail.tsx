import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { AppealMini } from './AppealMini';
import { Tiers } from './Enterprises';
import { ReportTable } from './ReportTable';
import { useAT } from './strings';
import { type Appeal, type Enterprise, fmt, type Report } from './types';

interface Overview {
  enterprise: Enterprise;
  appeals: { total: number; items: Appeal[] };
  reports: Report[];
  tasks: Array<{ id: number; title: string; dueAt: string; overdue: boolean }>;
}

/** One enterprise: registry facts, tiers and liaison, recent appeals, last daily reports, open liaison tasks. */
export function EnterpriseDetail({ code }: { code: string }) {
  const t = useAT();
  const { lang } = useI18n();
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
          {t('back')}
        </a>
      </header>
      <dl className="appeal-facts card">
        {(
          [
            [t('creditCode'), e.creditCode],
            [t('industry'), e.industry],
            [t('district'), e.districtName],
            [t('size'), t(`size.${e.size}`)],
            [t('liaisonCadre'), e.liaison?.name ?? '—'],
            [t('contact'), `${e.contactName ?? ''} ${e.phone ?? ''}`.trim() || '—'],
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
            {t('recentAppeals')} <span className="muted">({appeals.total})</span>
          </h3>
          <AppealMini items={appeals.items} />
        </section>
        <section className="card appeal-card">
          <h3>{t('openTasks')}</h3>
          {tasks.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <ul>
              {tasks.map((x) => (
                <li key={x.id} className={x.overdue ? 'appeal-overdue' : ''}>
                  {x.title} · {t('due2')} {fmt(x.dueAt, lang)}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card appeal-card appeal-wide">
          <h3>{t('recentReports')}</h3>
          {reports.length === 0 ? <p className="muted">{t('none')}</p> : <ReportTable reports={reports} />}
        </section>
      </div>
    </article>
  );
}
