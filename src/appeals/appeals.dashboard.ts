import { nameOf } from '../geo/geo.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { beijingTime } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import { columnsSheet, workbook } from '../platform/files/xlsx.ts';
import { appealsSettings } from './appeals.config.ts';
import { localDay, STATUS_ZH, type Status } from './appeals.rules.ts';
import type { AppealsQuery } from './appeals.schema.ts';
import type { AppealView } from './appeals.service.ts';
import { countSumsBy, countTotals, overdueCount } from './counts.repo.ts';
import { measuresFrom, sortedFigures } from './counts.rules.ts';
import { listAppeals } from './queries.service.ts';
import { statusBoard } from './whitelist.service.ts';

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);
/** The UTC instant at which a local (UTC+8) day begins. */
const dayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
const nextDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();

/**
 * The period (local days, the last seven by default) and area a dashboard reads: the actor's area,
 * or a district inside it. Appeals are kept per district, so a zone-scoped account has no area here.
 */
export function appealPeriod(actor: Actor, q: { from?: string; to?: string; district?: string }, now: string) {
  requirePermission(actor, 'appeals:read');
  const scope = scopePrefix(actor.scope);
  if (scope === null) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const to = q.to ?? localDay(now);
  const from = q.from ?? localDay(new Date(Date.parse(`${to}T00:00:00+08:00`) - 6 * 86_400_000).toISOString());
  // Another district is refused, not answered with one's own figures (the route refuses it first).
  if (q.district && !q.district.startsWith(scope) && !scope.startsWith(q.district))
    throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const areaPrefix = q.district?.startsWith(scope) ? q.district : scope.length > 4 ? scope : undefined;
  return { from, to, areaPrefix };
}

/**
 * The appeals dashboard of a period (local days): volume by channel, category, district and day;
 * the 12345 measures (on-time sign-off and closure, satisfaction, reopen rate); overdue and
 * escalated counts; the whitelist status board of the last day.
 */
export async function appealsDashboard(
  ctx: Ctx,
  actor: Actor,
  q: { from?: string; to?: string; district?: string },
  now = nowIso(),
) {
  const { from, to, areaPrefix } = appealPeriod(actor, q, now);
  const f = { fromAt: dayStart(from), toAt: nextDayStart(to), areaPrefix };
  // Volumes and measures from the counters kept as appeals change; overdue depends on `now`. Read
  // off the thread that answers entrance checks (38 days took 41-49 ms at 1 M appeals on SQLite).
  const p = { from, to, areaPrefix };
  const [byChannel, byCategory, byDistrict, byStatus, byDay, sums, overdue] = await Promise.all([
    countSumsBy(ctx.db.reads, 'channel', p).then(sortedFigures),
    countSumsBy(ctx.db.reads, 'category', p).then(sortedFigures),
    countSumsBy(ctx.db.reads, 'district_code', p).then(sortedFigures),
    countSumsBy(ctx.db.reads, 'status', p).then(sortedFigures),
    countSumsBy(ctx.db.reads, 'day', p).then((xs) => sortedFigures(xs).map(({ key, n }) => ({ day: key, n }))),
    countTotals(ctx.db.reads, p),
    overdueCount(ctx.db.reads, { ...f, now }),
  ]);
  const m = { ...measuresFrom(sums), overdue };
  const board = await statusBoard(ctx, actor, to).catch(() => null);
  return {
    from,
    to,
    total: m.total,
    byChannel,
    byCategory,
    byDistrict: byDistrict.map((d) => ({ ...d, name: nameOf(d.key) ?? d.key })),
    byStatus,
    byDay,
    rates: {
      signOnTime: rate(m.signedOnTime, m.signed),
      closeOnTime: rate(m.repliedOnTime, m.replied),
      satisfaction: rate(m.satisfied, m.rated),
      reopen: rate(m.reopened, m.replied + m.reopened),
    },
    counts: m,
    whitelist: board ? { day: board.day, counts: board.counts } : null,
  };
}

// Exported as people read them: names instead of codes, Beijing wall time instead of UTC ISO.
const CATEGORY_ZH: Record<string, string> = {
  production: '生产经营',
  materials: '原材料',
  logistics: '物流运输',
  staff: '用工',
  permits: '证照审批',
  finance: '金融财税',
  health: '防疫卫生',
  living: '生活保障',
  enquiry: '政策咨询',
  other: '其他',
};
const URGENCY_ZH: Record<string, string> = { critical: '特急', urgent: '紧急', normal: '一般', complex: '复杂' };
const SUBMITTER_ZH: Record<string, string> = { enterprise: '企业', resident: '居民' };
const RATING_ZH: Record<string, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };
const OVERDUE_ZH: Record<string, string> = { 'sign-overdue': '签收超期', 'reply-overdue': '办理超期' };
const channelName = (c: string) => {
  const named = appealsSettings().channels;
  return c === 'hotline' ? '热线' : (named[c as 'web' | 'mobile']?.['zh-CN'] ?? c);
};
const escalation = (r: string | null) => (!r ? '' : (OVERDUE_ZH[r] ?? r.replace(/^repeated:(\d+)$/, '重复反映 $1 次')));

const EXPORT_COLUMNS: Array<[string, (a: AppealView) => unknown]> = [
  ['受理编号 Tracking no.', (a) => a.trackingNo],
  ['渠道 Channel', (a) => channelName(a.channel)],
  ['诉求人 Submitter', (a) => SUBMITTER_ZH[a.submitter] ?? a.submitter],
  ['企业 Enterprise', (a) => a.enterprise?.name ?? ''],
  ['统一社会信用代码 Credit code', (a) => a.enterprise?.creditCode ?? ''],
  ['联系电话 Phone', (a) => a.phone],
  ['区县 District', (a) => a.districtName],
  ['类别 Category', (a) => CATEGORY_ZH[a.category] ?? a.category],
  ['紧急程度 Urgency', (a) => URGENCY_ZH[a.urgency] ?? a.urgency],
  ['标题 Title', (a) => a.title],
  ['状态 Status', (a) => STATUS_ZH[a.status as Status] ?? a.status],
  ['承办单位 Unit', (a) => a.unitName ?? ''],
  ['受理时间（北京时间） Received (UTC+8)', (a) => beijingTime(a.receivedAt)],
  ['签收时限 Sign-off due', (a) => beijingTime(a.signDueAt)],
  ['办理时限 Due', (a) => beijingTime(a.dueAt)],
  ['答复时间 Replied', (a) => beijingTime(a.repliedAt)],
  ['评价 Rating', (a) => (a.rating ? (RATING_ZH[a.rating] ?? a.rating) : '')],
  ['重复次数 Times raised', (a) => a.repeatCount],
  ['督办 Escalated', (a) => escalation(a.escalationReason)],
  ['超期 Overdue', (a) => (a.overdue ? OVERDUE_ZH[a.overdue] : '')],
];

/** Any filtered list as an XLSX workbook (up to 50,000 rows, contacts masked). */
export async function exportAppeals(ctx: Ctx, actor: Actor, q: AppealsQuery): Promise<Buffer> {
  const rows: AppealView[] = [];
  for (let page = 1; page <= 50; page++) {
    const r = await listAppeals(ctx, actor, { ...q, page, pageSize: 1000 });
    rows.push(...r.items);
    if (r.items.length < 1000) break;
  }
  return workbook([columnsSheet('诉求 Appeals', EXPORT_COLUMNS, rows)]);
}
