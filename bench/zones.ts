// Lift evaluation over many zones: Banyan's evaluation of every active zone against reading the
// same event rows raw from better-sqlite3, in the same run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Insertable } from 'kysely';
import { DIVISIONS } from '../src/geo/geo.data.ts';
import { MIGRATIONS } from '../src/migrations.ts';
import { MODULES } from '../src/modules.ts';
import type { Actor } from '../src/platform/auth/auth.rules.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import { addDays } from '../src/platform/dates.ts';
import { openDb } from '../src/platform/db/db.ts';
import { migrate } from '../src/platform/db/migrations.repo.ts';
import { Rng } from '../src/sim/rng.ts';
import { evaluateZones } from '../src/zones/zones.query.ts';
import { insertEvents, insertZone } from '../src/zones/zones.repo.ts';
import { event } from '../src/zones/zones.service.ts';
import type { ZoneEventRow } from '../src/zones/zones.tables.ts';

const ZONES = Number(process.env.BENCH_ZONES || 5000);
const CITY: Actor = { userId: 0, username: 'bench', role: 'commander', scope: { kind: 'city', code: '3501' } };

/** Seconds to evaluate ZONES zones with ~15 days of history each, and the raw read of their events. */
export async function benchZones(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-bench-'));
  try {
    const db = openDb({ file: join(dir, 'banyan.db') });
    await migrate(db, MIGRATIONS);
    const secret = randomBytes(32).toString('base64url');
    const ctx = {
      config: loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: dir }),
      db,
      crypto: createCrypto(secret),
      modules: MODULES,
    };
    const rng = new Rng(5);
    const communities = DIVISIONS.filter((d) => d.level === 'community');
    await db.k.transaction().execute(async (trx) => {
      for (let i = 0; i < ZONES; i++) {
        const c = rng.pick(communities);
        const day = addDays('2022-11-01', rng.int(0, 6));
        const level = rng.next() < 0.5 ? 'high' : 'medium';
        const id = await insertZone(trx, {
          code: `B${i}`,
          name: `z${i}`,
          level,
          status: 'active',
          unit: 'building',
          district_code: c.code.slice(0, 6),
          street_code: c.parentCode,
          community_code: c.code,
          polygon: null,
          residents: 100,
          designated_on: day,
          lifted_on: null,
          created_at: '',
        });
        const rows: Insertable<ZoneEventRow>[] = [
          { ...event(id, day, 'round', 'bench', {}), kind: 'designate', to_level: level },
        ];
        if (rng.next() < 0.5) rows.push(event(id, addDays(day, rng.int(0, 3)), 'infection', 'bench', {}));
        for (let d = addDays(day, 1); d <= '2022-11-15'; d = addDays(d, 1))
          rows.push(event(id, d, 'round', 'bench', { tested: 100, positives: 0 }));
        await insertEvents(trx, rows);
      }
    });
    const events = Number(
      (
        await db.k
          .selectFrom('zone_events')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    await db.close();

    const raw = new Database(join(dir, 'banyan.db'), { readonly: true });
    let t0 = performance.now();
    const rawRows = raw.prepare("select * from zone_events where day <= '2022-11-10'").all().length;
    const rawMs = performance.now() - t0;
    raw.close();

    const db2 = openDb({ file: join(dir, 'banyan.db') });
    const ctx2 = { ...ctx, db: db2 };
    t0 = performance.now();
    const r = await evaluateZones(ctx2, CITY, '2022-11-10');
    const evalMs = performance.now() - t0;
    await db2.close();
    return {
      zones: ZONES,
      events,
      evaluated: r.items.length,
      eligible: r.items.filter((i) => i.eligible).length,
      rawReadEventsMs: Number(rawMs.toFixed(1)),
      rawRows,
      banyanEvaluateMs: Number(evalMs.toFixed(1)),
      ratio: Number((evalMs / rawMs).toFixed(2)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
