import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { dialects, engineOf, testCtx } from '../../test/helpers/db.ts';
import { DIVISIONS } from '../geo/geo.data.ts';
import { COUNTS_BY_SQL } from './counters.repo.ts';
import { ScanWriter } from './scan-writer.ts';
import { allVenues } from './venues.repo.ts';
import { createVenues } from './venues.service.ts';
import type { ScanRow } from './venues.tables.ts';

// The counters summed in JavaScript (sumScans, on the writer's thread or connection) equal the
// counters the five `insert … select` statements make from the same stored scans: every table,
// every row, with reasons given twice, paper lines, a retried key, hours either side of Beijing
// midnight and a venue nobody registered.

const TABLES = [
  'venue_hour_counts',
  'venue_day_counts',
  'district_hour_counts',
  'venue_hour_reasons',
  'district_hour_reasons',
] as const;

for (const dialect of dialects()) {
  describe(`counters summed in JavaScript on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    const communities = DIVISIONS.filter((d) => d.level === 'community');
    await createVenues(
      ctx,
      'system',
      Array.from({ length: 6 }, (_, i) => ({
        code: `S${i}`,
        name: `S${i}`,
        category: 'office' as const,
        communityCode: (communities[i * 37] as { code: string }).code,
      })),
    );
    const ids = (await allVenues(ctx.db)).map((v) => v.id);
    let n = 0;
    const scan = (i: number): ScanRow => {
      const deny = i % 7 === 0;
      // Every hour of two days in UTC: Beijing hours 8–23 and 0–7 of the next day.
      const at = new Date(Date.parse('2022-11-09T00:30:00Z') + (i % 48) * 3600_000 - 9 * 3600_000).toISOString();
      const day = new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 10);
      return {
        id: `sum-${n++}`,
        venue_id: i % 11 === 0 ? 999_999 : (ids[i % ids.length] as number),
        person_id: i,
        at,
        day,
        verdict: deny ? 'deny' : 'allow',
        colour: deny ? 'yellow' : 'green',
        reasons: deny ? (i % 2 ? '["colour-yellow","zone-high"]' : '["colour-yellow"]') : '[]',
        proxy: 0,
        source: i % 5 === 0 ? 'paper' : 'code',
        request_hash: i % 13 === 0 ? 'h' : null,
        reply: null,
        policy_id: null,
        policy_rule: null,
      };
    };
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const t of TABLES) {
        const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(ctx.db.k);
        out[t] = rows
          .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]))))
          .sort();
      }
      return out;
    };

    test('the writer keeps the counters the statements would have made', async () => {
      const writer = new ScanWriter(ctx.db, { indexEveryMs: dialect === 'sqlite-file' ? 100 : 0 });
      const rows = Array.from({ length: 900 }, (_, i) => scan(i));
      for (let i = 0; i < rows.length; i += 150) await Promise.all(rows.slice(i, i + 150).map((r) => writer.write(r)));
      // A retried group: stored once, counted once.
      await Promise.all(rows.slice(0, 40).map((r) => writer.write(r)));
      await writer.settle();
      const summed = await snapshot();
      assert.ok(
        (summed.venue_hour_reasons as unknown[]).length > 0 && (summed.district_hour_counts as unknown[]).length > 0,
      );
      const stored = await ctx.db.k.selectFrom('scans').selectAll().execute();
      assert.equal(stored.length, rows.length);
      await ctx.db.k.transaction().execute(async (trx) => {
        for (const t of TABLES) await sql`delete from ${sql.table(t)}`.execute(trx);
        await COUNTS_BY_SQL.add(trx, engineOf(dialect), stored);
      });
      assert.deepEqual(summed, await snapshot());
    });
  });
}
