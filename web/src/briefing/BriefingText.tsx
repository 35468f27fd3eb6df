import type { Briefing, BriefingLang, RecordMetric } from '../api-types';
import { casesHref } from '../cases/links';

/**
 * The text of one language: the generated segments, whose numbers link to the records behind them,
 * or the plain text once it has been edited by hand (segments null).
 */
export function BriefingText({ briefing, lang }: { briefing: Briefing; lang: BriefingLang }) {
  const segments = briefing.segments?.[lang];
  // Each section links its own numbers; a segment stored before sections carried links is a case figure.
  const hrefOf = (s: { metric: string; href?: string }) =>
    s.href ??
    briefing.links.find((l) => l.metric === s.metric)?.href ??
    casesHref({ date: briefing.date, metric: s.metric as RecordMetric });
  return (
    <div className="briefing-text" lang={lang} data-testid="briefing-text">
      {segments
        ? segments.map((s, i) =>
            'metric' in s ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: segments are a fixed sequence
              <a key={i} href={hrefOf(s)} className="figure-link" data-metric={s.metric}>
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
