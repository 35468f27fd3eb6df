import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { MIGRATIONS } from '../migrations.ts';
import { migrate } from '../platform/db/migrations.repo.ts';

// Venues registered before 0158 had no kind: the migration gives them theirs once, from the words
// their names used; a venue of a category without kinds, or a name that says nothing, gets none.
const BEFORE: Array<[string, string, string, string | null]> = [
  ['V1', '福州火车站离榕卡口', 'city-exit', 'rail'],
  ['V2', '沈海高速福州北收费站出口', 'city-exit', 'highway'],
  ['V3', '长乐国际机场离榕卡口', 'city-exit', 'airport'],
  ['V4', '马尾港客运码头离榕卡口', 'city-exit', 'port'],
  ['V5', '鼓楼KTV', 'public-place', 'ktv'],
  ['V6', '仓山网咖', 'public-place', 'internet-cafe'],
  ['V7', '台江影城', 'public-place', 'cinema'],
  ['V8', '晋安公园', 'public-place', null],
  ['V9', 'KTV大厦', 'office', null],
];

for (const dialect of dialects()) {
  describe(`venue kinds before 0158 on ${dialect}`, async () => {
    const ctx = await testCtx(dialect, { migrate: false });
    after(() => ctx.close());
    await migrate(
      ctx.db,
      MIGRATIONS.filter((m) => m.id !== '0158_venue_kind'),
    );
    await ctx.db.k
      .insertInto('venues')
      .values(
        BEFORE.map(([code, name, category]) => ({
          code,
          name,
          category,
          district_code: '350102',
          community_code: '350102001001',
          status: 'open',
          code_version: 1,
          created_at: '2022-11-01T00:00:00.000Z',
        })) as never,
      )
      .execute();
    await migrate(ctx.db, MIGRATIONS);

    test('the migration gives each its kind by category, a toll station no railway station', async () => {
      const rows = await ctx.db.k.selectFrom('venues').select(['code', 'kind']).orderBy('code').execute();
      assert.deepEqual(
        rows.map((r) => [r.code, r.kind]),
        BEFORE.map(([code, , , kind]) => [code, kind]),
      );
    });
  });
}
