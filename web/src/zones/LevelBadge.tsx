import type { Zone } from '../api-types';
import { useI18n } from '../i18n';
import { zoneTone } from './defaults';

interface Props {
  zone: Pick<Zone, 'level' | 'status'>;
  /** Show the level even when lifted (where the status is shown next to it). */
  levelOnly?: boolean;
  /** "High" instead of "High-risk zone" where space is short (tables). */
  short?: boolean;
  testId?: string;
}

/** The zone's level as a coloured badge; a lifted zone reads "lifted" unless `levelOnly`. */
export function LevelBadge({ zone, levelOnly = false, short = false, testId }: Props) {
  const { t } = useI18n();
  const tone = levelOnly ? zone.level : zoneTone(zone);
  return (
    <span className={`level-badge level-${tone}`} data-testid={testId}>
      {tone === 'lifted' ? t('zones.status.lifted') : t(short ? `zones.levelShort.${tone}` : `zones.level.${tone}`)}
    </span>
  );
}
