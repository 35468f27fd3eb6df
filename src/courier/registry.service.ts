import { divisionOf } from '../geo/geo.service.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { dayOf } from '../platform/dates.ts';
import { AppError, messagesOf } from '../platform/errors.ts';
import type { SheetIssue } from '../platform/files/sheet.ts';
import { assertOutletVisible, courierRulesOn, outletFilterOf, writeFilterOf } from './courier.access.ts';
import { CourierErrors } from './courier.errors.ts';
import { firmCodeOf, type OutletStatus, outletStatusOf, workerTested } from './courier.rules.ts';
import type { ImportAnswer, Outlet, OutletInput, OutletQuery, Worker, WorkerCheck } from './courier.schema.ts';
import {
  findOutlets,
  insertGreenLane,
  insertOutlets,
  outletsByCode,
  sampleSite,
  updateOutlet,
  workersOf,
} from './registry.repo.ts';

type Row = { row: number } & Partial<
  Record<'code' | 'firm' | 'name' | 'districtCode' | 'address' | 'status' | 'staff', string>
>;

/** Collects row problems with their catalogued messages; refuses the whole file if any. */
export class RowIssues {
  readonly list: SheetIssue[] = [];
  add(row: number, column: string, code: string, params: Record<string, unknown> = {}): void {
    this.list.push({ row, column, code, message: messagesOf(code, params) });
  }
  throwIfAny(): void {
    if (this.list.length)
      throw new AppError(CourierErrors.COURIER_ROWS_INVALID, { count: this.list.length }, { issues: this.list });
  }
}

/** The outlets the actor may see, with totals of the open ones. */
export async function listOutlets(ctx: Ctx, actor: Actor, q: OutletQuery) {
  const f = await outletFilterOf(ctx, actor);
  const rows = await findOutlets(ctx.db, { ...f, district: q.district, firm: q.firm, status: q.status });
  const items: Outlet[] = rows.map((r) => ({
    code: r.code,
    firm: r.firm_code,
    name: r.name,
    districtCode: r.district_code,
    address: r.address,
    status: r.status as OutletStatus,
    staff: r.staff,
    workers: r.workers,
    updatedAt: r.updated_at,
  }));
  const open = items.filter((o) => o.status === 'open');
  return { items, open: open.length, staff: open.reduce((s, o) => s + o.staff, 0) };
}

/** One outlet by code, if the actor may see it. */
export async function getOutlet(ctx: Ctx, actor: Actor, code: string): Promise<Outlet> {
  const f = await outletFilterOf(ctx, actor);
  const o = (await outletsByCode(ctx.db, [code])).get(code);
  if (!o) throw new AppError(CourierErrors.COURIER_OUTLET_UNKNOWN, { code });
  assertOutletVisible(f, o);
  const found = (await findOutlets(ctx.db, { ...f, outletIds: [o.id] }))[0];
  return {
    code: o.code,
    firm: o.firm_code,
    name: o.name,
    districtCode: o.district_code,
    address: o.address,
    status: o.status as OutletStatus,
    staff: o.staff,
    workers: found?.workers ?? 0,
    updatedAt: o.updated_at,
  };
}

/** Reads sheet rows into outlet inputs, every problem by row and column. */
export function outletRows(rows: Row[], issues: RowIssues): OutletInput[] {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const code = (r.code ?? '').trim();
    if (!/^[A-Za-z0-9-]{2,32}$/.test(code))
      issues.add(r.row, 'code', CourierErrors.COURIER_OUTLET_CODE_INVALID, { value: code });
    else if (seen.has(code))
      issues.add(r.row, 'code', CourierErrors.COURIER_DUPLICATE_IN_FILE, { first: seen.get(code) });
    else seen.set(code, r.row);
    const firm = firmCodeOf(r.firm ?? '');
    if (!firm) issues.add(r.row, 'firm', CourierErrors.COURIER_FIRM_UNKNOWN, { value: r.firm ?? '' });
    const district = (r.districtCode ?? '').trim();
    const d = divisionOf(district);
    if (d?.level !== 'district')
      issues.add(r.row, 'districtCode', CourierErrors.COURIER_DISTRICT_UNKNOWN, { value: district });
    for (const k of ['name', 'address'] as const)
      if (!(r[k] ?? '').trim()) issues.add(r.row, k, CourierErrors.COURIER_FIELD_MISSING, { field: k });
    const status = r.status?.trim() ? outletStatusOf(r.status) : 'open';
    if (!status) issues.add(r.row, 'status', CourierErrors.COURIER_STATUS_INVALID, { value: r.status });
    const staffRaw = (r.staff ?? '').trim() || '0';
    if (!/^\d{1,5}$/.test(staffRaw))
      issues.add(r.row, 'staff', CourierErrors.COURIER_NUMBER_INVALID, { value: staffRaw });
    return {
      code,
      firm: firm ?? '',
      name: (r.name ?? '').trim(),
      districtCode: district,
      address: (r.address ?? '').trim(),
      status: status ?? 'open',
      staff: Number(staffRaw) || 0,
    };
  });
}

