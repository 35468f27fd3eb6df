import { DIVISIONS } from '../geo/geo.data.ts';
import { colourFor, testsOf } from '../health-code/colour.service.ts';
import { personsOfDistricts } from '../people/people.repo.ts';
import { findUserByName } from '../platform/auth/auth.repo.ts';
import type { Actor, Role, ScopeKind } from '../platform/auth/auth.rules.ts';
import { clockShifted, nowMs, setClock } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { announce } from '../platform/events.ts';
import type { SeedStep } from '../platform/module.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { statusIndex } from '../testing/testing.status.ts';
import { check, freshState } from '../venues/checks.service.ts';
import { personalCode, signVenueCode } from '../venues/venues.codes.ts';
import { allVenues, linkOperator } from '../venues/venues.repo.ts';
import type { ExitKind } from '../venues/venues.rules.ts';
import type { ExitReason } from '../venues/venues.schema.ts';
import { createVenues } from '../venues/venues.service.ts';
import { restrictedResidentsAt } from '../zones/residents.service.ts';
import { maskedPersons } from './events.repo.ts';
import { importRoster } from './institutions.import.ts';
import { idCiphersOf } from './institutions.repo.ts';
import { decideLoopLeave, requestLeave } from './institutions.service.ts';

/** The day of departures the demo holds (the business today of the scenario). */
export const EXIT_DAY = '2022-11-11';
/** The city's exits (reference briefing: 非必要不离榕), as venues of category city-exit. */
export const CHECKPOINTS: Array<{ code: string; name: string; kind: ExitKind; district: string }> = [
  { code: 'V350111-90001', name: '福州火车站离榕卡口', kind: 'rail', district: '350111' },
  { code: 'V350104-90002', name: '福州南站离榕卡口', kind: 'rail', district: '350104' },
  { code: 'V350112-90003', name: '长乐国际机场离榕卡口', kind: 'airport', district: '350112' },
  { code: 'V350111-90004', name: '沈海高速福州北收费站出口', kind: 'highway', district: '350111' },
  { code: 'V350121-90005', name: '京台高速福州西收费站出口', kind: 'highway', district: '350121' },
  { code: 'V350104-90006', name: '福银高速福州南收费站出口', kind: 'highway', district: '350104' },
  { code: 'V350105-90007', name: '马尾港客运码头离榕卡口', kind: 'port', district: '350105' },
];
/** Custody facilities and a nursing home beside the care homes and welfare institutions the city seeds. */
const INSTITUTIONS: Array<{
  code: string;
  name: string;
  category: 'custody-facility' | 'care-home';
  district: string;
}> = [
  { code: 'V350102-91001', name: '鼓楼区看守所', category: 'custody-facility', district: '350102' },
  { code: 'V350104-91002', name: '仓山区拘留所', category: 'custody-facility', district: '350104' },
  { code: 'V350102-91003', name: '鼓楼区第一护理院', category: 'care-home', district: '350102' },
];
const STAFF_PER_INSTITUTION = 8;
const REASONS: Array<[ExitReason, number]> = [
  ['work', 40],
  ['family', 25],
  ['medical', 15],
  ['study', 10],
  ['other', 10],
];
const OTHER_TEXT = ['处理房产过户', '参加葬礼', '出差返程', '陪同家人就医', '办理出国签证'];
const DEPARTURES = 600;
const ZONE_ATTEMPTS = 40;
const HOUR = 3600_000;

/** A small deterministic stream (mulberry32), so this step never shifts another's. */
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

const firstCommunity = (district: string) =>
  DIVISIONS.find((d) => d.level === 'community' && d.code.startsWith(district))?.code as string;

/**
 * The exit checkpoints with a day of departures through the real check (each with its declared
 * reason; some without a certificate, some residents of restricted zones, refused and flagged), and
 * the closed-loop institutions' rosters through the real import, with a leave pending and one approved.
 */
