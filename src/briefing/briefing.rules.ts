import { recordsHref } from '../cases/cases.rules.ts';
import type { RecordMetric } from '../cases/cases.schema.ts';
import type { BriefingLang, Segment } from './briefing.text.ts';

export type BriefingStatus = 'new' | 'draft' | 'approved' | 'published';
export type BriefingAction = 'draft' | 'edit' | 'approve' | 'publish';

/** Why a transition is refused, as an error code; null when it is allowed. */
export function refusal(
  status: BriefingStatus,
  action: BriefingAction,
  actor: string,
  lastEditor: string | null,
): 'BRIEFING_FROZEN' | 'BRIEFING_NOT_DRAFT' | 'BRIEFING_SAME_PERSON' | 'BRIEFING_NOT_APPROVED' | null {
  if (status === 'published') return 'BRIEFING_FROZEN';
  if (action === 'approve') {
    if (status !== 'draft') return 'BRIEFING_NOT_DRAFT';
    // The four-eyes rule: whoever wrote the words last may not approve them.
    if (lastEditor === actor) return 'BRIEFING_SAME_PERSON';
  }
  if (action === 'publish' && status !== 'approved') return 'BRIEFING_NOT_APPROVED';
  return null;
}

// A segment stored before sections carried their links is a case figure.
const hrefOf = (date: string, s: { metric: string; href?: string }) => s.href ?? recordsHref(date, s.metric);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const escapeMd = (s: string) => s.replace(/([\\`*_[\]#|])/g, '\\$1');

/** What a rendering needs: title, hand-edited text or generated segments, and the figure links. */
export interface RenderInput {
  date: string;
  lang: BriefingLang;
  title: string;
  text: string;
  segments: Segment[] | null;
  links: Array<{ metric: RecordMetric; value: number; href: string; label: string }>;
  status: BriefingStatus;
}

/** Markdown: numbers link to their records; hand-edited text gets a list of sources below. */
export function renderMarkdown(r: RenderInput): string {
  const body = r.segments
    ? r.segments.map((s) => ('metric' in s ? `[${s.text}](${hrefOf(r.date, s)})` : escapeMd(s.text))).join('')
    : escapeMd(r.text);
  const sources = r.segments
    ? ''
    : `\n\n${r.links.map((l) => `- ${escapeMd(l.label)}: [${l.value}](${l.href})`).join('\n')}`;
  return `# ${escapeMd(r.title)}\n\n${body}${sources}\n`;
}

/** A standalone HTML fragment with the same links. */
export function renderHtml(r: RenderInput): string {
  const inline = r.segments
    ? r.segments
        .map((s) => ('metric' in s ? `<a href="${hrefOf(r.date, s)}">${escapeHtml(s.text)}</a>` : escapeHtml(s.text)))
        .join('')
    : escapeHtml(r.text);
  const paras = inline
    .split('\n\n')
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const sources = r.segments
    ? ''
    : `\n<ul>${r.links.map((l) => `<li>${escapeHtml(l.label)}: <a href="${l.href}">${l.value}</a></li>`).join('')}</ul>`;
  return `<article lang="${r.lang}" data-status="${r.status}">\n<h1>${escapeHtml(r.title)}</h1>\n${paras}${sources}\n</article>\n`;
}