/**
 * Registers or updates outlets (a sheet or a list): all or nothing, problems by row; a re-sent row
 * that matches what is stored changes nothing. Only the regulator writes the registry.
 */
export async function saveOutlets(
  ctx: Ctx,
  actor: Actor | 'system',
  inputs: Array<OutletInput & { row?: number }>,
): Promise<ImportAnswer> {
  if (actor !== 'system') requirePermission(actor, 'courier:write');
  const f = actor === 'system' ? { prefix: '3501' } : await outletFilterOf(ctx, actor);
  const issues = new RowIssues();
  inputs.forEach((o, i) => {
    if (!o.districtCode.startsWith(f.prefix)) issues.add(o.row ?? i + 1, 'districtCode', AuthErrors.OUT_OF_SCOPE);
  });
  issues.throwIfAny();
  const stored = await outletsByCode(
    ctx.db,
    inputs.map((o) => o.code),
  );
  const now = nowIso();
  const fresh = inputs.filter((o) => !stored.has(o.code));
  const changed = inputs.filter((o) => {
    const s = stored.get(o.code);
    return (
      s &&
      (s.firm_code !== o.firm ||
        s.name !== o.name ||
        s.district_code !== o.districtCode ||
        s.address !== o.address ||
        s.status !== o.status ||
        s.staff !== o.staff)
    );
  });
  if (fresh.length || changed.length)
    await ctx.db.k.transaction().execute(async (trx) => {
      await insertOutlets(
        trx,
        fresh.map((o) => ({
          code: o.code,
          firm_code: o.firm,
          name: o.name,
          district_code: o.districtCode,
          address: o.address,
          status: o.status,
          staff: o.staff,
          created_at: now,
          updated_at: now,
        })),
      );
      for (const o of changed)
        await updateOutlet(trx, (stored.get(o.code) as { id: number }).id, {
          firm_code: o.firm,
          name: o.name,
          district_code: o.districtCode,
          address: o.address,
          status: o.status,
          staff: o.staff,
          updated_at: now,
        });
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'courier-outlets-saved',
        entity: 'courier-outlet',
        entityId: fresh[0]?.code ?? changed[0]?.code ?? null,
        detail: { inserted: fresh.length, updated: changed.length },
      });
    });
  return {
    rows: inputs.length,
    inserted: fresh.length,
    updated: changed.length,
    unchanged: inputs.length - fresh.length - changed.length,
  };
}

/** Opens, closes (in a sealed zone) or suspends an outlet; audited with before and after. */
export async function setOutletStatus(ctx: Ctx, actor: Actor, code: string, status: OutletStatus): Promise<Outlet> {
  requirePermission(actor, 'courier:write');
  const f = await outletFilterOf(ctx, actor);
  const o = (await outletsByCode(ctx.db, [code])).get(code);
  if (!o) throw new AppError(CourierErrors.COURIER_OUTLET_UNKNOWN, { code });
  assertOutletVisible(f, o);
  if (o.status !== status)
    await ctx.db.k.transaction().execute(async (trx) => {
      await updateOutlet(trx, o.id, { status, updated_at: nowIso() });
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'courier-outlet-status',
        entity: 'courier-outlet',
        entityId: code,
        detail: { before: o.status, after: status },
      });
    });
  return getOutlet(ctx, actor, code);
}

/** Parses a check time (ISO, or now); the day it falls on picks the policy version. */
function checkTime(at: string | undefined): number {
  if (!at) return nowMs();
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw new AppError(CourierErrors.COURIER_TIME_INVALID, { value: at });
  return t;
}

