import type { Division, DivisionDetail } from '../api-types';
import { href } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { DivisionList } from './DivisionList';

/** District → street → community drill-down; the code in the hash (#/divisions/350102) picks the level. */
export function Divisions({ code }: { code?: string }) {
  const { t } = useI18n();
  const top = useApi<{ items: Division[] }>(code ? null : '/api/v1/divisions?level=district');
  const detail = useApi<DivisionDetail>(code ? `/api/v1/divisions/${encodeURIComponent(code)}` : null);
  const state = code ? detail : top;
  const d = detail.data;
  const crumbs = d ? (d.path.some((p) => p.code === d.division.code) ? d.path : [...d.path, d.division]) : [];
  const children = code ? d?.children : top.data?.items;

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('divisions.title')}</h1>
      </header>
      <nav className="breadcrumb" aria-label="breadcrumb">
        <ol>
          <li>{code ? <a href={href('divisions')}>{t('divisions.root')}</a> : <span>{t('divisions.root')}</span>}</li>
          {code &&
            crumbs.map((c) => (
              <li key={c.code}>
                {c.code === code ? (
                  <span aria-current="page">{c.name}</span>
                ) : (
                  <a href={href('divisions', c.code)}>{c.name}</a>
                )}
              </li>
            ))}
        </ol>
      </nav>
      {state.error !== undefined && <ErrorBox error={state.error} onRetry={state.reload} />}
      {state.loading && <Loading />}
      {d && code && (
        <p className="muted">
          {d.division.name} · <span className="mono">{d.division.code}</span> ·{' '}
          {t(`divisions.level.${d.division.level}`)}
        </p>
      )}
      {children && state.error === undefined && !state.loading && (
        <div className="card">
          <h2>{t('divisions.children', { n: children.length })}</h2>
          {children.length === 0 ? <p className="muted">{t('divisions.leaf')}</p> : <DivisionList items={children} />}
        </div>
      )}
    </section>
  );
}
