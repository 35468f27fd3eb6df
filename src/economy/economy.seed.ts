import type { Ctx } from '../platform/context.ts';
import { addDays } from '../platform/dates.ts';
import type { SeedStep } from '../platform/module.ts';
import {
  firstLocalCaseDay,
  insertReadings,
  rebuildBaselines,
  rebuildDaily,
  seedEnterprises,
  upsertAccounts,
} from './economy.repo.ts';
import { DEFAULT_SETTINGS, weekdayOf, windowOf } from './economy.rules.ts';
import type { PowerReadingRow } from './economy.tables.ts';
import { evaluateFlags } from './flags.service.ts';
import { DIVISIONS } from './industries.rules.ts';

// The demo's electricity, fixed in kWh so the briefing reads the same at every --scale: a city of
// about 75.6 M kWh on a working day before the outbreak (Saturdays 96 %, Sundays 93 %), 99 % of that
// since, 马尾 and 罗源 down to 86–87 % and eight firms far below their own level.
const FIRST = '2022-09-01';
const LAST = '2022-11-11';
const WORKDAY_KWH = 75_600_000;
const WEEK = [0.93, 1, 1, 1, 1, 1, 0.96];
const SINCE = 0.99;

/** District → share of the city's consumption, and its level since the outbreak relative to before. */
const DISTRICTS: Array<[string, number, number]> = [
  ['350181', 0.22, 1],
  ['350112', 0.16, 1],
  ['350121', 0.12, 1],
  ['350105', 0.09, 0.86],
  ['350104', 0.08, 1],
  ['350111', 0.07, 1],
  ['350122', 0.07, 1],
  ['350123', 0.06, 0.87],
  ['350124', 0.04, 1],
  ['350128', 0.03, 1],
  ['350125', 0.025, 1],
  ['350102', 0.02, 1],
  ['350103', 0.015, 1],
];
/** Division lists per district: what its factories make. */
const MAKES: Record<string, string[]> = {
  '350181': ['31', '17', '28', '13', '30'],
  '350112': ['28', '17', '29', '33'],
  '350121': ['39', '38', '34', '27'],
  '350105': ['37', '39', '38', '26'],
  '350104': ['38', '39', '14', '22'],
  '350111': ['27', '39', '35'],
  '350122': ['13', '14', '30', '44'],
  '350123': ['31', '30', '44'],
  '350124': ['30', '20', '13'],
  '350128': ['13', '30'],
  '350125': ['15', '20'],
  '350102': ['23', '39'],
  '350103': ['14', '18'],
};
/** The firms that fall: district, division, their usual working-day kWh, the level they fall to, and from when. */
const FALLING: Array<[string, string, number, number, string]> = [
  ['350181', '31', 420_000, 0.45, '2022-10-27'],
  ['350112', '28', 310_000, 0.55, '2022-10-29'],
  ['350121', '39', 260_000, 0.5, '2022-11-01'],
  ['350104', '38', 200_000, 0.6, '2022-11-02'],
  ['350111', '27', 180_000, 0.62, '2022-11-03'],
  ['350181', '17', 150_000, 0.4, '2022-10-30'],
  ['350122', '13', 120_000, 0.65, '2022-11-04'],
  ['350112', '29', 90_000, 0.5, '2022-10-28'],
];
/** How many of the falling firms are whitelisted enterprises of the registry (the first ones). */
const WHITELISTED_FALLING = 5;

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A day's wobble of ±0.4 %, from the date alone so that every scale sees the same city. */
function wobble(day: string): number {
  let h = 0;
  for (const c of day) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 1 + (mulberry(h)() - 0.5) * 0.008;
}

/** Splits an integer total by weights into integers that sum to it exactly (largest remainder). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i] = (out[i] as number) + 1;
    left--;
  }
  return out;
}

/** The city's total on a day: exact, the same at every scale. */
export function cityKwh(day: string, outbreak: string): number {
  return Math.round(WORKDAY_KWH * (WEEK[weekdayOf(day)] as number) * wobble(day) * (day >= outbreak ? SINCE : 1));
}

/** The districts' totals on a day (integers summing to the city's). */
function districtKwh(day: string, outbreak: string): number[] {
  const after = day >= outbreak;
  const downShare = DISTRICTS.filter(([, , f]) => f < 1).reduce((s, [, sh]) => s + sh, 0);
  const downHeld = DISTRICTS.filter(([, , f]) => f < 1).reduce((s, [, sh, f]) => s + (sh * f) / SINCE, 0);
  const others = (1 - downHeld) / (1 - downShare);
  return apportion(
    cityKwh(day, outbreak),
    DISTRICTS.map(([, sh, f]) => (after ? (f < 1 ? (sh * f) / SINCE : sh * others) : sh)),
  );
}

