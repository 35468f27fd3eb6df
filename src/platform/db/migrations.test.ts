import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../../test/helpers/db.ts';
import { MIGRATIONS } from '../../migrations.ts';
import { appliedMigrations, migrate } from './migrations.repo.ts';

for (const dialect of dialects()) {
  describe(`migrations on ${dialect}`, async () => {
    const ctx = await testCtx(dialect, { migrate: false });
    after(() => ctx.close());

    test('apply once, then nothing is pending', async () => {
      assert.deepEqual(
        await migrate(ctx.db, MIGRATIONS),
        MIGRATIONS.map((m) => m.id),
      );
      assert.deepEqual(await migrate(ctx.db, MIGRATIONS), []);
      const districts = await ctx.db.k.selectFrom('divisions').select('code').where('level', '=', 'district').execute();
      assert.equal(districts.length, 13);
    });

    test('a failing migration leaves the database as it was', async () => {
      const broken = {
        id: '9999_broken',
        async up(db: Parameters<(typeof MIGRATIONS)[number]['up']>[0]) {
          await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
          await db
            .insertInto('divisions')
            .values({ code: '350199', name: 'x', level: 'district', parent_code: '3501' })
            .execute();
          throw new Error('boom');
        },
      };
      await assert.rejects(migrate(ctx.db, [...MIGRATIONS, broken]), /boom/);
      assert.deepEqual(
        await appliedMigrations(ctx.db),
        MIGRATIONS.map((m) => m.id),
      );
      const tables = (await ctx.db.k.introspection.getTables()).map((t) => t.name);
      assert.ok(!tables.includes('half_done'), 'table created by the failed step is gone');
      const leaked = await ctx.db.k.selectFrom('divisions').select('code').where('code', '=', '350199').execute();
      assert.equal(leaked.length, 0);
    });
  });
}
