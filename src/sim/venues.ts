import { DIVISIONS } from '../geo/geo.data.ts';
import { personsOfDistricts } from '../people/people.repo.ts';
import { findUserByName } from '../platform/auth/auth.repo.ts';
import type { Ctx } from '../platform/context.ts';
import { statusIndex } from '../testing/testing.status.ts';
import { check, checkState } from '../venues/checks.service.ts';
import { enterPaperRecords } from '../venues/paper.service.ts';
import { DEMO_SUSPENSION } from '../venues/suspensions.seed.ts';
import { personalCode, signVenueCode } from '../venues/venues.codes.ts';
import { allVenues, linkOperator, linkResident } from '../venues/venues.repo.ts';
import type { Category, PublicPlaceKind } from '../venues/venues.rules.ts';
import { createVenues } from '../venues/venues.service.ts';
import { everydayName } from './fuzhou.ts';
import type { Rng } from './rng.ts';

// A name's last word, with the kind the registry records for it where its category has kinds.
const KINDS: Array<[Category, number, Array<string | [string, PublicPlaceKind]>]> = [
  ['office', 20, ['大厦', '写字楼', '政务中心']],
  ['public-institution', 8, ['图书馆', '档案馆', '社保中心']],
  ['public-place', 10, [['KTV', 'ktv'], ['网吧', 'internet-cafe'], ['影城', 'cinema'], ['健身房', 'gym'], '公园']],
  ['construction-site', 6, ['项目工地', '地铁工地']],
  ['factory', 10, ['电子厂', '纺织厂', '食品厂']],
  ['residential-compound', 25, ['小区', '花园', '新村']],
  ['mall-market', 12, ['超市', '农贸市场', '商场']],
  ['care-home', 2, ['养老院', '敬老院']],
  ['welfare-institution', 1, ['儿童福利院']],
  ['medical-institution', 4, ['社区卫生服务中心', '医院']],
  ['school', 2, ['学校']],
];
const SCAN_DAY = '2022-11-09';
// The whole city (scale 1) has about 100,000 venues and 2 M scans a day; a small demo keeps at least
// 2,000 venues and 20,000 scans, so its screens have something in every district.
const CITY_VENUES = 100_000;
const CITY_SCANS = 2_000_000;
const HOUR = 3600_000;

/**
 * Venues across the city, with crowded places suspended and care homes and welfare institutions in
 * closed-loop management (reference scenario), and a day of entrance scans through the real check.
 */
