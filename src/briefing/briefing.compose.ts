import type { Ctx } from '../platform/context.ts';
import { type BriefingSection, contributions, type SectionText } from '../platform/module.ts';
import { textOf } from '../platform/text.ts';
import { type BriefingLang, LANGS, type Segment } from './briefing.text.ts';

/** The sections every module contributes, in reading order. */
export function sectionsOf(ctx: Ctx): BriefingSection[] {
  return contributions(ctx.modules, 'briefing').sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/**
 * Drafts the briefing of a day: each module's paragraph in a fixed order, separated by a blank line;
 * a module with nothing to say that day is left out.
 */
export async function composeBriefing(
  ctx: Ctx,
  date: string,
): Promise<{ segments: SectionText; texts: Record<BriefingLang, string> }> {
  const drafts: SectionText[] = [];
  // One after another: SQLite has one connection, and the order of reads stays the same each time.
  for (const section of sectionsOf(ctx)) {
    const d = await section.draft(ctx, date);
    if (d) drafts.push(d);
  }
  const joined = (lang: BriefingLang): Segment[] =>
    drafts.flatMap((d, i) => (i === 0 ? d[lang] : [{ text: '\n\n' }, ...d[lang]]));
  // Re-join so that a blank line merges into the text around it, as a single paragraph's text would.
  // A number keeps the text its section wrote for it (「2.24万」 for 22,400, 「五」 for 5).
  const merge = (segs: Segment[]) => {
    const out: Segment[] = [];
    for (const x of segs) {
      const last = out[out.length - 1];
      if (!('metric' in x) && last && !('metric' in last)) last.text += x.text;
      else out.push({ ...x });
    }
    return out;
  };
  const segments = Object.fromEntries(LANGS.map((l) => [l, merge(joined(l))])) as SectionText;
  const texts = Object.fromEntries(LANGS.map((l) => [l, textOf(segments[l])])) as Record<BriefingLang, string>;
  return { segments, texts };
}
