import type { ZoneCounts as Counts } from '../api-types';
import { RANKS } from '../domain';
import { useI18n } from '../i18n';
import { localized } from './defaults';

/** Highest rank first, as a command centre reads a roster. */
const RANKS_DOWN = [...RANKS].reverse();

/** The day's headline: zones by level, lifts so far, task forces and cadres by rank, and the briefing sentence. */
export function ZoneCounts({ counts, city }: { counts: Counts; city: boolean }) {
  const { t, lang, formatNumber } = useI18n();
  const cards = [
    { id: 'high', label: t('zones.count.high'), value: counts.high },
    { id: 'medium', label: t('zones.count.medium'), value: counts.medium },
    { id: 'liftedMedium', label: t('zones.count.liftedMedium'), value: counts.liftedMedium },
    { id: 'taskForces', label: t('zones.count.taskForces'), value: counts.taskForces },
  ] as const;
  const cadres = RANKS.reduce((s, r) => s + counts.cadres[r], 0);
  // the briefing sentence speaks of the whole city
  const sentence = city ? localized(counts.sentence, lang) : '';
  return (
    <div className="zone-headline">
      <div className="zone-counts">
        {cards.map((c) => (
          <article key={c.id} className={`card zone-count zone-count-${c.id}`} data-testid={`zone-count-${c.id}`}>
            <h2 className="zone-count-label" data-testid="zone-count-label">
              {c.label}
            </h2>
            <strong className="zone-count-value" data-testid="zone-count-value">
              {formatNumber(c.value)}
            </strong>
            {c.id === 'liftedMedium' && (
              <span className="zone-count-sub">
                {t('zones.count.liftedHigh')} {formatNumber(counts.liftedHigh)}
              </span>
            )}
          </article>
        ))}
        <article className="card zone-count zone-count-cadres" data-testid="zone-count-cadres">
          <h2 className="zone-count-label">{t('zones.count.cadres')}</h2>
          <strong className="zone-count-value">{formatNumber(cadres)}</strong>
          <dl className="zone-ranks">
            {RANKS_DOWN.map((r) => (
              <div key={r} data-testid={`cadres-${r}`}>
                <dt>{t(`zones.rank.${r}`)}</dt>
                <dd>{formatNumber(counts.cadres[r])}</dd>
              </div>
            ))}
          </dl>
        </article>
      </div>
      {sentence && (
        <p className="notice zone-sentence" data-testid="zone-sentence" lang={lang === 'zh-CN' ? 'zh-CN' : 'en'}>
          {sentence}
        </p>
      )}
    </div>
  );
}
