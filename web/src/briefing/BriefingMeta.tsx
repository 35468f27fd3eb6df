import type { Briefing } from '../api-types';
import { formatDateTime } from '../common/dates';
import { useI18n } from '../i18n';

/** Status badge and who drafted, edited, approved and published it, by their display names. */
export function BriefingMeta({ briefing }: { briefing: Briefing }) {
  const { t, lang } = useI18n();
  const people = [
    ['briefing.draftedBy', briefing.draftedBy],
    ['briefing.editedBy', briefing.editedBy],
    ['briefing.approvedBy', briefing.approvedBy],
    ['briefing.publishedBy', briefing.publishedBy],
  ] as const;
  return (
    <div className="briefing-meta">
      <span className={`badge badge-${briefing.status}`} data-testid="briefing-status">
        {t(`briefing.status.${briefing.status}`)}
      </span>
      <dl className="briefing-people">
        {people.map(([label, who]) =>
          who ? (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd title={who}>{briefing.people[who] ?? who}</dd>
            </div>
          ) : null,
        )}
        {briefing.updatedAt && briefing.status !== 'new' && (
          <div>
            <dt>{t('briefing.updatedAt')}</dt>
            <dd>{formatDateTime(briefing.updatedAt, lang)}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
