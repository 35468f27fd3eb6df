import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../../test/helpers/db.ts';
import { recordAuditNow } from '../audit/audit.service.ts';

for (const dialect of dialects()) {
  describe(`empty IN lists on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());

    test('IN () matches nothing and NOT IN () everything, on both databases (PostgreSQL refused the SQL)', async () => {
      for (let i = 0; i < 3; i++) await recordAuditNow(ctx.db, ctx.crypto, { actor: 't', action: 'a', entity: 'x' });
      const none = await ctx.db.k.selectFrom('audit_log').select('id').where('id', 'in', []).execute();
      assert.deepEqual(none, []);
      const all = await ctx.db.k.selectFrom('audit_log').select('id').where('id', 'not in', []).orderBy('id').execute();
      assert.deepEqual(
        all.map((r) => Number(r.id)),
        [1, 2, 3],
      );
      const mixed = await ctx.db.k
        .selectFrom('audit_log')
        .select('id')
        .where((eb) => eb.or([eb('id', 'in', []), eb('id', 'in', [2])]))
        .execute();
      assert.deepEqual(
        mixed.map((r) => Number(r.id)),
        [2],
      );
    });
  });
}
