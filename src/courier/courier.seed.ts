import type { Insertable } from 'kysely';
import { findUserByName } from '../platform/auth/auth.repo.ts';
import type { Ctx } from '../platform/context.ts';
import { addDays } from '../platform/dates.ts';
import type { SeedStep } from '../platform/module.ts';
import { FIRMS, type OutletStatus } from './courier.rules.ts';
import type { CourierBatchRow, CourierOutletRow, CourierVolumeRow } from './courier.tables.ts';
import { seedGreenLane } from './green-lane.seed.ts';
import { recordStatuses } from './history.repo.ts';
import {
  insertBatches,
  insertDisinfections,
  insertInspections,
  insertPoint,
  insertSummons,
  upsertPointDelivery,
  upsertVolumes,
  workingAgePersons,
  zonesForPoints,
} from './operations.repo.ts';
import { insertOutlets, insertWorkers, linkManager, outletsByCode } from './registry.repo.ts';
import { addTrips } from './supervision.service.ts';

/** The briefing's figures (2022-11-07): the seed reproduces them exactly at every scale. */
export const BRIEFING = {
  openOutlets: 2337,
  couriers: 10_236,
  collectedDaily: 1_730_000,
  deliveredDaily: 3_160_000,
  personTimes: 435,
  outletsInspected: 125,
  rectified: 10,
  summoned: 4,
  trips: 2408,
  persons: 3165,
  kg: 9_582_000,
} as const;

// Outlets follow the population; weights per district (10k residents, as the scenario's census).
const DISTRICTS: Array<[string, number]> = [
  ['350102', 72],
  ['350103', 51],
  ['350104', 115],
  ['350105', 23],
  ['350111', 96],
  ['350112', 75],
  ['350121', 104],
  ['350122', 56],
  ['350123', 21],
  ['350124', 24],
  ['350125', 26],
  ['350128', 36],
  ['350181', 139],
];
const FIRM_SHARE = [6, 14, 22, 17, 12, 13, 8, 5, 3];
const PEAK = ['2022-11-01', '2022-11-02', '2022-11-03', '2022-11-04', '2022-11-05', '2022-11-06'];

/** A small deterministic stream (mulberry32) on the step's own seed. */
function stream(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits a total into parts by weight, exactly (largest remainders). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

/**
 * Outlets: 2,337 open on the briefing's day, some closed in sealed zones, a few suspended; staff
 * summing to 10,000+. Every outlet opened on 10-01; the shut ones closed between 10-25 and 11-05,
 * and a dozen more inside zones sealed on 11-09, so today's open count is not the briefing day's.
 */
async function seedOutlets(ctx: Ctx, rnd: () => number) {
  const closed = 86;
  const suspended = 6;
  const total = BRIEFING.openOutlets + closed + suspended;
  const perDistrict = apportion(
    total,
    DISTRICTS.map(([, w]) => w),
  );
  const staff = apportion(
    BRIEFING.couriers,
    Array.from({ length: BRIEFING.openOutlets }, () => 3 + rnd() * 2),
  );
  const now = `2022-10-01T00:00:00+08:00`;
  const rows: Array<Insertable<CourierOutletRow> & { status: string; staff: number }> = [];
  const history: Array<{ code: string; from_day: string; status: string }> = [];
  let shut = 0;
  let open = 0;
  for (const [di, [district]] of DISTRICTS.entries()) {
    const perFirm = apportion(perDistrict[di] as number, FIRM_SHARE);
    for (const [fi, firm] of FIRMS.entries())
      for (let i = 1; i <= (perFirm[fi] as number); i++) {
        // Every 26th outlet is shut (92 of 2,429): most inside a sealed zone, every 16th suspended.
        const isShut = rows.length % 26 === 13 && shut < closed + suspended;
        const status: OutletStatus = !isShut ? 'open' : shut % 16 === 15 ? 'suspended' : 'closed-in-zone';
        if (isShut) history.push({ code: '', from_day: addDays('2022-10-25', shut % 12), status });
        if (isShut) shut++;
        const late = !isShut && rows.length % 190 === 101 && history.filter((h) => h.from_day === LATE).length < 12;
        if (late) history.push({ code: '', from_day: LATE, status: 'closed-in-zone' });
        if (isShut || late)
          (history[history.length - 1] as { code: string }).code =
            `${district}-${firm.code}-${String(i).padStart(3, '0')}`;
        rows.push({
          code: `${district}-${firm.code}-${String(i).padStart(3, '0')}`,
          firm_code: firm.code,
          name: `${firm.zh}${String(i).padStart(3, '0')}网点`,
          district_code: district,
          address: `${district} 片区 ${i} 号`,
          status: late ? 'closed-in-zone' : status,
          staff: status === 'open' ? (staff[open++] as number) : 3,
          created_at: now,
          updated_at: now,
        });
      }
  }
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertOutlets(trx, rows);
    const ids = await outletsByCode(
      trx,
      history.map((h) => h.code),
    );
    await recordStatuses(trx, [
      ...history.map((h) => ({ outlet_id: ids.get(h.code)?.id as number, from_day: '2022-10-01', status: 'open' })),
      ...history.map((h) => ({ outlet_id: ids.get(h.code)?.id as number, from_day: h.from_day, status: h.status })),
    ]);
  });
  return rows;
}