async function seedExits(ctx: Ctx, opts: { seed: number }): Promise<Record<string, number>> {
  // The check judges colours and zones by the business clock's now; `banyan seed` runs before the
  // scenario clock is kept, so the departures day is judged with that day's zones (its residents
  // refused and flagged), and the clock is put back as it was.
  const offset = nowMs() - Date.now();
  const shifted = clockShifted();
  setClock(`${EXIT_DAY}T20:00:00+08:00`);
  announce('zones-changed');
  try {
    return await departures(ctx, opts);
  } finally {
    setClock(shifted ? new Date(Date.now() + offset).toISOString() : null);
    announce('zones-changed');
  }
}

async function departures(ctx: Ctx, opts: { seed: number }): Promise<Record<string, number>> {
  const rnd = stream(opts.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const reason = (): ExitReason => {
    let r = rnd() * 100;
    for (const [k, w] of REASONS) {
      r -= w;
      if (r < 0) return k;
    }
    return 'work';
  };
  await createVenues(ctx, 'system', [
    ...CHECKPOINTS.map((c) => ({
      code: c.code,
      name: c.name,
      category: 'city-exit' as const,
      kind: c.kind,
      communityCode: firstCommunity(c.district),
    })),
    ...INSTITUTIONS.map((i) => ({
      code: i.code,
      name: i.name,
      category: i.category,
      communityCode: firstCommunity(i.district),
      status: 'closed-loop' as const,
    })),
  ]);
  // Travellers: people of the districts under regional testing (most hold a certificate) and some
  // residents of restricted zones, who are refused and flagged to their district.
  const people = await personsOfDistricts(ctx.db, ['350102', '350103', '350104', '350111'], 4000);
  const dayOpen = Date.parse(`${EXIT_DAY}T06:00:00+08:00`);
  const dayClose = Date.parse(`${EXIT_DAY}T19:50:00+08:00`);
  const idx = await statusIndex(ctx.db);
  // Most who leave were swabbed for it (a negative that still holds some time that day); about one
  // in eight comes without one and is turned back.
  const holds = (id: number) => {
    const at = idx.get(id).lastNegativeSampledAt;
    return at !== null && at + 23 * HOUR > dayOpen + HOUR && at < dayClose;
  };
  const { residents } = await restrictedResidentsAt(ctx, dayOpen);
  // Reloaded once before the concurrent checks, so that none of them runs on the registry without the checkpoints.
  const s = await freshState(ctx);
  const policy = policyOn(await listPolicies(ctx), EXIT_DAY);
  // Residents of restricted zones come separately below, as the attempts flagged to their districts;
  // contacts under a red or yellow code mostly stay home (one in twenty tries).
  const green = (id: number) => colourFor(s.colour, id, testsOf(s.colour, id), dayOpen, policy).colour === 'green';
  const ids = people.map((p) => Number(p.id)).filter((id) => !residents.has(id) && (green(id) || rnd() < 0.05));
  const certified = ids.filter(holds);
  const without = ids.filter((id) => !holds(id));
  const travellers = [
    ...certified.slice(0, Math.round(DEPARTURES * 0.88)),
    ...without.slice(0, Math.round(DEPARTURES * 0.12)),
  ];
  const taken = new Set(travellers);
  // Residents of restricted zones as the check knows them that day (the state it judges by).
  const zonal = [...s.colour.zones.keys()].sort((a, b) => a - b).slice(0, ZONE_ATTEMPTS);
  let allowed = 0;
  let refused = 0;
  const batch: Array<Promise<unknown>> = [];
  for (const id of [...travellers, ...zonal]) {
    let now = dayOpen + Math.floor(rnd() * (dayClose - dayOpen));
    const sampled = idx.get(id).lastNegativeSampledAt;
    // Most travellers leave while their certificate holds; some come without one and are turned back.
    if (sampled !== null) {
      const from = Math.max(dayOpen, sampled + HOUR);
      const to = Math.min(dayClose, sampled + 23 * HOUR);
      if (from < to) now = from + Math.floor(rnd() * (to - from));
    }
    const why = reason();
    const cp = pick(CHECKPOINTS);
    batch.push(
      check(
        ctx,
        {
          venueCode: signVenueCode(s.keys, cp.code, 1),
          personalCode: personalCode(s.keys, id, now),
          exit: why === 'other' ? { reason: why, text: pick(OTHER_TEXT) } : { reason: why },
        },
        { guard: null, now },
      ).then((r) => {
        if (r.verdict === 'allow') allowed++;
        else refused++;
      }),
    );
    if (batch.length >= 200) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  // The demo's checkpoint guard stands at the exits of their district.
  const guard = await findUserByName(ctx.db, 'exit-guard');
  if (guard) {
    const mine = (await allVenues(ctx.db)).filter((v) => v.category === 'city-exit' && v.district_code === '350111');
    await ctx.db.k.transaction().execute(async (trx) => {
      for (const v of mine) await linkOperator(trx, guard.id, v.id);
    });
  }
  const roster = await seedRosters(
    ctx,
    rnd,
    // Staff inside a loop are swabbed daily: the most recently tested make the rosters.
    ids
      .filter((id) => !taken.has(id) && !s.colour.zones.has(id))
      .sort((a, b) => (idx.get(b).lastNegativeSampledAt ?? 0) - (idx.get(a).lastNegativeSampledAt ?? 0)),
  );
  return {
    checkpoints: CHECKPOINTS.length,
    departures: allowed + refused,
    allowed,
    refused,
    zoneAttempts: zonal.length,
    ...roster,
  };
}

/** Rosters of every closed-loop institution through the real import; leaves through the real requests. */
async function seedRosters(ctx: Ctx, rnd: () => number, pool: number[]): Promise<Record<string, number>> {
  const loops = (await allVenues(ctx.db)).filter((v) => v.status === 'closed-loop');
  const persons = await maskedPersons(ctx.db, pool);
  const idNumber = new Map([...(await idCiphersOf(ctx.db, pool))].map(([id, c]) => [id, ctx.crypto.decrypt(c)]));
  const roles = ['护理员', '护理员', '医生', '护士', '厨师', '保洁员', '保安', '管理人员'];
  const lines = ['venue_code,id_number,name,role,in_date,out_date'];
  let next = 0;
  const staffOf = new Map<string, number[]>();
  for (const v of loops)
    for (let i = 0; i < STAFF_PER_INSTITUTION && next < pool.length; i++) {
      const id = pool[next++] as number;
      const p = persons.get(id);
      if (!p) continue;
      staffOf.set(v.code, [...(staffOf.get(v.code) ?? []), id]);
      const name = ctx.crypto.decrypt(p.nameCipher);
      const role = roles[i % roles.length] as string;
      // Two 14-day rotations: most of the staff inside the loop now, a quarter rotated out.
      if (i % 4 === 3)
        lines.push(
          `${v.code},${idNumber.get(id)},${name},${role},2022-10-21,2022-11-03`,
          `${v.code},${idNumber.get(id)},${name},${role},2022-11-18,`,
        );
      else lines.push(`${v.code},${idNumber.get(id)},${name},${role},2022-11-04,2022-11-17`);
    }
  const r = await importRoster(ctx, 'system', Buffer.from(lines.join('\r\n'), 'utf8'), { filename: 'demo-roster.csv' });
  // A leave pending at two institutions of Gulou, and one the district approved.
  const gulou = loops.filter((v) => v.district_code === '350102' && (staffOf.get(v.code)?.length ?? 0) > 1);
  const officer = await findUserByName(ctx.db, 'gulou-officer');
  let leaves = 0;
  for (const [n, v] of gulou.slice(0, 3).entries()) {
    const personId = staffOf.get(v.code)?.[0] as number;
    const leave = await requestLeave(ctx, 'system', v.code, {
      personId,
      leaveDate: '2022-11-12',
      reason: rnd() < 0.5 ? '家中老人住院，需回家照料' : '本人身体不适，需外出就医',
    });
    leaves++;
    if (n === 0 && officer) {
      const actor: Actor = {
        userId: officer.id,
        username: officer.username,
        role: officer.role as Role,
        scope: { kind: officer.scope_kind as ScopeKind, code: officer.scope_code },
      };
      await decideLoopLeave(ctx, actor, leave.id, { approve: true, note: '同意，出环前核酸阴性' });
    }
  }
  return { institutions: loops.length, staff: r.staffAdded, shifts: r.shiftsAdded, leaves };
}

export const exitSeed: SeedStep = { id: 'events.exit', run: (ctx, opts) => seedExits(ctx, opts) };
