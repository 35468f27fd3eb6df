import type { Division } from '../api-types';
import { href } from '../common/router';
import { useI18n } from '../i18n';

export function DivisionList({ items }: { items: Division[] }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="divisions-table">
        <thead>
          <tr>
            <th scope="col">{t('divisions.name')}</th>
            <th scope="col">{t('divisions.code')}</th>
            <th scope="col">{t('divisions.level')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.code}>
              <th scope="row">{c.level === 'community' ? c.name : <a href={href('divisions', c.code)}>{c.name}</a>}</th>
              <td className="mono">{c.code}</td>
              <td>{t(`divisions.level.${c.level}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
