import { CITY_NAMES } from '../cases/cases.briefing.ts';
import { cityFigures } from '../cases/cases.figures.ts';
import { recordsHref } from '../cases/cases.rules.ts';
import { type Figures, metricValue, type RecordMetric } from '../cases/cases.schema.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { findUserById } from '../platform/auth/auth.repo.ts';
import { type Actor, actorLabel, permissionsOf } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { composeBriefing } from './briefing.compose.ts';
import { BriefingErrors } from './briefing.errors.ts';
import { findBriefing, saveBriefing } from './briefing.repo.ts';
import { type BriefingAction, type BriefingStatus, refusal, renderHtml, renderMarkdown } from './briefing.rules.ts';
import type { BriefingRow } from './briefing.tables.ts';
import { type BriefingLang, type Segment, titleOf } from './briefing.text.ts';

// Labels of the figures a briefing links to, for the sources list under hand-edited text.
const LINKED: Array<[RecordMetric, Record<BriefingLang, string>]> = [
  ['newLocalConfirmed', { 'zh-CN': '新增本土确诊病例', 'zh-TW': '新增本土確診病例', en: 'New local confirmed cases' }],
  [
    'newLocalConfirmedReclassified',
    { 'zh-CN': '其中无症状感染者转确诊', 'zh-TW': '其中無症狀感染者轉確診', en: 'of which reclassified' },
  ],
  [
    'newLocalAsymptomatic',
    { 'zh-CN': '新增本土无症状感染者', 'zh-TW': '新增本土無症狀感染者', en: 'New local asymptomatic infections' },
  ],
  [
    'localDischarged',
    { 'zh-CN': '治愈出院本土确诊病例', 'zh-TW': '治癒出院本土確診病例', en: 'Local confirmed cases discharged' },
  ],
  [
    'localReleased',
    {
      'zh-CN': '解除隔离本土无症状感染者',
      'zh-TW': '解除隔離本土無症狀感染者',
      en: 'Local asymptomatic infections released',
    },
  ],
  ['foundInQuarantine', { 'zh-CN': '隔离管控中发现', 'zh-TW': '隔離管控中發現', en: 'Found in quarantine' }],
  ['foundInCommunity', { 'zh-CN': '社会面发现', 'zh-TW': '社會面發現', en: 'Found in the community' }],
  [
    'hospitalised',
    { 'zh-CN': '现有确诊病例（住院治疗）', 'zh-TW': '現有確診病例（住院治療）', en: 'Confirmed cases in hospital' },
  ],
  [
    'underObservation',
    {
      'zh-CN': '现有无症状感染者（医学观察）',
      'zh-TW': '現有無症狀感染者（醫學觀察）',
      en: 'Asymptomatic infections under observation',
    },
  ],
  [
    'cumulativeLocalConfirmed',
    { 'zh-CN': '累计本土确诊病例', 'zh-TW': '累計本土確診病例', en: 'Cumulative local confirmed cases' },
  ],
  [
    'cumulativeLocalAsymptomatic',
    {
      'zh-CN': '累计本土无症状感染者',
      'zh-TW': '累計本土無症狀感染者',
      en: 'Cumulative local asymptomatic infections',
    },
  ],
  ['cumulativeDischarged', { 'zh-CN': '累计治愈出院', 'zh-TW': '累計治癒出院', en: 'Cumulative discharged' }],
  ['cumulativeReleased', { 'zh-CN': '累计解除隔离', 'zh-TW': '累計解除隔離', en: 'Cumulative released' }],
];

const LABELS = new Map(LINKED);

export type Texts = Record<BriefingLang, string>;

/** The briefing as the API serves it. */
export interface BriefingView {
  date: string;
  status: BriefingStatus;
  texts: Texts;
  segments: Record<BriefingLang, Segment[]> | null;
  figures: Figures;
  previous: Figures;
  links: Array<{ metric: RecordMetric; value: number; href: string }>;
  draftedBy: string | null;
  editedBy: string | null;
  approvedBy: string | null;
  publishedBy: string | null;
  updatedAt: string | null;
  publishedAt: string | null;
  /** The display names of the people above, by login: the screens name people, not accounts. */
  people: Record<string, string>;
  /** Whether the asking user may approve it now (the four-eyes rule: not its last editor). */
  mayApprove: boolean;
}

const who = (label: string | null) => (label ? (label.split(':')[2] ?? label) : null);

function links(date: string, f: Figures) {
  return LINKED.map(([metric]) => ({ metric, value: metricValue(f, metric), href: recordsHref(date, metric) }));
}

async function fresh(ctx: Ctx, date: string): Promise<BriefingView> {
  const { figures, previous } = await cityFigures(ctx, date);
  const { segments, texts } = await composeBriefing(ctx, date);
  const none = {
    draftedBy: null,
    editedBy: null,
    approvedBy: null,
    publishedBy: null,
    updatedAt: null,
    publishedAt: null,
    people: {},
    mayApprove: false,
  };
  return { date, status: 'new', texts, segments, figures, previous, links: links(date, figures), ...none };
}

function fromRow(r: BriefingRow): BriefingView {
  const figures = JSON.parse(r.figures) as Figures;
  return {
    date: r.date,
    status: r.status as BriefingStatus,
    texts: JSON.parse(r.texts) as Texts,
    segments: r.segments ? (JSON.parse(r.segments) as Record<BriefingLang, Segment[]>) : null,
    figures,
    previous: JSON.parse(r.previous) as Figures,
    links: links(r.date, figures),
    draftedBy: who(r.drafted_by),
    editedBy: who(r.edited_by),
    approvedBy: who(r.approved_by),
    publishedBy: who(r.published_by),
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
    people: {},
    mayApprove: false,
  };
}

