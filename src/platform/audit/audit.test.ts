import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import { dialects, testCtx } from '../../../test/helpers/db.ts';
import { writeCheckpoint } from './audit.anchor.ts';
import { recordAuditNow, verifyAudit } from './audit.service.ts';

for (const dialect of dialects()) {
  describe(`audit chain on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'banyan-anchor-'));
    const anchorFile = join(dir, 'audit-anchor.jsonl');
    after(async () => {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    });
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
    const verify = () => verifyAudit(ctx.db, ctx.crypto, { anchorFile });
    const row = (id: number) =>
      ctx.db.k.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    beforeEach(async () => {
      await ctx.db.k.deleteFrom('audit_log').execute();
      rmSync(anchorFile, { force: true });
    });

    test('concurrent appends form one unbroken chain', async () => {
      await write(25);
      const r = await verify();
      assert.deepEqual([r.ok, r.checked, r.faultCount, r.faults, r.anchor], [true, 25, 0, [], null]);
    });

    test('an edited detail is detected at that entry, and only there', async () => {
      await write(12);
      await ctx.db.k.updateTable('audit_log').set({ detail: '{"i":999}' }).where('id', '=', 7).execute();
      const r = await verify();
      assert.deepEqual(
        [r.ok, r.faults, r.firstBad],
        [false, [{ id: 7, reason: 'edited' }], { id: 7, reason: 'edited' }],
      );
    });

    test('a deleted entry is detected even when the next link is rewritten', async () => {
      await write(12);
      const gone = await row(7);
      await ctx.db.k.deleteFrom('audit_log').where('id', '=', 7).execute();
      await ctx.db.k.updateTable('audit_log').set({ prev_hash: gone.prev_hash }).where('id', '=', 8).execute();
      const r = await verify();
      // Entry 8's own MAC covers its prev_hash, so the rewrite shows as an edit as well as the gap.
      assert.deepEqual(r.faults, [
        { id: 8, reason: 'gap' },
        { id: 8, reason: 'edited' },
      ]);
    });

    test('a deleted head is a gap at the first entry left', async () => {
      await write(5);
      await ctx.db.k.deleteFrom('audit_log').where('id', '<=', 2).execute();
      assert.deepEqual((await verify()).faults, [{ id: 3, reason: 'gap' }]);
    });

    test('a rewritten hash without the key is detected, and so is the link after it', async () => {
      await write(4);
      await ctx.db.k
        .updateTable('audit_log')
        .set({ hash: 'f'.repeat(64) })
        .where('id', '=', 3)
        .execute();
      assert.deepEqual((await verify()).faults, [
        { id: 3, reason: 'edited' },
        { id: 4, reason: 'broken-link' },
      ]);
    });

    test('reordered entries (two rows swapped) are detected at both and at the link after', async () => {
      await write(8);
      const [a, b] = [await row(4), await row(5)];
      const { id: _a, ...restA } = a;
      const { id: _b, ...restB } = b;
      await ctx.db.k.updateTable('audit_log').set(restB).where('id', '=', 4).execute();
      await ctx.db.k.updateTable('audit_log').set(restA).where('id', '=', 5).execute();
      assert.deepEqual((await verify()).faults, [
        { id: 4, reason: 'broken-link' },
        { id: 4, reason: 'edited' },
        { id: 5, reason: 'broken-link' },
        { id: 5, reason: 'edited' },
        { id: 6, reason: 'broken-link' },
      ]);
    });

    test('a deleted tail leaves a valid chain, and the anchor shows it', async () => {
      await write(10);
      const cp = await writeCheckpoint(ctx.db, ctx.crypto, anchorFile);
      assert.equal(cp?.id, 10);
      assert.deepEqual((await verify()).anchor, {
        file: anchorFile,
        checkpoints: 1,
        latest: { id: 10, at: cp?.at },
      });
      assert.equal((await verify()).ok, true);
      await ctx.db.k.deleteFrom('audit_log').where('id', '>', 7).execute();
      const withoutAnchor = await verifyAudit(ctx.db, ctx.crypto);
      assert.equal(withoutAnchor.ok, true, 'the table alone cannot see a deleted tail');
      const r = await verify();
      assert.deepEqual([r.ok, r.checked, r.faults], [false, 7, [{ id: 10, reason: 'truncated' }]]);
      // Refilling the tail with new entries does not hide it: entry 10 now has another hash.
      await write(5);
      assert.deepEqual((await verify()).faults, [{ id: 10, reason: 'anchor-mismatch' }]);
    });

    test('a forged or edited checkpoint is reported', async () => {
      await write(3);
      await writeCheckpoint(ctx.db, ctx.crypto, anchorFile);
      const line = JSON.parse(readFileSync(anchorFile, 'utf8'));
      writeFileSync(anchorFile, `${JSON.stringify({ ...line, id: 2 })}\nnot json\n`);
      assert.deepEqual((await verify()).faults, [
        { id: 2, reason: 'anchor-forged' },
        { id: 0, reason: 'anchor-forged' },
      ]);
    });

    test('every break is listed, not just the first', async () => {
      await write(20);
      await writeCheckpoint(ctx.db, ctx.crypto, anchorFile);
      await ctx.db.k.updateTable('audit_log').set({ actor: 'mallory' }).where('id', '=', 3).execute();
      await ctx.db.k.deleteFrom('audit_log').where('id', '=', 9).execute();
      const [a, b] = [await row(12), await row(13)];
      const { id: _a, ...restA } = a;
      const { id: _b, ...restB } = b;
      await ctx.db.k.updateTable('audit_log').set(restB).where('id', '=', 12).execute();
      await ctx.db.k.updateTable('audit_log').set(restA).where('id', '=', 13).execute();
      await ctx.db.k.deleteFrom('audit_log').where('id', '>', 18).execute();
      const r = await verify();
      assert.deepEqual(r.faults, [
        { id: 3, reason: 'edited' },
        { id: 10, reason: 'gap' },
        { id: 12, reason: 'broken-link' },
        { id: 12, reason: 'edited' },
        { id: 13, reason: 'broken-link' },
        { id: 13, reason: 'edited' },
        { id: 14, reason: 'broken-link' },
        { id: 20, reason: 'truncated' },
      ]);
      assert.equal(r.faultCount, 8);
    });
  });
}