// Zones sealed on 11-09 close a dozen more outlets after the briefing's day.
const LATE = '2022-11-09';

/** Parcels per day, firm and district; the days of the peak average exactly the briefing's figures. */
async function seedVolumes(ctx: Ctx, rnd: () => number) {
  const days = [
    ...Array.from({ length: 7 }, (_, i) => addDays('2022-10-25', i)),
    ...PEAK,
    ...Array.from({ length: 5 }, (_, i) => addDays('2022-11-07', i)),
  ];
  const rows: CourierVolumeRow[] = [];
  const cells = DISTRICTS.flatMap(([d, w]) =>
    FIRMS.map((f, fi) => ({ d, f: f.code, w: w * (FIRM_SHARE[fi] as number) })),
  );
  const peakC = apportion(
    BRIEFING.collectedDaily * PEAK.length,
    PEAK.map(() => 0.9 + rnd() * 0.2),
  );
  const peakD = apportion(
    BRIEFING.deliveredDaily * PEAK.length,
    PEAK.map(() => 0.9 + rnd() * 0.2),
  );
  for (const day of days) {
    const p = PEAK.indexOf(day);
    const c =
      p >= 0
        ? (peakC[p] as number)
        : Math.round(BRIEFING.collectedDaily * (day < '2022-11-01' ? 0.8 : 0.95) * (0.9 + rnd() * 0.2));
    const dl =
      p >= 0
        ? (peakD[p] as number)
        : Math.round(BRIEFING.deliveredDaily * (day < '2022-11-01' ? 0.75 : 0.97) * (0.9 + rnd() * 0.2));
    const cs = apportion(
      c,
      cells.map((x) => x.w * (0.8 + rnd() * 0.4)),
    );
    const ds = apportion(
      dl,
      cells.map((x) => x.w * (0.8 + rnd() * 0.4)),
    );
    for (const [i, x] of cells.entries())
      rows.push({ day, firm_code: x.f, district_code: x.d, collected: cs[i] as number, delivered: ds[i] as number });
  }
  await ctx.db.k.transaction().execute((trx) => upsertVolumes(trx, rows));
  return rows.length;
}

/** Inspections since the outbreak (10-24 to 11-06): 435 person-times, 125 outlets, 10 rectified, 4 summoned. */
async function seedInspections(ctx: Ctx, rnd: () => number, outletIds: number[]) {
  const visited = outletIds.filter((_, i) => i % 18 === 5).slice(0, BRIEFING.outletsInspected);
  const visits = [...visited, ...visited.slice(0, 25)];
  const inspectors = apportion(
    BRIEFING.personTimes,
    visits.map(() => 2 + rnd() * 2),
  );
  const span = 14;
  const rows = visits.map((outlet_id, i) => ({
    outlet_id,
    visited_on: addDays('2022-10-24', Math.min(span - 1, Math.floor((i * span) / visits.length))),
    inspectors: inspectors[i] as number,
    findings: i % 15 === 7 ? '从业人员核酸检测记录不全；消杀台账未及时登记' : '未发现问题',
    rectified: i % 15 === 7 ? 1 : 0,
    actor: 'system',
  }));
  const reasons = ['未落实从业人员每日核酸检测', '国际邮件未按规定静置', '网点消杀不到位', '封控区投递未按规定执行'];
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertInspections(trx, rows);
    await insertSummons(
      trx,
      ['YTO', 'STO', 'JT', 'YUNDA'].map((firm_code, i) => ({
        firm_code,
        summoned_on: addDays('2022-10-28', i * 2),
        reason: reasons[i] as string,
        actor: 'system',
      })),
    );
  });
  return rows.length;
}

/** Relief transport to 11-06: 2,408 vehicle-trips, 3,165 person-times, 9,582 t; a few trips after. */
async function seedRelief(ctx: Ctx, rnd: () => number) {
  const days = Array.from({ length: 11 }, (_, i) => addDays('2022-10-27', i));
  const perDay = apportion(
    BRIEFING.trips,
    days.map((_, i) => 1 + i * 0.25),
  );
  const kg = apportion(
    BRIEFING.kg,
    Array.from({ length: BRIEFING.trips }, () => 0.7 + rnd() * 0.6),
  );
  const twoCrew = BRIEFING.persons - BRIEFING.trips;
  const names = ['王', '李', '陈', '林', '黄', '郑', '张', '刘'];
  const trips = [];
  let t = 0;
  for (const [i, day] of days.entries())
    for (let k = 0; k < (perDay[i] as number); k++, t++)
      trips.push({
        tripOn: day,
        plate: `闽A${String(10000 + ((t * 7919) % 89999)).padStart(5, '0')}`,
        driver: `${names[t % names.length]}师傅`,
        origin: t % 3 ? '福州南物流园' : '马尾港保供中转站',
        destination: (DISTRICTS[t % DISTRICTS.length] as [string, number])[0],
        tonnes: (kg[t] as number) / 1000,
        persons: t < twoCrew ? 2 : 1,
      });
  for (let i = 0; i < 60; i++)
    trips.push({
      tripOn: addDays('2022-11-07', i % 5),
      plate: `闽A${70000 + i}`,
      driver: '林师傅',
      origin: '福州南物流园',
      destination: '350104',
      tonnes: 4,
      persons: 1,
    });
  await addTrips(ctx, 'system', trips);
  return trips.length;
}

