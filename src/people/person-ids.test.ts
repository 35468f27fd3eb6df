import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { insertPersons } from './people.repo.ts';
import { checkCharOf } from './people.rules.ts';
import { sealPerson } from './people.service.ts';
import { PersonIdTable } from './person-ids.rules.ts';
import { forgetPersonIds, personIdsOf } from './person-ids.service.ts';

const id = (n: number) => {
  const first17 = `35010219800101${String(n).padStart(3, '0')}`;
  return first17 + checkCharOf(first17);
};

test('the id table finds what it holds across growth, and refuses to answer for two persons sharing 64 bits', () => {
  const t = new PersonIdTable(4);
  const hex = (n: number) => n.toString(16).padStart(16, '0') + 'ab'.repeat(24);
  for (let n = 1; n <= 5000; n++) t.add(hex(n * 7919), n);
  for (let n = 1; n <= 5000; n++) assert.equal(t.get(hex(n * 7919)), n);
  assert.equal(t.get(hex(3)), undefined);
  // Same first 64 bits, different rest: ambiguous, so the caller asks the database.
  t.add(`${hex(7919).slice(0, 16)}${'cd'.repeat(24)}`, 99_999);
  assert.equal(t.get(hex(7919)), undefined);
  t.add(hex(7919 * 2), 2);
  assert.equal(t.get(hex(7919 * 2)), 2, 'adding the same pair again changes nothing');
});

for (const dialect of dialects()) {
  describe(`person id cache on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    const add = (from: number, to: number) =>
      ctx.db.k.transaction().execute((trx) =>
        insertPersons(
          trx,
          Array.from({ length: to - from }, (_, k) =>
            sealPerson(ctx.crypto, { idNumber: id(from + k), name: `人${k}`, communityCode: '350102001001' }, ''),
          ),
        ),
      );
    const ix = (n: number) => ctx.crypto.blindIndex('id', id(n));
    const stored = async (n: number) =>
      Number(
        (await ctx.db.k.selectFrom('persons').select('id').where('id_index', '=', ix(n)).executeTakeFirstOrThrow()).id,
      );

    test('a warm cache answers like the database, and finds persons registered after it was loaded', async () => {
      await add(0, 50);
      const first = await personIdsOf(ctx.db, [ix(3), ix(700), ix(49)], { warm: true });
      assert.deepEqual(first, [await stored(3), undefined, await stored(49)]);
      await add(50, 60);
      // Not in the loaded cache: found by the fallback probe, then kept.
      const later = await personIdsOf(ctx.db, [ix(55), ix(3)], { warm: false });
      assert.deepEqual(later, [await stored(55), await stored(3)]);
      forgetPersonIds(ctx.db);
      assert.deepEqual(await personIdsOf(ctx.db, [ix(59), ix(900)], { warm: false }), [await stored(59), undefined]);
    });
  });
}
