import type { TestStatus } from '../api-types';
import { CHINA_TIME_ZONE, formatDateTime } from '../common/dates';
import { useI18n } from '../i18n';

type Tone = 'good' | 'bad' | 'neutral';

function Flag({ on, tone, testId }: { on: boolean; tone: Tone; testId: string }) {
  const { t } = useI18n();
  return (
    <span className={`flag flag-${on ? tone : 'neutral'}`} data-testid={testId} data-value={on}>
      {on ? t('testing.lookup.yes') : t('testing.lookup.no')}
    </span>
  );
}

/** A person's test status: when last sampled, when last sampled negative, and the three flags. */
export function LookupResult({ status, idMasked }: { status: TestStatus; idMasked: string }) {
  const { t, lang } = useI18n();
  const at = (iso: string | null) =>
    iso ? formatDateTime(iso, lang, CHINA_TIME_ZONE) : <span className="muted">{t('testing.lookup.never')}</span>;
  return (
    <section className="card lookup-result" data-testid="lookup-result">
      <div className="card-header">
        <h2>{t('testing.lookup.resultFor', { id: idMasked })}</h2>
        <span className="muted small mono">
          {t('testing.lookup.personId')} {status.personId}
        </span>
      </div>
      {status.positive && (
        <p className="notice notice-positive" data-testid="lookup-positive-notice">
          {t('testing.lookup.positiveNotice')}
        </p>
      )}
      <dl className="lookup-facts">
        <div>
          <dt>{t('testing.lookup.lastSampled')}</dt>
          <dd data-testid="lookup-last-sampled">{at(status.lastSampledAt)}</dd>
        </div>
        <div>
          <dt>{t('testing.lookup.lastNegative')}</dt>
          <dd data-testid="lookup-last-negative">{at(status.lastNegativeSampledAt)}</dd>
        </div>
        <div>
          <dt>{t('testing.lookup.negative24h')}</dt>
          <dd>
            <Flag on={status.negativeWithin24h} tone="good" testId="lookup-negative-24h" />
          </dd>
        </div>
        <div>
          <dt>{t('testing.lookup.poolFlag')}</dt>
          <dd>
            <Flag on={status.positivePoolFlag} tone="bad" testId="lookup-pool-flag" />
          </dd>
        </div>
        <div>
          <dt>{t('testing.lookup.positive')}</dt>
          <dd>
            <Flag on={status.positive} tone="bad" testId="lookup-positive" />
          </dd>
        </div>
      </dl>
      <p className="muted small">{t('testing.lookup.timesHint')}</p>
    </section>
  );
}
