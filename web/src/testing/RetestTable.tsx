import type { RetestTask } from '../api-types';
import { CHINA_TIME_ZONE, formatDateTime } from '../common/dates';
import { useI18n } from '../i18n';

interface Props {
  tasks: RetestTask[];
  districtName: (code: string) => string;
  communityName: (code: string) => string;
}

/** Open retest (single tube from a positive pool) and resample tasks, oldest first. */
export function RetestTable({ tasks, districtName, communityName }: Props) {
  const { t, lang } = useI18n();
  const kind = (k: string) => (k === 'retest' || k === 'resample' ? t(`testing.retests.kind.${k}`) : k);
  return (
    <div className="table-wrap">
      <table className="table retest-table" data-testid="retests-table">
        <thead>
          <tr>
            <th scope="col">{t('testing.retests.poolTube')}</th>
            <th scope="col">{t('testing.retests.kind')}</th>
            <th scope="col">{t('testing.retests.district')}</th>
            <th scope="col">{t('testing.retests.community')}</th>
            <th scope="col" className="num">
              {t('testing.retests.person')}
            </th>
            <th scope="col">{t('testing.retests.created')}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((r) => (
            <tr key={r.id} data-testid="retest-row">
              <td className="mono">{r.poolTube}</td>
              <td>
                <span className={`retest-kind retest-kind-${r.kind}`}>{kind(r.kind)}</span>
              </td>
              <td>{districtName(r.districtCode)}</td>
              <td>{communityName(r.communityCode)}</td>
              <td className="num mono">{r.personId}</td>
              <td>{formatDateTime(r.createdAt, lang, CHINA_TIME_ZONE)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {tasks.length === 0 && (
        <p className="muted retest-none" data-testid="retests-none">
          {t('testing.retests.none')}
        </p>
      )}
    </div>
  );
}