/** An outlet's workers, masked, each with their latest negative and whether it covers them at `at`. */
export async function listWorkers(ctx: Ctx, actor: Actor, code: string, at?: string) {
  await getOutlet(ctx, actor, code);
  const f = await outletFilterOf(ctx, actor);
  const t = checkTime(at);
  const rules = await courierRulesOn(ctx, dayOf(new Date(t).toISOString()));
  const rows = await workersOf(ctx.db, { ...f, outletCode: code });
  const items: Worker[] = rows.map((r) => ({
    id: Number(r.id),
    outletCode: r.outlet_code,
    nameMasked: r.name_masked,
    idNumberMasked: r.id_masked,
    phoneMasked: r.phone_masked,
    onDuty: Number(r.on_duty) === 1,
    lastNegativeAt: r.last_negative_sampled_at,
    tested: workerTested(r.last_negative_sampled_at, t, rules.workerTestHours),
    greenLane: Number(r.green ?? 0) > 0,
  }));
  return { items, hours: rules.workerTestHours, at: new Date(t).toISOString() };
}

/**
 * The daily worker-test check: every open outlet's workers on duty against the testing records —
 * who has no negative sampled within the policy version's hours — per outlet and per firm. An
 * outlet with an untested worker on duty is flagged.
 */
export async function workerCheck(
  ctx: Ctx,
  actor: Actor,
  opts: { at?: string; flaggedOnly?: boolean; district?: string } = {},
): Promise<WorkerCheck> {
  const f = await outletFilterOf(ctx, actor);
  const t = checkTime(opts.at);
  const rules = await courierRulesOn(ctx, dayOf(new Date(t).toISOString()));
  const outlets = await findOutlets(ctx.db, { ...f, status: 'open', district: opts.district });
  const rows = await workersOf(ctx.db, { ...f, openOnly: true, district: opts.district });
  const per = new Map<string, { onDuty: number; untested: number; greenLane: number }>();
  for (const r of rows) {
    if (Number(r.on_duty) !== 1) continue;
    const c = per.get(r.outlet_code) ?? { onDuty: 0, untested: 0, greenLane: 0 };
    c.onDuty++;
    if (!workerTested(r.last_negative_sampled_at, t, rules.workerTestHours)) c.untested++;
    // Through the green lane: their latest green-lane swab falls within the same hours.
    if (workerTested(r.green_sampled_at ? String(r.green_sampled_at) : null, t, rules.workerTestHours)) c.greenLane++;
    per.set(r.outlet_code, c);
  }
  const all = outlets.map((o) => {
    const c = per.get(o.code) ?? { onDuty: 0, untested: 0, greenLane: 0 };
    return {
      code: o.code,
      firm: o.firm_code,
      name: o.name,
      districtCode: o.district_code,
      onDuty: c.onDuty,
      untested: c.untested,
      greenLane: c.greenLane,
      flagged: c.untested > 0,
    };
  });
  const firms = new Map<string, WorkerCheck['firms'][number]>();
  for (const o of all) {
    const x = firms.get(o.firm) ?? {
      firm: o.firm,
      outlets: 0,
      onDuty: 0,
      untested: 0,
      greenLane: 0,
      flaggedOutlets: 0,
    };
    x.outlets++;
    x.onDuty += o.onDuty;
    x.untested += o.untested;
    x.greenLane += o.greenLane;
    if (o.flagged) x.flaggedOutlets++;
    firms.set(o.firm, x);
  }
  return {
    at: new Date(t).toISOString(),
    hours: rules.workerTestHours,
    policyId: rules.policyId,
    outlets: opts.flaggedOnly ? all.filter((o) => o.flagged) : all,
    firms: [...firms.values()].sort((a, b) => a.firm.localeCompare(b.firm)),
    flagged: all.filter((o) => o.flagged).length,
    greenLane: all.reduce((n, o) => n + o.greenLane, 0),
  };
}

/** A sampling site marks a courier's swab as taken in the green lane; marking twice keeps the first. */
export async function markGreenLane(ctx: Ctx, actor: Actor, tubeCode: string, personId: number) {
  requirePermission(actor, 'testing:write');
  const found = await sampleSite(ctx.db, tubeCode, personId);
  if (!found) throw new AppError(CourierErrors.COURIER_SAMPLE_UNKNOWN, { tubeCode });
  if (!scopeCoversDivision(actor.scope, found.district_code)) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const site = found.site_code;
  const markedAt = nowIso();
  await ctx.db.k.transaction().execute(async (trx) => {
    const fresh = await insertGreenLane(trx, {
      tube_code: tubeCode,
      person_id: personId,
      site_code: site,
      marked_at: markedAt,
      actor: actorLabel(actor),
    });
    if (fresh)
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'courier-green-lane',
        entity: 'tube',
        entityId: tubeCode,
        detail: { personId, site },
      });
  });
  return { tubeCode, personId, markedAt };
}

export { writeFilterOf };
