import { casesHref } from '../cases/links';
import type { Briefing, BriefingLang } from '../types';

/**
 * The text of one language: the generated segments, whose numbers link to the records behind them,
 * or the plain text once it has been edited by hand (segments null).
 */
export function BriefingText({ briefing, lang }: { briefing: Briefing; lang: BriefingLang }) {
  const segments = briefing.segments?.[lang];
  const hrefOf = (metric: NonNullable<(typeof briefing.links)[number]['metric']>) =>
    briefing.links.find((l) => l.metric === metric)?.href ?? casesHref({ date: briefing.date, metric });
  return (
    <div className="briefing-text" lang={lang} data-testid="briefing-text">
      {segments
        ? segments.map((s, i) =>
            s.metric ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: segments are a fixed sequence
              <a key={i} href={hrefOf(s.metric)} className="figure-link" data-metric={s.metric}>
                {s.text}
              </a>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: segments are a fixed sequence
              <span key={i}>{s.text}</span>
            ),
          )
        : briefing.texts[lang]}
    </div>
  );
}
