import type { SamplingSite } from '../api-types';
import { CHINA_TIME_ZONE, formatDateTime } from '../common/dates';
import { useI18n } from '../i18n';
import { SITE_COLORS, SITE_STATUSES, siteTone } from './sites';

interface Props {
  sites: SamplingSite[];
  districtName: (code: string) => string;
  /** A site picked on the map; its row is highlighted. */
  selected: string;
}

/** Sampling sites with their lanes, opening hours, status and last reported queue. */
export function SiteTable({ sites, districtName, selected }: Props) {
  const { t, lang, formatNumber } = useI18n();
  const status = (s: string) =>
    (SITE_STATUSES as readonly string[]).includes(s)
      ? t(`testing.sites.status.${s as (typeof SITE_STATUSES)[number]}`)
      : s;
  return (
    <div className="table-wrap">
      <table className="table site-table" data-testid="sites-table">
        <thead>
          <tr>
            <th scope="col">{t('testing.sites.name')}</th>
            <th scope="col">{t('testing.sites.district')}</th>
            <th scope="col">{t('testing.sites.community')}</th>
            <th scope="col" className="num">
              {t('testing.sites.lanes')}
            </th>
            <th scope="col">{t('testing.sites.hours')}</th>
            <th scope="col">{t('testing.sites.status')}</th>
            <th scope="col" className="num">
              {t('testing.sites.queue')}
            </th>
            <th scope="col">{t('testing.sites.queueAt')}</th>
          </tr>
        </thead>
        <tbody>
          {sites.map((s) => (
            <tr
              key={s.code}
              id={`site-${s.code}`}
              className={s.code === selected ? 'selected' : undefined}
              data-testid="site-row"
            >
              <th scope="row" className="wrap site-name">
                {s.name}
                <span className="mono muted small site-code">{s.code}</span>
              </th>
              <td>{districtName(s.districtCode)}</td>
              <td>{s.communityName}</td>
              <td className="num">{formatNumber(s.lanes)}</td>
              <td className="mono">{s.hours}</td>
              <td>
                <span className={`site-status site-status-${s.status === 'open' ? 'open' : 'other'}`}>
                  {status(s.status)}
                </span>
              </td>
              <td className="num">
                <span className="site-queue">
                  <span className="site-dot" style={{ background: SITE_COLORS[siteTone(s)] }} aria-hidden="true" />
                  {formatNumber(s.queueLength)}
                </span>
              </td>
              <td className="small">
                {s.queueUpdatedAt ? (
                  formatDateTime(s.queueUpdatedAt, lang, CHINA_TIME_ZONE)
                ) : (
                  <span className="muted">{t('testing.sites.neverReported')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