interface SeedAccount {
  no: string;
  district: string;
  division: string;
  weight: number;
  enterprise: { id: number; code: string } | null;
  falling?: (typeof FALLING)[number];
}

/**
 * The demo's industrial electricity: ~600 accounts at full scale (at least two per district), 72
 * days of readings, flags evaluated day by day from the end of the baseline window (opening the
 * liaison tasks of the whitelisted firms that fall). The totals are exact at every scale.
 */
export const electricitySeed: SeedStep = {
  id: 'economy.electricity',
  async run(ctx: Ctx, opts) {
    const rnd = mulberry(opts.seed);
    const outbreak = (await firstLocalCaseDay(ctx.db.k)) ?? '2022-10-24';
    const registry = await seedEnterprises(ctx.db.k);
    const used = new Set<number>();
    const take = (district: string | null, whitelisted: boolean) => {
      const e = registry.find(
        (x) => !used.has(x.id) && (x.whitelisted === 1) === whitelisted && (!district || x.district_code === district),
      );
      if (!e) return null;
      used.add(e.id);
      return { id: e.id, code: e.credit_code };
    };
    const accounts: SeedAccount[] = [];
    FALLING.forEach((f, i) => {
      const enterprise = i < WHITELISTED_FALLING ? (take(f[0], true) ?? take(null, true)) : null;
      accounts.push({
        no: `0591${f[0].slice(4)}9${String(i).padStart(5, '0')}`,
        district: f[0],
        division: f[1],
        weight: 0,
        enterprise,
        falling: f,
      });
    });
    const total = Math.max(26, Math.round(600 * opts.scale));
    const counts = apportion(
      total - 26,
      DISTRICTS.map(([, sh]) => sh),
    ).map((n) => n + 2);
    DISTRICTS.forEach(([d], k) => {
      const makes = MAKES[d] as string[];
      for (let i = 0; i < (counts[k] as number); i++) {
        const ent = rnd() < 0.5 ? take(d, true) : take(d, false);
        accounts.push({
          no: `0591${d.slice(4)}${String(i).padStart(6, '0')}`,
          district: d,
          division: makes[Math.floor(rnd() * makes.length)] as string,
          // Heavy-tailed, as industrial loads are: a few plants carry most of a district.
          weight: 0.2 + rnd() ** 3 * 10,
          enterprise: ent,
        });
      }
    });
    const now = `${LAST}T12:00:00Z`;
    const rows: PowerReadingRow[] = [];
    for (let day = FIRST; day <= LAST; day = addDays(day, 1)) {
      const wd = weekdayOf(day);
      const byDistrict = districtKwh(day, outbreak);
      DISTRICTS.forEach(([d], k) => {
        const here = accounts.filter((a) => a.district === d);
        const firms = here.filter((a) => a.falling);
        const firmKwh = firms.map((a) => {
          const [, , base, level, from] = a.falling as (typeof FALLING)[number];
          return Math.round(base * (WEEK[wd] as number) * (day >= from ? level : 1));
        });
        const rest = here.filter((a) => !a.falling);
        const split = apportion(
          (byDistrict[k] as number) - firmKwh.reduce((s, x) => s + x, 0),
          rest.map((a) => a.weight),
        );
        firms.forEach((a, i) => {
          rows.push({ account_no: a.no, day, wd, kwh: firmKwh[i] as number, import_id: null });
        });
        rest.forEach((a, i) => {
          rows.push({ account_no: a.no, day, wd, kwh: split[i] as number, import_id: null });
        });
      });
    }
    const days: string[] = [];
    for (let day = FIRST; day <= LAST; day = addDays(day, 1)) days.push(day);
    const win = windowOf(DEFAULT_SETTINGS, outbreak);
    await ctx.db.k.transaction().execute(async (trx) => {
      await upsertAccounts(
        trx,
        accounts.map((a) => ({
          account_no: a.no,
          credit_code: a.enterprise?.code ?? null,
          enterprise_id: a.enterprise?.id ?? null,
          district_code: a.district,
          industry_section: DIVISIONS[a.division]?.[0] ?? 'C',
          industry_division: a.division,
          created_at: now,
          updated_at: now,
        })),
      );
      await insertReadings(ctx.db, trx, rows);
      await rebuildDaily(trx, days);
      if (win) await rebuildBaselines(trx, win.from, win.to);
    });
    let flags = 0;
    if (win)
      for (let day = addDays(win.to, 1); day <= LAST; day = addDays(day, 1))
        flags += (await evaluateFlags(ctx, day, `${day}T10:00:00Z`)).length;
    return { accounts: accounts.length, readings: rows.length, flags };
  },
};
