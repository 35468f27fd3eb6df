import { insertTasks } from '../appeals/whitelist.repo.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { addDays } from '../platform/dates.ts';
import {
  baselinesOf,
  belowOnDay,
  curvesOf,
  dailyTotals,
  enterprisesByIds,
  firstLocalCaseDay,
  openTasksOf,
  replaceFlags,
} from './economy.repo.ts';
import { type PowerSettings, runBelow, weekdayBaseline, weekdayOf, windowOf } from './economy.rules.ts';
import type { PowerFlagRow } from './economy.tables.ts';
import { loadSettings } from './settings.service.ts';

/** Each subject's weekday baseline from the daily totals of the window. */
export async function areaBaselines(
  ctx: Ctx,
  win: { from: string; to: string },
  by: 'city' | 'district' | 'industry',
  areaPrefix = '',
) {
  const rows = await dailyTotals(ctx.db.k, win.from, win.to, by, areaPrefix);
  const bySubject = new Map<string, Array<{ wd: number; kwh: number }>>();
  for (const r of rows) bySubject.set(r.subject, [...(bySubject.get(r.subject) ?? []), r]);
  return new Map([...bySubject].map(([k, v]) => [k, weekdayBaseline(v) as number[]]));
}

async function areaFlags(
  ctx: Ctx,
  day: string,
  win: { from: string; to: string },
  s: PowerSettings,
  by: 'district' | 'industry',
): Promise<PowerFlagRow[]> {
  const base = await areaBaselines(ctx, win, by);
  const today = await dailyTotals(ctx.db.k, day, day, by);
  const wd = weekdayOf(day);
  return today.flatMap((r) => {
    const b = base.get(r.subject)?.[wd];
    if (!b || r.kwh >= s.areaShare * b) return [];
    return [
      {
        day,
        kind: by,
        subject: r.subject,
        rule: `${by}-below-share`,
        kwh: r.kwh,
        baseline: b,
        share: r.kwh / b,
        threshold: s.areaShare,
        days: 1,
        enterprise_id: null,
        task_id: null,
      },
    ];
  });
}

/**
 * The flags of a day, recomputed and stored: accounts below their share for N days running, and
 * districts and industries below theirs. A flagged whitelisted enterprise gets a liaison task on the
 * liaison desk unless one is open already (the flag then points at the open one).
 */
export async function evaluateFlags(ctx: Ctx, day: string, now = nowIso()): Promise<PowerFlagRow[]> {
  const s = await loadSettings(ctx);
  const win = windowOf(s, await firstLocalCaseDay(ctx.db.k));
  if (!win || day <= win.to) return [];
  // Only accounts already below on the day can be on a run: the rest are never read.
  const below = await belowOnDay(ctx.db.k, day, s.accountShare);
  const accounts = below.map((b) => b.account_no);
  const baselines = await baselinesOf(ctx.db.k, accounts);
  const readings = new Map<string, Map<string, number>>();
  for (const r of await curvesOf(ctx.db.k, accounts, addDays(day, 1 - s.accountDays), day))
    readings.set(r.account_no, (readings.get(r.account_no) ?? new Map()).set(r.day, r.kwh));
  const flags: PowerFlagRow[] = [];
  for (const b of below) {
    const base = (baselines.get(b.account_no) ?? []).map((x) => x ?? 0);
    const run = runBelow(day, readings.get(b.account_no) ?? new Map(), base, s.accountShare, s.accountDays);
    if (run.days < s.accountDays) continue;
    flags.push({
      day,
      kind: 'account',
      subject: b.account_no,
      rule: 'account-below-share-days',
      kwh: run.kwh,
      baseline: run.baseline,
      share: run.share,
      threshold: s.accountShare,
      days: run.days,
      enterprise_id: b.enterprise_id === null ? null : Number(b.enterprise_id),
      task_id: null,
    });
  }
  flags.push(...(await areaFlags(ctx, day, win, s, 'district')), ...(await areaFlags(ctx, day, win, s, 'industry')));
  const entIds = [...new Set(flags.flatMap((f) => (f.enterprise_id === null ? [] : [f.enterprise_id])))];
  const ents = (await enterprisesByIds(ctx.db.k, entIds)).filter((e) => e.whitelisted === 1);
  await ctx.db.k.transaction().execute(async (trx) => {
    const open = await openTasksOf(
      trx,
      ents.map((e) => e.id),
    );
    for (const e of ents) {
      if (open.has(e.id)) continue;
      const f = flags.find((x) => x.enterprise_id === e.id) as PowerFlagRow;
      const [id] = await insertTasks(trx, [
        {
          enterprise_id: e.id,
          cadre_id: e.liaison_cadre_id,
          report_id: null,
          title: `${e.name}：工业用电连续${f.days}天低于基线的${Math.round(f.threshold * 100)}%（${day} 用电 ${Math.round(f.kwh)} 千瓦时，基线 ${Math.round(f.baseline)} 千瓦时，${Math.round(f.share * 100)}%）`,
          due_at: new Date(Date.parse(now) + 24 * 3600_000).toISOString(),
          closed_at: null,
          closing_note: null,
          created_at: now,
        },
      ]);
      open.set(e.id, id as number);
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: 'system',
        action: 'liaison-task-opened',
        entity: 'enterprise',
        entityId: e.credit_code,
        detail: { task: id, rule: f.rule, day, account: f.subject, share: f.share },
      });
    }
    for (const f of flags) if (f.enterprise_id !== null) f.task_id = open.get(f.enterprise_id) ?? null;
    await replaceFlags(trx, day, flags);
  });
  return flags;
}
