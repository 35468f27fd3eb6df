import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, messagesOf } from '../platform/errors.ts';
import { markReceived, turnaroundRows } from './receipts.repo.ts';
import { TestingErrors } from './testing.errors.ts';
import { listCampaigns, tubesByCode } from './testing.repo.ts';
import { applyCounts, keptCounts, tubesAfter, waitingBefore } from './turnaround.repo.ts';
import {
  CountDeltas,
  type CountKey,
  type Histogram,
  targetHoursOf,
  targetTenths,
  tubeAsOf,
  turnaroundFromCounts,
  turnaroundOf,
} from './turnaround.rules.ts';

const isoTime = (s: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));

/** What happened to one tube code of a receipt batch. */
export interface ReceiptItem {
  tubeCode: string;
  status: 'received' | 'unchanged' | 'error';
  receivedAt?: string;
  labCode?: string;
  code?: string;
  message?: { 'zh-CN': string; en: string };
}

/**
 * A lab scans a rack of tubes in. Each code is answered on its own: a tube already received keeps its
 * first receipt (so re-sending a batch changes nothing) and an unknown code is reported without
 * holding up the rest of the rack, which is already in the lab's hands.
 */
export async function receiveTubes(
  ctx: Ctx,
  actor: Actor | 'cli' | 'system',
  input: { labCode: string; tubeCodes: string[]; receivedAt?: string },
  source: string,
) {
  if (typeof actor !== 'string') requirePermission(actor, 'testing:results');
  const at = input.receivedAt ?? nowIso();
  if (!isoTime(at)) throw new AppError(TestingErrors.SAMPLE_TIME_INVALID, { value: at });
  const when = new Date(at).toISOString();
  const codes = [...new Set(input.tubeCodes.map((c) => c.trim()).filter(Boolean))];
  const tubes = await tubesByCode(ctx.db, codes);
  const fail = (tubeCode: string, code: string): ReceiptItem => ({
    tubeCode,
    status: 'error',
    code,
    message: messagesOf(code, { tube: tubeCode }),
  });
  const items: ReceiptItem[] = codes.map((code) => {
    const t = tubes.get(code);
    if (!t) return fail(code, 'TUBE_UNKNOWN');
    if (t.received_at)
      return { tubeCode: code, status: 'unchanged', receivedAt: t.received_at, labCode: t.receiving_lab ?? undefined };
    if (when < t.first_sampled_at) return fail(code, 'TUBE_RECEIVED_BEFORE_SAMPLING');
    if (t.resulted_at && when > t.resulted_at) return fail(code, 'TUBE_RECEIVED_AFTER_RESULT');
    return { tubeCode: code, status: 'received', receivedAt: when, labCode: input.labCode };
  });
  const fresh = items.filter((i) => i.status === 'received').map((i) => i.tubeCode);
  if (fresh.length)
    await ctx.db.k.transaction().execute(async (trx) => {
      await markReceived(trx, fresh, input.labCode, when);
      const deltas = new CountDeltas();
      for (const code of fresh) {
        const t = tubes.get(code) as NonNullable<ReturnType<typeof tubes.get>>;
        deltas.add(t, -1);
        deltas.add({ ...t, received_at: when, receiving_lab: input.labCode }, 1);
      }
      await applyCounts(trx, deltas.rows());
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'tubes-received',
        entity: 'lab',
        entityId: input.labCode,
        detail: { source: source.slice(0, 64), receivedAt: when, tubes: fresh.length },
      });
    });
  const count = (s: ReceiptItem['status']) => items.filter((i) => i.status === s).length;
  return { received: count('received'), unchanged: count('unchanged'), errors: count('error'), items };
}

/**
 * Turnaround of a campaign (sampled → received → resulted) against a target: the whole campaign,
 * each round, and each lab of the chosen round (or of the campaign). A district-scoped user sees
 * the tubes sampled in their district.
 */
