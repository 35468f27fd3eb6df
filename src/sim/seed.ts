import { upsertCases } from '../cases/cases.service.ts';
import { bulkInsertPersons, countPersons, insertPersons, type NewPerson } from '../people/people.repo.ts';
import { sealPerson } from '../people/people.service.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { createUser } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { contributions } from '../platform/module.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts';
import { seedAppeals } from './appeals.ts';
import { SCENARIO, SCENARIO_SEED } from './fuzhou.ts';
import { outbreak } from './outbreak.ts';
import { residentQuota, residentsOf } from './residents.ts';
import { Rng } from './rng.ts';
import { databaseBytes } from './size.repo.ts';
import { seedTesting } from './testing.ts';
import { seedTracing } from './tracing.ts';
import { seedVenues } from './venues.ts';
import { seedZones } from './zones.ts';

/** Progress of a long seeding step: done of total units in a named phase. */
export type Progress = (phase: string, done: number, total: number) => void;

export interface SeedSummary {
  scenario: string;
  scale: number;
  residents: number;
  cases: number;
  zones: number;
  testing: Record<string, number>;
  appeals: Record<string, number>;
  accounts: number;
  seconds: number;
  /** The database's size on disk at the end (SQLite's pages, PostgreSQL's database). */
  bytes: number;
}

// Residents are sealed and written 10,000 a transaction (a bulk statement path on SQLite).
const BATCH = 10_000;
const CHUNK = 500;

/** Whether the database already holds a scenario (then seeding must not run again). */
export async function isSeeded(ctx: Ctx): Promise<boolean> {
  return (await countPersons(ctx.db)) > 0;
}

/**
 * The scenario's "now" for `npm start`: the evening of 11 November 2022, after the last round of
 * the regional testing campaign, with the 20 measures just in force.
 */
export const SCENARIO_NOW = '2022-11-11T20:00:00+08:00';

/** A stable offset from a step id, so adding a step never shifts another's random stream. */
function seedOffset(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 1000 + (h % 1_000_000);
}

/** Seeds the Fuzhou November-2022 scenario into an empty database; deterministic for a scale. */
export async function seedScenario(
  ctx: Ctx,
  opts: {
    scale: number;
    progress?: Progress;
    /** false skips the appeals simulation, most of a small seed's time (the route fuzz makes its own). */
    appeals?: boolean;
  },
): Promise<SeedSummary> {
  const started = Date.now();
  const progress = opts.progress ?? (() => {});
  for (const a of DEMO_ACCOUNTS) await createUser(ctx, 'system', { ...a, password: DEMO_PASSWORD });

  const quota = residentQuota(opts.scale);
  const total = quota.reduce((s, q) => s + q.count, 0);
  const rng = new Rng(SCENARIO_SEED);
  const used = new Set<string>();
  const now = new Date().toISOString();
  let done = 0;
  let batch: NewPerson[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    await bulkInsertPersons(ctx.db, rows);
    done += rows.length;
    progress('residents', done, total);
  };
  progress('residents', 0, total);
  for (const { district, count } of quota) {
    for (const p of residentsOf(rng, district, count, used)) {
      batch.push(sealPerson(ctx.crypto, p, now));
      if (batch.length >= BATCH) await flush();
    }
  }
  if (batch.length) await flush();

  // The outbreak: its infected are residents too, registered before their cases are imported.
  const wave = outbreak(rng, used);
  const infected = wave.persons.map((p) => sealPerson(ctx.crypto, p, now));
  await ctx.db.k.transaction().execute(async (trx) => {
    for (let i = 0; i < infected.length; i += CHUNK) await insertPersons(trx, infected.slice(i, i + CHUNK));
  });
  progress('cases', 0, wave.cases.length);
  await upsertCases(ctx, 'system', wave.cases, {
    dryRun: false,
    filename: `${SCENARIO}.cases`,
    sha256: 'generated',
    today: '2022-11-15',
  });
  progress('cases', wave.cases.length, wave.cases.length);
  progress('zones', 0, 1);
  const { zones } = await seedZones(ctx, rng, wave.cases);
  progress('zones', 1, 1);
  // The day of scans (9 November) is checked against the statuses of that day: the 8th's round is
  // in, later rounds are not yet (the status index holds each person's latest negative only, so a
  // scan seeded after them met a "future" certificate and 81 % were denied).
  let venues: Record<string, number> = {};
  progress('testing', 0, 1);
  const testing = await seedTesting(ctx, rng, async (day) => {
    if (day !== '2022-11-08') return;
    progress('venues', 0, 1);
    venues = await seedVenues(ctx, rng, opts.scale, progress);
    progress('venues', 1, 1);
  });
  progress('testing', 1, 1);
  progress('appeals', 0, 1);
  const appeals = opts.appeals === false ? {} : await seedAppeals(ctx, rng);
  progress('appeals', 1, 1);
  // Its own random stream: the steps before it stay exactly as they were.
  progress('tracing', 0, 1);
  const tracing = await seedTracing(ctx, SCENARIO_SEED + 80);
  progress('tracing', 1, 1);
  // The modules' own parts of the city (events, economy, courier…), each on its own random stream.
  const modules: Record<string, number> = {};
  for (const step of contributions(ctx.modules, 'seed')) {
    progress(step.id, 0, 1);
    const made = await step.run(ctx, { scale: opts.scale, seed: SCENARIO_SEED + seedOffset(step.id), progress });
    for (const [k, v] of Object.entries(made)) modules[`${step.id}.${k}`] = v;
    progress(step.id, 1, 1);
  }
  await ctx.db.k.transaction().execute((trx) =>
    recordAudit(ctx.db, ctx.crypto, trx, {
      actor: 'system',
      action: 'scenario-seeded',
      entity: 'scenario',
      entityId: SCENARIO,
      detail: {
        scale: opts.scale,
        residents: done + infected.length,
        cases: wave.cases.length,
        zones,
        testing,
        venues,
        appeals,
        tracing,
        modules,
      },
    }),
  );
  return {
    scenario: SCENARIO,
    scale: opts.scale,
    residents: done + infected.length,
    cases: wave.cases.length,
    zones,
    testing: { ...testing, ...venues, ...tracing, ...modules },
    appeals,
    accounts: DEMO_ACCOUNTS.length,
    seconds: (Date.now() - started) / 1000,
    bytes: await databaseBytes(ctx.db),
  };
}
