import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { MIGRATIONS } from '../migrations.ts';
import { migrate } from '../platform/db/migrations.repo.ts';
import { statusChangesOf } from './status-history.repo.ts';
import { statusAt } from './status-history.rules.ts';

// A database that had suspension notices before 0125 gets their suspensions and reopenings as
// status changes, each from the moment the service would have recorded.
const at = (s: string) => Date.parse(`${s}+08:00`);

for (const dialect of dialects()) {
  describe(`venue status changes filled from notices before 0125 on ${dialect}`, async () => {
    const ctx = await testCtx(dialect, { migrate: false });
    after(() => ctx.close());
    await migrate(
      ctx.db,
      MIGRATIONS.filter((m) => m.id !== '0125_venue_status_changes'),
    );
    const venue = (code: string) => ({
      code,
      name: code,
      category: 'public-place',
      district_code: '350102',
      community_code: '350102001001',
      status: 'suspended',
      code_version: 1,
      created_at: '2026-12-07T00:00:00.000Z',
    });
    await ctx.db.k
      .insertInto('venues')
      .values([
        { ...venue('K1'), notice_no: 'N1' },
        { ...venue('K2'), status: 'closed-loop' },
      ] as never)
      .execute();
    const ids = new Map(
      (await ctx.db.k.selectFrom('venues').select(['id', 'code']).execute()).map((r) => [r.code, Number(r.id)]),
    );
    const notice = (no: string, issuedAt: string, effectiveOn: string, reopenedAt: string | null) => ({
      notice_no: no,
      title: no,
      categories: '["public-place"]',
      kinds: '[]',
      districts: '[]',
      effective_on: effectiveOn,
      issued_at: issuedAt,
      issued_by: 'system',
      reopened_at: reopenedAt,
      reopened_by: reopenedAt ? 'system' : null,
    });
    // N1 recorded on the machine's clock long after its day; N2 issued the day before its day, reopened later.
    await ctx.db.k
      .insertInto('venue_notices')
      .values([
        notice('N1', '2026-12-07T10:00:00.000Z', '2022-11-04', null),
        notice(
          'N2',
          new Date(at('2022-11-05T10:00')).toISOString(),
          '2022-11-06',
          new Date(at('2022-11-08T10:00')).toISOString(),
        ),
      ])
      .execute();
    const nid = new Map(
      (await ctx.db.k.selectFrom('venue_notices').select(['id', 'notice_no']).execute()).map((r) => [
        r.notice_no,
        Number(r.id),
      ]),
    );
    await ctx.db.k
      .insertInto('venue_notice_items')
      .values([
        { notice_id: nid.get('N1') as number, venue_id: ids.get('K1') as number, previous_status: 'open', restored: 0 },
        {
          notice_id: nid.get('N2') as number,
          venue_id: ids.get('K2') as number,
          previous_status: 'closed-loop',
          restored: 1,
        },
      ])
      .execute();
    await migrate(ctx.db, MIGRATIONS);

    test('each venue reads as the notices held it: from the notice’s day or issue, until its reopening', async () => {
      const status = async (code: string, when: string) => {
        const id = ids.get(code) as number;
        return statusAt(await statusChangesOf(ctx.db.k, id), { status: 'open', notice_no: null }, at(when)).status;
      };
      assert.equal(await status('K1', '2022-11-03T12:00'), 'open');
      assert.equal(await status('K1', '2022-11-04T08:00'), 'suspended');
      assert.equal(await status('K1', '2026-12-08T08:00'), 'suspended');
      assert.equal(await status('K2', '2022-11-05T09:00'), 'closed-loop');
      assert.equal(await status('K2', '2022-11-05T11:00'), 'suspended');
      assert.equal(await status('K2', '2022-11-08T11:00'), 'closed-loop');
    });
  });
}
