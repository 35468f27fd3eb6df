import type { User } from '../api-types';
import { useI18n } from '../i18n';
import { type TestingPage, testingHref } from './defaults';

interface Props {
  active: TestingPage;
  /** Kept from tab to tab so that coming back shows the same round. */
  campaign?: string;
  round?: number;
  /** The lab's tab shows only for those who record results. */
  user?: User;
}

const TABS: {
  id: TestingPage;
  label:
    | 'testing.tab.campaign'
    | 'testing.tab.sites'
    | 'testing.tab.retests'
    | 'testing.tab.lookup'
    | 'testing.tab.lab';
  permission?: string;
}[] = [
  { id: 'campaign', label: 'testing.tab.campaign' },
  { id: 'sites', label: 'testing.tab.sites' },
  { id: 'retests', label: 'testing.tab.retests' },
  { id: 'lookup', label: 'testing.tab.lookup' },
  { id: 'lab', label: 'testing.tab.lab', permission: 'testing:results' },
];

/** The campaign dashboard, sampling sites, open retests and the status lookup, as tabs. */
export function TestingTabs({ active, campaign, round, user }: Props) {
  const { t } = useI18n();
  return (
    <nav className="tabs testing-tabs" aria-label={t('nav.testing')}>
      {TABS.filter((tab) => !tab.permission || user?.permissions.includes(tab.permission)).map((tab) => (
        <a
          key={tab.id}
          href={testingHref(tab.id, { campaign, round })}
          className={tab.id === active ? 'tab active' : 'tab'}
          aria-current={tab.id === active ? 'page' : undefined}
          data-testid={`testing-tab-${tab.id}`}
        >
          {t(tab.label)}
        </a>
      ))}
    </nav>
  );
}
