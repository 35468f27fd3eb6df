import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../../test/helpers/db.ts';
import { recordAuditNow, verifyAudit } from './audit.service.ts';

for (const dialect of dialects()) {
  describe(`audit chain on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    const write = (n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          recordAuditNow(ctx.db, ctx.crypto, {
            actor: 'test',
            action: 'thing',
            entity: 'x',
            entityId: i,
            detail: { i },
          }),
        ),
      );

    test('concurrent appends form one unbroken chain', async () => {
      await write(25);
      assert.deepEqual(await verifyAudit(ctx.db, ctx.crypto), { ok: true, checked: 25 });
    });

    test('an edited detail is detected at that entry', async () => {
      await ctx.db.k.updateTable('audit_log').set({ detail: '{"i":999}' }).where('id', '=', 7).execute();
      const r = await verifyAudit(ctx.db, ctx.crypto);
      assert.deepEqual(r, { ok: false, checked: 6, firstBad: { id: 7, reason: 'edited' } });
    });

    test('a deleted entry is detected even when the next link is rewritten', async () => {
      const row = await ctx.db.k.selectFrom('audit_log').selectAll().where('id', '=', 7).executeTakeFirstOrThrow();
      await ctx.db.k.deleteFrom('audit_log').where('id', '=', 7).execute();
      await ctx.db.k.updateTable('audit_log').set({ prev_hash: row.prev_hash }).where('id', '=', 8).execute();
      const r = await verifyAudit(ctx.db, ctx.crypto);
      assert.equal(r.ok, false);
      assert.deepEqual(r.firstBad, { id: 8, reason: 'gap' });
    });

    test('a rewritten hash without the key is detected', async () => {
      await ctx.db.k.deleteFrom('audit_log').execute();
      await write(3);
      await ctx.db.k
        .updateTable('audit_log')
        .set({ hash: 'f'.repeat(64) })
        .where('id', '=', 3)
        .execute();
      assert.deepEqual((await verifyAudit(ctx.db, ctx.crypto)).firstBad, { id: 3, reason: 'edited' });
    });
  });
}
