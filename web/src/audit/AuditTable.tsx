import type { AuditEntry } from '../api-types';
import { useI18n } from '../i18n';

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  const s = typeof detail === 'string' ? detail : JSON.stringify(detail);
  return s === '{}' ? '' : s;
}

export function AuditTable({ items }: { items: AuditEntry[] }) {
  const { t, lang } = useI18n();
  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <div className="table-wrap">
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.entity')}</th>
            <th scope="col">{t('audit.detail')}</th>
            <th scope="col">{t('audit.hash')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => {
            const at = new Date(e.at);
            const detail = detailText(e.detail);
            return (
              <tr key={e.id}>
                <td className="num">{e.id}</td>
                <td className="nowrap">
                  <time dateTime={e.at}>{Number.isNaN(at.getTime()) ? e.at : fmt.format(at)}</time>
                </td>
                <td>{e.actor}</td>
                <td className="mono">{e.action}</td>
                <td className="mono">
                  {e.entity}
                  {e.entityId ? `#${e.entityId}` : ''}
                </td>
                <td className="detail-cell mono" title={detail}>
                  {detail}
                </td>
                <td className="mono" title={e.hash}>
                  {e.hash.slice(0, 12)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
