import type { PersonMasked } from '../api-types';
import { useI18n } from '../i18n';

interface Props {
  items: PersonMasked[];
  districtName: (code: string) => string;
  canUnmask: boolean;
  onUnmask: (id: number) => void;
}

export function PersonTable({ items, districtName, canUnmask, onUnmask }: Props) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="persons-table">
        <thead>
          <tr>
            <th scope="col">{t('persons.idNumber')}</th>
            <th scope="col">{t('persons.name')}</th>
            <th scope="col">{t('persons.sex')}</th>
            <th scope="col" className="num">
              {t('persons.birthYear')}
            </th>
            <th scope="col">{t('persons.phone')}</th>
            <th scope="col">{t('persons.district')}</th>
            <th scope="col">{t('persons.community')}</th>
            {canUnmask && <th scope="col">{t('persons.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <td className="mono">{p.idNumberMasked}</td>
              <td>{p.nameMasked}</td>
              <td>{t(p.sex === 'male' ? 'persons.male' : 'persons.female')}</td>
              <td className="num">{p.birthYear}</td>
              <td className="mono">{p.phoneMasked ?? '—'}</td>
              <td>{districtName(p.districtCode)}</td>
              <td>{p.communityName}</td>
              {canUnmask && (
                <td>
                  <button type="button" className="btn btn-small" onClick={() => onUnmask(p.id)}>
                    {t('persons.unmask')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
