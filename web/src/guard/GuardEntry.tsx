import type { CheckResult } from '../api-types';
import { useI18n } from '../i18n';

type Entry = NonNullable<CheckResult['entry']>;

/**
 * What an event tells the guard besides the verdict (an exam site on exam day): the candidate's
 * lane, big, then the room and site; for someone who is not a candidate, that they are not.
 */
export function GuardEntry({ entry }: { entry: Entry }) {
  const { t, lang } = useI18n();
  const text = lang === 'en' ? entry.text.en : entry.text['zh-CN'];
  if (!entry.ref)
    return (
      <div className="guard-entry" data-testid="guard-entry" data-lane="">
        <strong>{t('guard.exam.notCandidate')}</strong>
      </div>
    );
  return (
    <div className={`guard-entry lane-${entry.lane ?? 'none'}`} data-testid="guard-entry" data-lane={entry.lane ?? ''}>
      <span className="muted small">{t('guard.exam.title', { no: entry.ref })}</span>
      {entry.lane && (
        <strong className="guard-entry-lane" data-testid="guard-lane">
          {t(`guard.exam.lane.${entry.lane}`)}
        </strong>
      )}
      {entry.lane && (
        <strong className="guard-entry-room" data-testid="guard-room">
          {entry.room ? t('guard.exam.room', { no: entry.room.no }) : t('guard.exam.noRoom')}
          {entry.room?.isolation && <span className="guard-chip no">{t('guard.exam.isolation')}</span>}
        </strong>
      )}
      {entry.site && <span className="small">{t('guard.exam.site', { name: entry.site.name })}</span>}
      <span className="small">{text}</span>
    </div>
  );
}
