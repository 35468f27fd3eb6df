import type { Zone } from '../api-types';
import { formatDay } from '../common/dates';
import { useI18n } from '../i18n';
import { unitLabel } from './defaults';
import { LevelBadge } from './LevelBadge';

/** The zone's name with its level badge and status, and the facts a commander asks first. */
export function ZoneSummary({ zone, overdue }: { zone: Zone; overdue: number }) {
  const { t, lang, formatNumber } = useI18n();
  return (
    <section className="card zone-summary" data-testid="zone-summary">
      <div className="zone-title">
        <LevelBadge zone={zone} levelOnly testId="zone-level" />
        <h1 data-testid="zone-name">{zone.name}</h1>
        <span className={`status-pill zone-status-${zone.status}`} data-testid="zone-status">
          {t(`zones.status.${zone.status}`)}
        </span>
        <span className="mono muted">{zone.code}</span>
      </div>
      <dl className="zone-facts">
        <div>
          <dt>{t('zones.place')}</dt>
          <dd>
            {zone.districtName} · {zone.communityName}
          </dd>
        </div>
        <div>
          <dt>{t('zones.unit')}</dt>
          <dd>{unitLabel(zone.unit, t)}</dd>
        </div>
        <div>
          <dt>{t('zones.residents')}</dt>
          <dd>{formatNumber(zone.residents)}</dd>
        </div>
        <div>
          <dt>{t('zones.designatedOn')}</dt>
          <dd>{formatDay(zone.designatedOn, lang)}</dd>
        </div>
        {zone.liftedOn && (
          <div>
            <dt>{t('zones.liftedOn')}</dt>
            <dd>{formatDay(zone.liftedOn, lang)}</dd>
          </div>
        )}
        <div>
          <dt>{t('zones.lastInfection')}</dt>
          <dd>{zone.lastInfectionOn ? formatDay(zone.lastInfectionOn, lang) : t('zones.none')}</dd>
        </div>
        {zone.cleanDays !== null && (
          <div>
            <dt>{t('zones.cleanDays')}</dt>
            <dd data-testid="zone-clean-days">{formatNumber(zone.cleanDays)}</dd>
          </div>
        )}
        <div>
          <dt>{t('zones.overdue')}</dt>
          <dd className={overdue > 0 ? 'overdue-count' : undefined}>{formatNumber(overdue)}</dd>
        </div>
      </dl>
    </section>
  );
}
