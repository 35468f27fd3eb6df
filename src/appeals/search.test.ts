import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { MIGRATIONS } from '../migrations.ts';
import { migrate } from '../platform/db/migrations.repo.ts';
import { Rng } from '../sim/rng.ts';
import { insertAppeals, listAppeals, lockAppeal, type NewAppeal, updateAppeal } from './appeals.repo.ts';
import { countsOf, countsReference } from './counts.repo.ts';
import { type CountRow, countKey } from './counts.rules.ts';
import { PHRASE_CAP } from './list.repo.ts';
import { asciiLower, searchPlan, searchTokens } from './search.rules.ts';

// A small alphabet makes random queries hit often; ASCII in both cases, digits and punctuation
// check case folding and run boundaries; 𠀀 (outside the indexed ranges) checks the fallback.
const ALPHABET = [...'停产原材料物流受阻复工通行证员工返岗补贴企业园区车辆', ...'AbcXyz019', ...' ，。-%_', '𠀀'];
const text = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.pick(ALPHABET)).join('');

// A district government's unit code holds a colon, which its index token drops.
const UNITS = ['industry', 'transport', 'district:350104'];

function row(rng: Rng, i: number): NewAppeal {
  const at = new Date(Date.parse('2022-11-01T00:00:00Z') + rng.int(0, 7 * 86_400) * 1000).toISOString();
  const status = rng.pick(['received', 'dispatched', 'closed']);
  return {
    tracking_no: `SQ20221101T${String(i).padStart(5, '0')}`,
    idem_key: null,
    channel: rng.pick(['web', 'mobile', 'hotline']),
    submitter: 'resident',
    enterprise_id: null,
    contact_name_mask: null,
    contact_name_enc: null,
    phone_enc: 'x',
    phone_hash: 'x',
    phone_mask: 'x',
    phone_last4_hash: 'x',
    district_code: rng.pick(['350102', '350104']),
    category: rng.pick(['logistics', 'materials']),
    urgency: 'normal',
    title: text(rng, rng.int(1, 12)),
    content: text(rng, rng.int(0, 40)),
    status,
    unit: status === 'received' ? null : rng.pick(UNITS),
    received_at: at,
    sign_due_at: at,
    due_at: at,
    reopen_count: 0,
    repeat_count: 1,
    updated_at: at,
  };
}

type Plain = {
  id: number;
  title: string;
  content: string;
  tracking_no: string;
  status: string;
  district_code: string;
  channel: string;
  unit: string | null;
  received_at: string;
  overdue_at: string | null;
};
/** The meaning the index must reproduce: a plain substring filter (ASCII case-insensitive). */
const contains = (a: Plain, q: string) =>
  asciiLower(a.title).includes(asciiLower(q)) ||
  asciiLower(a.content).includes(asciiLower(q)) ||
  a.tracking_no === q ||
  a.tracking_no === q.toUpperCase();
const newestFirst = (a: Plain, b: Plain) =>
  a.received_at < b.received_at ? 1 : a.received_at > b.received_at ? -1 : b.id - a.id;

test('tokens: substrings of one to four characters of ideograph and ASCII runs; query plans', () => {
  assert.equal(
    searchTokens('物流受阻', 'PM2.5'),
    '物 物流 物流受 物流受阻 流 流受 流受阻 受 受阻 阻 p pm pm2 m m2 2 5',
  );
  assert.deepEqual(searchPlan('物流受阻'), { tokens: ['物流受阻'], exact: true });
  assert.deepEqual(searchPlan('KN95'), { tokens: ['kn95'], exact: true });
  assert.deepEqual(searchPlan('原材料供应'), {
    tokens: ['原材料供', '材料供应'],
    exact: false,
    phrase: { grams: ['原材料供', '材料供应'], steps: [1] },
  });
  // Pieces at 0, 4 and the last at length − 4, so they cover the phrase with no gap.
  assert.deepEqual(searchPlan('ABCDEFGHI').phrase, { grams: ['abcd', 'efgh', 'fghi'], steps: [4, 1] });
  assert.deepEqual(searchPlan('物流 受阻'), { tokens: ['物流', '受阻'], exact: false });
  assert.deepEqual(searchPlan('，。'), { tokens: [], exact: false });
});