export async function turnaround(
  ctx: Ctx,
  actor: Actor,
  campaignCode: string,
  q: { round?: number; targetHours?: number; district?: string },
  now = nowMs(),
) {
  requirePermission(actor, 'testing:read');
  const c = (await listCampaigns(ctx.db)).find((x) => x.code === campaignCode);
  if (!c) throw new AppError(TestingErrors.CAMPAIGN_NOT_FOUND, { code: campaignCode });
  if (q.district && !scopeCoversDivision(actor.scope, q.district)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const district = actor.scope.kind === 'city' ? q.district : actor.scope.code.slice(0, 6);
  const target = targetHoursOf(q.targetHours, process.env.BANYAN_TURNAROUND_HOURS);
  const tenths = targetTenths(target);
  if (tenths !== null)
    return { campaign: c.code, targetHours: target, ...(await keptFigures(ctx, c.id, q.round, district, tenths, now)) };
  // A target finer than a tenth of an hour: the kept counts cannot say, so every tube is read, as it
  // stood at the business clock.
  const asOf = new Date(now).toISOString();
  const rows = (await turnaroundRows(ctx.db, c.id, { district })).flatMap((r) => tubeAsOf(r, asOf) ?? []);
  const groupBy = <K>(list: typeof rows, key: (r: (typeof rows)[number]) => K) => {
    const m = new Map<K, typeof rows>();
    for (const r of list) {
      const k = key(r);
      const g = m.get(k);
      if (g) g.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const rounds = groupBy(
    rows.filter((r) => r.round !== null),
    (r) => Number(r.round),
  );
  const inScope = q.round === undefined ? rows : (rounds.get(q.round) ?? []);
  const labs = groupBy(inScope, (r) => r.lab_code ?? r.receiving_lab ?? '');
  return {
    campaign: c.code,
    targetHours: target,
    round: q.round ?? null,
    total: turnaroundOf(rows, target, now),
    selected: turnaroundOf(inScope, target, now),
    rounds: [...rounds]
      .sort(([a], [b]) => a - b)
      .map(([round, list]) => ({ round, ...turnaroundOf(list, target, now) })),
    // '' gathers tubes no lab has scanned or reported yet.
    labs: [...labs]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([lab, list]) => ({ lab: lab || null, ...turnaroundOf(list, target, now) })),
  };
}

type Wait = { round: number; lab: string; n: number };
type Kept = Awaited<ReturnType<typeof keptCounts>>;

/**
 * The turnaround figures from the counts kept on sampling, receipt and result, and a live count of
 * tubes waiting past the target (a partial index over tubes without a result): no tube is read.
 */
async function keptFigures(
  ctx: Ctx,
  campaignId: number,
  round: number | undefined,
  district: string | undefined,
  tenths: number,
  now: number,
) {
  const cutoff = new Date(now - tenths * 360_000).toISOString();
  const { counts, waiting } = asOfClock(
    await keptCounts(ctx.db, campaignId, district),
    await waitingBefore(ctx.db, campaignId, cutoff, district),
    await tubesAfter(ctx.db, campaignId, new Date(now).toISOString(), district),
    new Date(now).toISOString(),
    cutoff,
  );
  const figures = (cs: Kept, ws: Wait[]) => {
    const m: Partial<Record<CountKey['measure'], Histogram>> = {};
    for (const x of cs) {
      const key = x.measure as CountKey['measure'];
      const h = m[key] ?? [];
      h.push([x.r, x.c, x.n]);
      m[key] = h;
    }
    return turnaroundFromCounts(
      m,
      tenths,
      ws.reduce((sum, w) => sum + w.n, 0),
    );
  };
  const inScope = round === undefined ? counts : counts.filter((x) => x.round === round);
  const waitingInScope = round === undefined ? waiting : waiting.filter((w) => w.round === round);
  const rounds = [...new Set(counts.map((x) => x.round))].sort((a, b) => a - b);
  const labs = [...new Set(inScope.map((x) => x.lab))].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : a.localeCompare(b),
  );
  return {
    round: round ?? null,
    total: figures(counts, waiting),
    selected: figures(inScope, waitingInScope),
    rounds: rounds.map((r) => ({
      round: r,
      ...figures(
        counts.filter((x) => x.round === r),
        waiting.filter((w) => w.round === r),
      ),
    })),
    // '' gathers tubes no lab has scanned or reported yet.
    labs: labs.map((lab) => ({
      lab: lab || null,
      ...figures(
        inScope.filter((x) => x.lab === lab),
        waitingInScope.filter((w) => w.lab === lab),
      ),
    })),
  };
}

/**
 * The kept counts and the waiting tubes as they stood at the business clock: each tube with a time
 * after it gives back what it added since (nothing after the clock shows, e.g. a demo whose data
 * runs past its clock). Waiting follows waitingBefore: no result, sampled before the cutoff.
 */
function asOfClock(
  counts: Kept,
  waiting: Wait[],
  later: Awaited<ReturnType<typeof tubesAfter>>,
  asOf: string,
  cutoff: string,
): { counts: Kept; waiting: Wait[] } {
  if (!later.length) return { counts, waiting };
  const deltas = new CountDeltas();
  const waits = new Map<string, Wait>(waiting.map((w) => [`${w.round}|${w.lab}`, { ...w }]));
  const wait = (t: (typeof later)[number] | null, n: number) => {
    if (!t || t.round === null || t.resulted_at !== null || !(t.first_sampled_at < cutoff)) return;
    const lab = t.lab_code ?? t.receiving_lab ?? '';
    const k = `${t.round}|${lab}`;
    const w = waits.get(k) ?? { round: Number(t.round), lab, n: 0 };
    w.n += n;
    waits.set(k, w);
  };
  for (const t of later) {
    const then = tubeAsOf(t, asOf);
    deltas.add(t, -1);
    wait(t, -1);
    if (then) deltas.add(then, 1);
    wait(then, 1);
  }
  const m = new Map<string, Kept[number]>(
    counts.map((x) => [`${x.round}|${x.lab}|${x.measure}|${x.r}|${x.c}`, { ...x }]),
  );
  for (const d of deltas.rows()) {
    const k = `${d.round}|${d.lab}|${d.measure}|${d.r}|${d.c}`;
    const x = m.get(k) ?? { round: d.round, lab: d.lab, measure: d.measure, r: d.r, c: d.c, n: 0 };
    x.n += d.n;
    m.set(k, x);
  }
  return { counts: [...m.values()].filter((x) => x.n !== 0), waiting: [...waits.values()].filter((w) => w.n !== 0) };
}