/** The stored briefing as one user sees it: the people by their display names, and whether they may approve. */
async function viewOf(ctx: Ctx, actor: Actor, r: BriefingRow): Promise<BriefingView> {
  const labels = [r.drafted_by, r.edited_by, r.approved_by, r.published_by].filter((l): l is string => !!l);
  const people: Record<string, string> = {};
  for (const label of new Set(labels)) {
    const [kind, id] = label.split(':');
    const u = kind === 'user' ? await findUserById(ctx.db, Number(id)) : undefined;
    if (u) people[u.username] = u.display_name;
  }
  const mayApprove =
    permissionsOf(actor.role).includes('briefing:approve') &&
    refusal(r.status as BriefingStatus, 'approve', actorLabel(actor), r.edited_by) === null;
  return { ...fromRow(r), people, mayApprove };
}

/** The stored briefing of a day, or a fresh unsaved draft from the current figures. */
export async function getBriefing(ctx: Ctx, actor: Actor, date: string): Promise<BriefingView> {
  requirePermission(actor, 'briefing:read');
  const row = await findBriefing(ctx.db, date);
  return row ? viewOf(ctx, actor, row) : fresh(ctx, date);
}

/** Runs one lifecycle step in a transaction: checks the rule, saves, audits. */
async function transition(
  ctx: Ctx,
  actor: Actor,
  date: string,
  action: BriefingAction,
  change: (current: BriefingRow | undefined, me: string, now: string) => Promise<BriefingRow>,
): Promise<BriefingView> {
  requirePermission(actor, `briefing:${action === 'draft' ? 'edit' : action}`);
  const me = actorLabel(actor);
  const now = nowIso();
  return ctx.db.k
    .transaction()
    .execute(async (trx) => {
      const current = await findBriefing(trx, date);
      const status = (current?.status ?? 'new') as BriefingStatus;
      const code = refusal(status, action, me, current?.edited_by ?? null);
      if (code) throw new AppError(BriefingErrors[code], { date, status, editor: who(current?.edited_by ?? null) });
      const next = await change(current, me, now);
      await saveBriefing(trx, next);
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: me,
        action: `briefing-${action}`,
        entity: 'briefing',
        entityId: date,
        detail: { from: status, to: next.status },
      });
      return next;
    })
    .then((next) => viewOf(ctx, actor, next));
}

// Figures are read before the transaction opens: SQLite has one connection, and a read from
// outside the transaction would wait for it forever.
async function draftRow(ctx: Ctx, date: string): Promise<Omit<BriefingRow, 'drafted_by' | 'edited_by' | 'updated_at'>> {
  const f = await fresh(ctx, date);
  return {
    date,
    status: 'draft',
    texts: JSON.stringify(f.texts),
    segments: JSON.stringify(f.segments),
    figures: JSON.stringify(f.figures),
    previous: JSON.stringify(f.previous),
    approved_by: null,
    published_by: null,
    published_at: null,
  };
}

/** (Re)drafts the texts from the current figures; any approval is void. */
export async function draftBriefing(ctx: Ctx, actor: Actor, date: string): Promise<BriefingView> {
  const draft = await draftRow(ctx, date);
  return transition(ctx, actor, date, 'draft', async (current, me, now) => ({
    ...draft,
    drafted_by: current?.drafted_by ?? me,
    edited_by: me,
    updated_at: now,
  }));
}

/** Saves hand-edited texts; the links stay in the figures table since the words are now free text. */
export async function editBriefing(ctx: Ctx, actor: Actor, date: string, texts: Texts): Promise<BriefingView> {
  const draft = await draftRow(ctx, date);
  return transition(ctx, actor, date, 'edit', async (current, me, now) => {
    const base = current ?? { ...draft, drafted_by: me, edited_by: me, updated_at: now };
    const unchanged = JSON.stringify(texts) === base.texts;
    return {
      ...base,
      status: 'draft',
      texts: JSON.stringify(texts),
      segments: unchanged ? base.segments : null,
      edited_by: me,
      approved_by: null,
      updated_at: now,
    };
  });
}

/** A second person approves the draft. */
export function approveBriefing(ctx: Ctx, actor: Actor, date: string): Promise<BriefingView> {
  return transition(ctx, actor, date, 'approve', async (current, me, now) => ({
    ...(current as BriefingRow),
    status: 'approved',
    approved_by: me,
    updated_at: now,
  }));
}

/** Publishes the approved briefing; from now on it is frozen. */
export function publishBriefing(ctx: Ctx, actor: Actor, date: string): Promise<BriefingView> {
  return transition(ctx, actor, date, 'publish', async (current, me, now) => ({
    ...(current as BriefingRow),
    status: 'published',
    published_by: me,
    published_at: now,
    updated_at: now,
  }));
}

/** Renders a briefing (stored or fresh) in one language and format. */
export async function renderBriefing(
  ctx: Ctx,
  actor: Actor,
  date: string,
  lang: BriefingLang,
  format: 'md' | 'html' | 'json',
) {
  const b = await getBriefing(ctx, actor, date);
  const input = {
    date,
    lang,
    status: b.status,
    title: titleOf(date, lang, CITY_NAMES),
    text: b.texts[lang],
    segments: b.segments?.[lang] ?? null,
    links: b.links.map((l) => ({
      ...l,
      label: LABELS.get(l.metric)?.[lang] ?? l.metric,
    })),
  };
  if (format === 'md') return renderMarkdown(input);
  if (format === 'html') return renderHtml(input);
  return input;
}
