import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { insertPersons } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { turnaroundRows } from './receipts.repo.ts';
import { receiveTubes, turnaround } from './receipts.service.ts';
import { recordResults } from './results.service.ts';
import { recordSamples } from './samples.service.ts';
import { listCampaigns } from './testing.repo.ts';
import { createCampaign, createSites } from './testing.service.ts';
import { tubeAsOf, turnaroundOf } from './turnaround.rules.ts';

const CITY: Actor = { userId: 1, username: 'c', role: 'commander', scope: { kind: 'city', code: '3501' } };
const H = 3600_000;
const id = (n: number) => {
  const first17 = `3501021990${String(101 + (n % 12)).padStart(4, '0')}${String(n).padStart(3, '0')}`.slice(0, 17);
  return first17 + checkCharOf(first17);
};
// A seeded generator: a failure can be replayed.
let seed = 20221108;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)] as T;
// Durations on and around the edges of a tenth of an hour and of the targets, and arbitrary ones.
const duration = () =>
  pick([180_000, 179_999, 180_001, 12 * H, 12 * H + 1, 8.5 * H, 360_000, Math.floor(rand() * 30 * H)]);
const iso = (ms: number) => new Date(ms).toISOString();

for (const dialect of dialects()) {
  describe(`kept turnaround counts on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    const start = Date.parse('2022-11-08T00:00:00+08:00');

    before(async () => {
      const now = new Date().toISOString();
      const community = (n: number) => (n % 2 ? '350102001001' : '350103001002');
      await ctx.db.k.transaction().execute((trx) =>
        insertPersons(
          trx,
          Array.from({ length: 240 }, (_, n) =>
            sealPerson(ctx.crypto, { idNumber: id(n), name: `人${n}`, communityCode: community(n) }, now),
          ),
        ),
      );
      await createCampaign(ctx, 'system', {
        code: 'C1',
        name: 'round',
        startOn: '2022-11-08',
        endOn: '2022-11-09',
        areas: [
          { code: '350102', poolSize: 10 },
          { code: '350103', poolSize: 10 },
        ],
      });
      await createSites(ctx, 'system', [
        { code: 'S1', name: 'a', communityCode: '350102001001', lanes: 2, hours: '7-21' },
        { code: 'S2', name: 'b', communityCode: '350103001002', lanes: 2, hours: '7-21' },
      ]);
      // 60 tubes of 1–5 persons over two days (two rounds), sampled at random seconds and milliseconds.
      const rows = [];
      const sampled = new Map<string, number>();
      let person = 0;
      for (let t = 0; t < 60; t++) {
        const at = start + Math.floor(rand() * 40 * H) + Math.floor(rand() * 1000);
        const size = pick([1, 5]);
        const code = `T${t}`;
        sampled.set(code, at);
        for (let k = 0; k < Math.min(size, 1 + Math.floor(rand() * size)); k++)
          rows.push({
            row: rows.length + 2,
            tubeCode: code,
            poolSize: size,
            sampledAt: iso(at),
            siteCode: pick(['S1', 'S2']),
            idNumber: id(person++ % 240),
          });
      }
      // A tube's site is the one of its first row; later rows of a tube name the same site.
      for (const r of rows)
        r.siteCode = (rows.find((x) => x.tubeCode === r.tubeCode) as (typeof rows)[number]).siteCode;
      await recordSamples(ctx, 'system', rows, 'f');
      const codes = [...sampled.keys()];
      // Some tubes are received, some resulted (with or without a receipt), some corrected later.
      for (const code of codes.filter(() => rand() < 0.6)) {
        const at = (sampled.get(code) as number) + duration();
        await receiveTubes(ctx, 'system', { labCode: pick(['L1', 'L2']), tubeCodes: [code], receivedAt: iso(at) }, 't');
      }
      const stored = new Map(
        (await ctx.db.k.selectFrom('tubes').select(['code', 'received_at']).execute()).map((t) => [
          t.code,
          t.received_at,
        ]),
      );
      const results = codes
        .filter(() => rand() < 0.7)
        .map((code, j) => {
          const from = stored.get(code) ? Date.parse(stored.get(code) as string) : (sampled.get(code) as number);
          return {
            row: j + 2,
            tubeCode: code,
            result: pick(['negative', 'negative', 'positive', 'invalid']),
            resultedAt: iso(from + duration()),
            labCode: pick(['L1', 'L2', 'L3']),
            ctValue: '',
          };
        });
      await recordResults(ctx, 'system', results, 'r');
      const fixes = results
        .filter(() => rand() < 0.2)
        .map((r, j) => ({
          ...r,
          row: j + 2,
          result: r.result === 'negative' ? 'positive' : 'negative',
          resultedAt: iso(Date.parse(r.resultedAt) + duration()),
          labCode: pick(['L1', 'L4']),
          correctionReason: 'lab re-run',
        }));
      await recordResults(ctx, 'system', fixes, 'fix');
    });

    test('the kept figures equal those computed from every tube, for several targets, moments, rounds and districts', async () => {
      const c = (await listCampaigns(ctx.db)).find((x) => x.code === 'C1') as { id: number };
      const kept = await ctx.db.k
        .selectFrom('turnaround_counts')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(kept.n) > 20, 'the figures below come from kept counts');
      const all = await turnaround(ctx, CITY, 'C1', {}, start + 50 * H);
      assert.ok(
        all.total.tubes === 60 &&
          all.total.received > 20 &&
          all.total.resulted > 25 &&
          all.total.resultedWithoutReceipt > 3,
      );
      // Halfway through the sampling, the tubes sampled, received and resulted later are not there yet.
      const early = await turnaround(ctx, CITY, 'C1', {}, start + 20 * H);
      assert.ok(early.total.tubes > 0 && early.total.tubes < 60, `${early.total.tubes} tubes sampled by then`);
      assert.ok(early.total.resulted < all.total.resulted);
      for (const targetHours of [12, 8.5, 0.1, 30])
        for (const now of [start + 20 * H, start + 50 * H, start + 90 * H + 123])
          for (const round of [undefined, 1, 2])
            for (const district of [undefined, '350102']) {
              const fast = await turnaround(ctx, CITY, 'C1', { round, targetHours, district }, now);
              // The reference: every tube as it stood at that moment (nothing after the clock counts).
              const rows = (await turnaroundRows(ctx.db, c.id, { district }))
                .filter((r) => r.round !== null)
                .flatMap((r) => tubeAsOf(r, iso(now)) ?? []);
              const inScope = round === undefined ? rows : rows.filter((r) => Number(r.round) === round);
              const labOf = (r: (typeof rows)[number]) => r.lab_code ?? r.receiving_lab ?? '';
              const labs = [...new Set(inScope.map(labOf))];
              const what = `target ${targetHours} now ${now} round ${round} district ${district}`;
              assert.deepEqual(fast.total, turnaroundOf(rows, targetHours, now), what);
              assert.deepEqual(fast.selected, turnaroundOf(inScope, targetHours, now), what);
              for (const r of fast.rounds)
                assert.deepEqual(
                  r,
                  {
                    round: r.round,
                    ...turnaroundOf(
                      rows.filter((x) => Number(x.round) === r.round),
                      targetHours,
                      now,
                    ),
                  },
                  what,
                );
              assert.equal(fast.labs.length, labs.length, what);
              for (const l of fast.labs)
                assert.deepEqual(
                  l,
                  {
                    lab: l.lab,
                    ...turnaroundOf(
                      inScope.filter((x) => labOf(x) === (l.lab ?? '')),
                      targetHours,
                      now,
                    ),
                  },
                  what,
                );
            }
    });
  });
}