// Instants in Beijing time, written as UTC the way records store them.
const bj = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`).toISOString();

/**
 * International batches: nine released after their 24 h, one due, and two still on hold at the
 * demo's clock (11-11 20:00), so the screen shows the hold and the refusal to release early.
 */
async function seedBatches(ctx: Ctx) {
  const rows: Array<Insertable<CourierBatchRow> & { batch_no: string; disinfected_at: string }> = [];
  const add = (day: string, origin: string, arrived: string, disinfected: string, released: string | null, i: number) =>
    rows.push({
      batch_no: `INT-${day.replace(/-/g, '')}-${origin}`,
      firm_code: i % 3 ? 'EMS' : 'SF',
      origin,
      parcels: 800 + i * 37,
      arrived_at: bj(day, arrived),
      disinfected_at: bj(day, disinfected),
      released_at: released,
      released_by: released ? 'system' : null,
    });
  for (let i = 0; i < 9; i++) {
    const day = addDays('2022-10-31', i);
    add(day, i % 2 ? 'JP' : 'US', '08:30', '10:00', bj(addDays(day, 1), '12:00'), i);
  }
  add('2022-11-09', 'JP', '08:30', '10:00', null, 9);
  add('2022-11-10', 'US', '18:00', '22:00', null, 10);
  add('2022-11-11', 'JP', '08:00', '10:00', null, 11);
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertBatches(trx, rows);
    await insertDisinfections(
      trx,
      rows.map((r) => ({
        kind: 'batch',
        subject: r.batch_no,
        outlet_id: null,
        batch_id: null,
        at: r.disinfected_at,
        actor: 'system',
      })),
    );
  });
  return rows.length;
}

/** A smart locker or temporary point for each zone, with parcels delivered daily. */
async function seedPoints(ctx: Ctx, rnd: () => number) {
  const zones = await zonesForPoints(ctx.db);
  let n = 0;
  await ctx.db.k.transaction().execute(async (trx) => {
    for (const [i, z] of zones.entries()) {
      const kind = i % 3 ? 'smart-locker' : 'temporary-point';
      const id = await insertPoint(trx, {
        zone_code: z.code,
        kind,
        name: `${z.code} ${kind === 'smart-locker' ? '智能快件箱' : '临时投递点'}`,
        created_at: `${z.designated_on}T08:00:00+08:00`,
      });
      for (
        let day = z.designated_on;
        day <= '2022-11-11' && (!z.lifted_on || day < z.lifted_on);
        day = addDays(day, 1)
      ) {
        await upsertPointDelivery(trx, { point_id: id, day, parcels: 40 + Math.floor(rnd() * 160) });
        n++;
      }
    }
  });
  return n;
}

/**
 * The demo's courier sector. Counts the briefing quotes are exact at every scale; worker records
 * (persons) follow the scale, tied to the first open outlets, and the demo outlet manager runs one.
 */
export const courierSeed: SeedStep = {
  id: 'courier',
  async run(ctx, opts) {
    const rnd = stream(opts.seed);
    const outlets = await seedOutlets(ctx, rnd);
    const stored = await outletsByCode(
      ctx.db,
      outlets.map((o) => o.code),
    );
    const open = outlets.filter((o) => o.status === 'open').map((o) => stored.get(o.code)?.id as number);
    const volumes = await seedVolumes(ctx, rnd);
    const visits = await seedInspections(ctx, rnd, open);
    const trips = await seedRelief(ctx, rnd);
    const batches = await seedBatches(ctx);
    const deliveries = await seedPoints(ctx, rnd);
    const want = Math.max(20, Math.round(BRIEFING.couriers * opts.scale));
    const persons = await workingAgePersons(ctx.db, want);
    const now = new Date().toISOString();
    const workers = persons.map((p, i) => ({
      outlet_id: open[i % Math.min(open.length, Math.ceil(want / 4))] as number,
      person_id: p,
      on_duty: 1,
      created_at: now,
    }));
    const manager = await findUserByName(ctx.db, 'outlet-manager');
    await ctx.db.k.transaction().execute(async (trx) => {
      await insertWorkers(trx, workers);
      const mine = stored.get(outlets.find((o) => o.status === 'open')?.code ?? '');
      if (manager && mine) await linkManager(trx, manager.id, mine.id);
    });
    const greenLane = await seedGreenLane(ctx);
    return {
      outlets: outlets.length,
      open: open.length,
      workers: workers.length,
      volumes,
      visits,
      trips,
      batches,
      deliveries,
      greenLane,
    };
  },
};