for (const dialect of dialects()) {
  describe(`appeals text search on ${dialect}`, async () => {
    // Appeals written before the search migrations are backfilled by them (0090 indexes them by day).
    const ctx = await testCtx(dialect, { migrate: false });
    after(() => ctx.close());
    await migrate(
      ctx.db,
      MIGRATIONS.filter(
        (m) =>
          ![
            '0050_appeals_search_counts',
            '0090_appeals_search_days',
            '0091_appeals_search_positions',
            '0092_appeals_search_overdue',
            '0093_appeals_search_unit',
          ].includes(m.id),
      ),
    );
    const rng = new Rng(11);
    const early = Array.from({ length: 150 }, (_, i) => row(rng, i));
    // The table has no search columns yet: the rows go in as they were written then.
    await ctx.db.k
      .insertInto('appeals')
      .values(early as never)
      .execute();
    await migrate(ctx.db, MIGRATIONS);
    await ctx.db.k.transaction().execute((trx) =>
      insertAppeals(
        trx,
        Array.from({ length: 250 }, (_, i) => row(rng, 1000 + i)),
      ),
    );
    // Documents whose phrase positions PostgreSQL cannot keep (a piece 299 times; past position
    // 16383): such matches are found on the row.
    const lost = [`x${'ab'.repeat(300)}c`, `${'。'.repeat(16_400)}物流受阻复工`];
    await ctx.db.k.transaction().execute((trx) =>
      insertAppeals(
        trx,
        lost.map((content, i) => ({ ...row(rng, 2000 + i), content })),
      ),
    );
    // The last millisecond of a day, which a received range ending that day holds.
    const last = '2022-11-05T23:59:59.999Z';
    await ctx.db.k
      .transaction()
      .execute((trx) =>
        insertAppeals(trx, [{ ...row(rng, 2100), title: '停产复工', received_at: last, updated_at: last }]),
      );
    // Edits of title or content re-tokenise the row.
    await ctx.db.k.transaction().execute(async (trx) => {
      for (const id of [3, 160, 300]) {
        const a = await lockAppeal(trx, id, dialect);
        if (a) await updateAppeal(trx, a, { title: text(rng, 8), content: text(rng, 20) });
      }
      // Status changes move the appeal's filter tokens in SQLite's index.
      for (let id = 1; id <= 400; id += 7) {
        const a = await lockAppeal(trx, id, dialect);
        if (a) await updateAppeal(trx, a, { status: rng.pick(['received', 'dispatched', 'closed']) });
      }
      // Dispatch to another unit, or a return to the dispatcher, moves the unit's token.
      for (let id = 3; id <= 400; id += 11) {
        const a = await lockAppeal(trx, id, dialect);
        if (a) await updateAppeal(trx, a, { unit: rng.pick([null, ...UNITS]) });
      }
      // New deadlines move only the overdue instant (PostgreSQL's appeal_search keeps a copy).
      for (let id = 2; id <= 400; id += 5) {
        const a = await lockAppeal(trx, id, dialect);
        const at = new Date(Date.parse('2022-11-01T00:00:00Z') + rng.int(0, 7 * 86_400) * 1000).toISOString();
        if (a) await updateAppeal(trx, a, { sign_due_at: at, due_at: at });
      }
    });
    const all = (await ctx.db.k
      .selectFrom('appeals')
      .select([
        'id',
        'title',
        'content',
        'tracking_no',
        'status',
        'district_code',
        'channel',
        'unit',
        'received_at',
        'overdue_at',
      ])
      .execute()) as Plain[];
    all.forEach((a) => {
      a.id = Number(a.id);
    });

    test('the migration also counted the appeals written before it', async () => {
      const p = { from: '2022-10-01', to: '2022-12-31' };
      const key = (r: CountRow) => countKey(r);
      const sorted = (rows: CountRow[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
      const got = sorted(await countsOf(ctx.db.k, p));
      assert.equal(
        got.filter((r) => r.dim === 'status').reduce((n, r) => n + r.n, 0),
        403,
      );
      assert.deepEqual(got, sorted(await countsReference(ctx.db.k, dialect, p)));
    });

    test('equals a substring filter over 400 random appeals and 300 random queries, with filters and pages', async () => {
      const queries: string[] = ['SQ20221101T01005', 'sq20221101t01005', '停产', 'ab', 'AB', '%', '_', '𠀀', '-'];
      for (let i = 0; i < 3; i++) queries.push('ababc', 'BABAB', 'xababab', '物流受阻复工');
      while (queries.length < 300) {
        const a = rng.pick(all);
        const src = Array.from(rng.next() < 0.5 ? a.title : a.content);
        const len = rng.int(1, 7);
        const start = rng.int(0, Math.max(0, src.length - len));
        const q = rng.next() < 0.7 ? src.slice(start, start + len).join('') : text(rng, len);
        // The list trims queries (zod); a whitespace-only query means no filter.
        if (q.trim()) queries.push(q.trim());
      }
      let hits = 0;
      let combined = 0;
      for (const q of queries) {
        const f = {
          q,
          status: rng.next() < 0.3 ? 'dispatched' : undefined,
          district: rng.next() < 0.3 ? '350104' : undefined,
          channel: rng.next() < 0.2 ? 'web' : undefined,
          unit: rng.next() < 0.15 ? rng.pick(UNITS) : undefined,
          // An area officer's prefix (a district's, a street's that no district code has, the
          // city's of both districts), the overdue list, and a received range that narrows the days read.
          areaPrefix: rng.next() < 0.2 ? rng.pick(['350102', '350104001', '3501']) : undefined,
          overdueAt: rng.next() < 0.2 ? '2022-11-04T12:00:00.000Z' : undefined,
          from: rng.next() < 0.15 ? '2022-11-04' : undefined,
          to: rng.next() < 0.15 ? '2022-11-05' : undefined,
        };
        const want = all
          .filter(
            (a) =>
              contains(a, q) &&
              (!f.status || a.status === f.status) &&
              (!f.district || a.district_code === f.district) &&
              (!f.channel || a.channel === f.channel) &&
              (!f.unit || a.unit === f.unit) &&
              (!f.areaPrefix || a.district_code.startsWith(f.areaPrefix)) &&
              (!f.overdueAt || (a.overdue_at !== null && a.overdue_at < f.overdueAt)) &&
              (!f.from || a.received_at >= `${f.from}T00:00:00.000Z`) &&
              (!f.to || a.received_at <= `${f.to}T23:59:59.999Z`),
          )
          .sort(newestFirst);
        // Either plan: read the index's matches, or walk the newest-first order and check the text.
        const walkAbove = rng.next() < 0.5 ? 0 : 1_000_000;
        const got = await listAppeals(ctx.db.k, f, 0, 1000, dialect, walkAbove);
        assert.deepEqual(
          got.rows.map((r) => r.id),
          want.map((a) => a.id),
          `filter ${JSON.stringify(f)}`,
        );
        assert.equal(got.total, want.length);
        const page = await listAppeals(ctx.db.k, f, 2, 3, dialect, walkAbove);
        assert.deepEqual(
          page.rows.map((r) => r.id),
          want.slice(2, 5).map((a) => a.id),
        );
        // A small cap stops the count early (PostgreSQL after the newest days): the page is whole.
        const cap = rng.int(1, 12);
        const capped = await listAppeals(ctx.db.k, f, 2, 3, dialect, rng.next() < 0.5 ? 0 : undefined, cap);
        assert.deepEqual(
          [capped.total, capped.totalCapped, capped.rows.map((r) => r.id)],
          [Math.min(want.length, cap), want.length > cap, want.slice(2, 5).map((a) => a.id)],
          `filter ${JSON.stringify(f)} cap ${cap}`,
        );
        if (want.length) hits++;
        if (want.length && (f.overdueAt || f.areaPrefix || f.unit)) combined++;
      }
      // The queries must actually find things, or the comparison proves little.
      assert.ok(hits > 120, `only ${hits} queries matched`);
      assert.ok(combined > 20, `only ${combined} queries with an area or overdue filter matched`);
    });

    test('a received range ending on a day holds its last millisecond, on both plans', async () => {
      for (const walkAbove of [0, 1_000_000]) {
        const got = await listAppeals(ctx.db.k, { q: '停产复工', to: '2022-11-05' }, 0, 1000, dialect, walkAbove);
        assert.ok(got.rows.some((r) => r.received_at === last));
        const from = await listAppeals(ctx.db.k, { q: '停产复工', from: '2022-11-06' }, 0, 1000, dialect, walkAbove);
        assert.ok(!from.rows.some((r) => r.received_at === last));
      }
    });

    test('a total above the cap reads as capped, on the index count and on the plain count', async () => {
      for (const f of [{ q: '停产' }, { district: '350104' }, {}]) {
        const exact = await listAppeals(ctx.db.k, f, 0, 5, dialect);
        assert.ok(exact.total > 3 && !exact.totalCapped, `${JSON.stringify(f)} has ${exact.total}`);
        const capped = await listAppeals(ctx.db.k, f, 0, 5, dialect, undefined, 3);
        assert.deepEqual([capped.total, capped.totalCapped], [3, true]);
        assert.deepEqual(
          capped.rows.map((r) => r.id),
          exact.rows.map((r) => r.id),
          'the page itself is not cut by the cap',
        );
      }
    });

    test('a query longer than one token counts up to PHRASE_CAP, one token up to TOTAL_CAP', async () => {
      const n = PHRASE_CAP + 1;
      await ctx.db.k.transaction().execute((trx) =>
        insertAppeals(
          trx,
          Array.from({ length: n }, (_, i) => ({ ...row(rng, 3000 + i), content: `原材料库存告急${i}` })),
        ),
      );
      const phrase = await listAppeals(ctx.db.k, { q: '原材料库存告急' }, 0, 5, dialect);
      assert.deepEqual([phrase.total, phrase.totalCapped], [PHRASE_CAP, true]);
      const newest = (await ctx.db.k
        .selectFrom('appeals')
        .select('id')
        .where('content', 'like', '%原材料库存告急%')
        .orderBy('received_at', 'desc')
        .orderBy('id', 'desc')
        .limit(5)
        .execute()) as Array<{ id: number }>;
      assert.deepEqual(
        phrase.rows.map((r) => r.id),
        newest.map((r) => Number(r.id)),
      );
      const token = await listAppeals(ctx.db.k, { q: '库存告急' }, 0, 5, dialect);
      assert.ok(token.total >= n && !token.totalCapped, `${token.total}`);
    });
  });
}
