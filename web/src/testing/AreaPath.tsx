import type { DivisionDetail } from '../api-types';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { testingHref } from './defaults';

interface Props {
  area: string;
  campaign: string;
  round: number;
}

/** Where the drill-down is: the campaign's whole area › district › street › community, each a way back up. */
export function AreaPath({ area, campaign, round }: Props) {
  const { t } = useI18n();
  const detail = useApi<DivisionDetail>(area ? `/api/v1/divisions/${encodeURIComponent(area)}` : null);
  const path = detail.data?.path ?? (area ? [{ code: area, name: area }] : []);
  return (
    <nav className="breadcrumb testing-path" aria-label={t('testing.path')} data-testid="area-path">
      <ol>
        <li>
          {area ? (
            <a href={testingHref('campaign', { campaign, round })} data-testid="area-up">
              {t('testing.wholeArea')}
            </a>
          ) : (
            <span aria-current="page">{t('testing.wholeArea')}</span>
          )}
        </li>
        {path.map((d) => (
          <li key={d.code}>
            {d.code === area ? (
              <span aria-current="page">{d.name}</span>
            ) : (
              <a href={testingHref('campaign', { campaign, round, area: d.code })}>{d.name}</a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
