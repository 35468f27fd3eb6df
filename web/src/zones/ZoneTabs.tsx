import { hrefQuery } from '../common/router';
import { useI18n } from '../i18n';

interface Props {
  active: 'list' | 'evaluation';
  date: string;
  district: string;
}

/** Zones and their lift evaluation, as two tabs that keep the day and district. */
export function ZoneTabs({ active, date, district }: Props) {
  const { t } = useI18n();
  const tabs = [
    { id: 'list', label: t('zones.tab.list'), href: hrefQuery(['zones'], { date, district }) },
    {
      id: 'evaluation',
      label: t('zones.tab.evaluation'),
      href: hrefQuery(['zones', 'evaluation'], { date, district }),
    },
  ] as const;
  return (
    <nav className="tabs zone-tabs" aria-label={t('nav.zones')}>
      {tabs.map((tab) => (
        <a
          key={tab.id}
          href={tab.href}
          className={tab.id === active ? 'tab active' : 'tab'}
          aria-current={tab.id === active ? 'page' : undefined}
          data-testid={`zones-tab-${tab.id}`}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
