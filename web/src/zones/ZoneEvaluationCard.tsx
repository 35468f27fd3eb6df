import { query } from '../api';
import type { ZoneEvaluation } from '../api-types';
import { formatDay } from '../common/dates';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { type MessageKey, useI18n } from '../i18n';
import { localized, policyName, zoneHref } from './defaults';
import { ruleInWords } from './EvaluationTable';

interface Props {
  code: string;
  district: string;
  date: string;
  /** A version to replay the day under (from a policy difference's link); the one in force when absent. */
  policy?: string;
}

/**
 * What a version allows this zone on a day, and why: the version in force, or the one a link named
 * (`policy=`), which the card says, with the way back to the version in force. Nothing is stored.
 */
export function ZoneEvaluationCard({ code, district, date, policy }: Props) {
  const { t, lang } = useI18n();
  const ev = useApi<ZoneEvaluation>(`/api/v1/zones/evaluation${query({ date, district, zone: code, policy })}`);
  const data = ev.data;
  const item = data?.items[0];
  const level = (l: string) => t(`zones.level.${l}` as MessageKey);
  return (
    <section
      className={`card zone-evaluation${data?.replay ? ' zone-evaluation-replay' : ''}`}
      data-testid="zone-evaluation"
    >
      <h2>{t('zoneEvaluation.title', { date: formatDay(date, lang) })}</h2>
      {ev.error !== undefined && <ErrorBox error={ev.error} onRetry={ev.reload} />}
      {ev.loading && !data && <Loading />}
      {data && (
        <>
          {data.replay ? (
            <p className="notice notice-warn" data-testid="zone-evaluation-replay">
              {t('evaluation.replay', { policy: data.policy.id, inForce: data.inForce })}{' '}
              <a href={zoneHref(code, date)} data-testid="zone-evaluation-in-force">
                {t('zoneEvaluation.backToInForce', { inForce: data.inForce })}
              </a>
            </p>
          ) : (
            <p className="muted small" data-testid="zone-evaluation-version">
              {t('zoneEvaluation.inForce', { name: policyName(data.policy.name, lang) })}{' '}
              <span className="mono">{data.policy.id}</span>
            </p>
          )}
          {item ? (
            <dl className="details" data-testid="zone-evaluation-item" data-policy={item.policyId}>
              <dt>{t('evaluation.recommendation')}</dt>
              <dd data-testid="zone-evaluation-verdict" data-eligible={item.eligible}>
                {item.action === 'none'
                  ? t('evaluation.action.none')
                  : `${item.eligible ? '✓ ' : ''}${t(`evaluation.action.${item.action}`)}${
                      item.action === 'downgrade' && item.to ? ` → ${level(item.to)}` : ''
                    }${item.eligible ? '' : ` · ${t('evaluation.notYet')}`}`}
              </dd>
              <dt>{t('evaluation.reason')}</dt>
              <dd data-testid="zone-evaluation-reason">{localized(item.reason, lang)}</dd>
              <dt>{t('evaluation.rule')}</dt>
              <dd title={item.rule ?? undefined} data-testid="zone-evaluation-rule">
                {ruleInWords(t, lang, item, data.policy.name)}
              </dd>
            </dl>
          ) : (
            <p className="muted" data-testid="zone-evaluation-none">
              {t('zoneEvaluation.notActive')}
            </p>
          )}
        </>
      )}
    </section>
  );
}
