import type { User } from '../api-types';
import { useI18n } from '../i18n';
import { LabReceive } from './LabReceive';
import { LabResults } from './LabResults';
import { TestingTabs } from './TestingTabs';
import { useTestingParams } from './useTestingParams';

/** `#/testing/lab`: the lab's bench — tubes in, results out. */
export function Lab({ user }: { user: User }) {
  const { t } = useI18n();
  const { code, round } = useTestingParams();
  return (
    <section className="page testing-page">
      <header className="page-header">
        <h1 data-testid="testing-title">{t('testing.title')}</h1>
      </header>
      <TestingTabs active="lab" campaign={code} round={round} user={user} />
      <div className="lab-grid">
        <LabReceive />
        <LabResults />
      </div>
    </section>
  );
}