export async function seedVenues(
  ctx: Ctx,
  rng: Rng,
  scale = 0.01,
  progress: (phase: string, done: number, total: number) => void = () => {},
): Promise<Record<string, number>> {
  const communities = DIVISIONS.filter((d) => d.level === 'community');
  const venues = Array.from({ length: Math.max(2000, Math.round(CITY_VENUES * scale)) }, (_, i) => {
    const [category, , names] = rng.weighted(
      KINDS,
      KINDS.map((k) => k[1]),
    );
    const c = rng.pick(communities);
    const word = rng.pick(names);
    const [last, kind] = typeof word === 'string' ? [word, null] : word;
    const name = `${everydayName(c.name)}${last}`;
    // The crowded places the demo's notice names, by category and kind (the notice is data).
    const crowded =
      (DEMO_SUSPENSION.categories as string[]).includes(category) &&
      kind !== null &&
      (DEMO_SUSPENSION.kinds as string[]).includes(kind);
    const closed = ['care-home', 'welfare-institution'].includes(category);
    return {
      code: `V${c.code.slice(0, 6)}-${String(i + 1).padStart(5, '0')}`,
      name,
      category,
      kind,
      communityCode: c.code,
      status: crowded ? ('suspended' as const) : closed ? ('closed-loop' as const) : ('open' as const),
    };
  });
  await createVenues(ctx, 'system', venues);
  // Scanners from the districts under regional testing, whose residents hold certificates that day.
  const scanners = Math.max(20_000, Math.round(CITY_SCANS * scale));
  const people = await personsOfDistricts(ctx.db, ['350102', '350103', '350104', '350111'], scanners);
  const s = await checkState(ctx);
  const open = venues.filter((v) => v.status === 'open');
  // The demo venue operator's market is busy all day, so their statistics have a shape.
  const market = open.find((v) => v.category === 'mall-market' && v.code.startsWith('V350102')) ?? open[0];
  let scans = 0;
  let denied = 0;
  const batch: Array<Promise<unknown>> = [];
  const idx = await statusIndex(ctx.db);
  const dayOpen = Date.parse(`${SCAN_DAY}T07:00:00+08:00`);
  const dayClose = Date.parse(`${SCAN_DAY}T21:59:00+08:00`);
  progress('scans', 0, people.length);
  for (const p of people) {
    let now = Date.parse(
      `${SCAN_DAY}T${String(rng.int(7, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+08:00`,
    );
    // Most people go out while their certificate holds (they queue for the next swab before it
    // lapses); some come without one, and the check (the real rules) turns them away.
    const sampled = idx.get(Number(p.id)).lastNegativeSampledAt;
    if (sampled !== null && rng.next() < 0.9) {
      const from = Math.max(dayOpen, sampled + HOUR);
      const to = Math.min(dayClose, sampled + 23 * HOUR);
      if (from < to) now = from + Math.floor(rng.next() * (to - from));
    }
    const r = rng.next();
    const v = r < 0.015 && market ? market : r < 0.97 ? rng.pick(open) : rng.pick(venues);
    batch.push(
      check(
        ctx,
        {
          venueCode: signVenueCode(s.keys, v.code, 1),
          personalCode: personalCode(s.keys, Number(p.id), now),
          proxy: rng.next() < 0.05,
        },
        { guard: null, now },
      ).then((r) => {
        scans++;
        if (r.verdict === 'deny') denied++;
      }),
    );
    if (batch.length >= 2000) {
      await Promise.all(batch.splice(0));
      progress('scans', scans, people.length);
    }
  }
  await Promise.all(batch);
  progress('scans', scans, people.length);
  // The screens and the briefing read the day as soon as the seed ends: the scan log indexed first.
  await s.writer.settle();
  const paper = market ? await seedOperators(ctx, rng, market.code) : 0;
  // The demo resident is one of the people scanned above, so the pass shows a real history.
  const resident = await findUserByName(ctx.db, 'resident');
  if (resident && people[0])
    await ctx.db.k.transaction().execute((trx) => linkResident(trx, resident.id, Number(people[0]?.id)));
  return { venues: venues.length, scans, denied, paper };
}

/**
 * Ties the demo guard to the open venues of Gulou and the demo venue operator to one market, and
 * enters the market's paper sign-in sheet of the morning the scanner was down (as an operator would).
 */
async function seedOperators(ctx: Ctx, rng: Rng, marketCode: string): Promise<number> {
  const all = await allVenues(ctx.db);
  const guard = await findUserByName(ctx.db, 'guard');
  const operator = await findUserByName(ctx.db, 'venue-operator');
  const market = all.find((v) => v.code === marketCode);
  await ctx.db.k.transaction().execute(async (trx) => {
    if (guard)
      for (const v of all.filter((x) => x.district_code === '350102' && x.status === 'open'))
        await linkOperator(trx, guard.id, v.id);
    if (operator && market) await linkOperator(trx, operator.id, market.id);
  });
  if (!operator || !market) return 0;
  const people = await personsOfDistricts(ctx.db, ['350102'], 12);
  const records = people.map((p, i) =>
    i % 4 === 3
      ? {
          venue: market.code,
          at: `${SCAN_DAY} 07:${String(10 + i * 3).padStart(2, '0')}`,
          name: `${rng.pick(['陈', '林', '黄', '郑'])}先生`,
          phone: `1380591${String(1000 + i).padStart(4, '0')}`,
        }
      : {
          venue: market.code,
          at: `${SCAN_DAY} 07:${String(10 + i * 3).padStart(2, '0')}`,
          idNumber: ctx.crypto.decrypt(p.id_cipher),
        },
  );
  const actor = {
    userId: operator.id,
    username: operator.username,
    role: 'venue-operator' as const,
    scope: { kind: 'district' as const, code: '350102' },
  };
  return records.length ? (await enterPaperRecords(ctx, actor, records)).entered : 0;
}
