import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { assertStateMatchesDatabase } from '../../test/helpers/invariants.ts';
import { insertPersons } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { insertZone } from './zones.repo.ts';

const id = (n: number) => {
  const s = `35010219900101${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};
const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');

for (const dialect of dialects()) {
  describe(`zone residents list on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    afterEach(() => assertStateMatchesDatabase(t.ctx));
    const cookies: Record<string, string> = {};
    const post = (zone: string, body: Buffer, who = 'officer') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/zones/${zone}/residents`,
        headers: { cookie: cookies[who] as string, 'content-type': 'text/csv' },
        payload: body,
      });
    const list = (zone: string, who = 'officer') =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/zones/${zone}/residents?pageSize=10`,
        headers: { cookie: cookies[who] as string },
      });

    before(async () => {
      const now = '2022-11-09T02:00:00.000Z';
      await t.ctx.db.k.transaction().execute(async (trx) => {
        await insertPersons(
          trx,
          Array.from({ length: 4 }, (_, n) =>
            sealPerson(t.ctx.crypto, { idNumber: id(n), name: `居民${n}`, communityCode: '350102001001' }, now),
          ),
        );
        await insertZone(trx, {
          code: 'ZH',
          name: '某小区3号楼',
          level: 'high',
          status: 'active',
          unit: 'building',
          district_code: '350102',
          street_code: '350102001',
          community_code: '350102001001',
          polygon: null,
          residents: 4,
          designated_on: '2022-11-05',
          lifted_on: null,
          created_at: now,
        });
      });
      await t.user('officer', 'district-officer', { kind: 'district', code: '350102' });
      await t.user('far', 'district-officer', { kind: 'district', code: '350111' });
      await t.user('leader', 'task-force-leader', { kind: 'district', code: '350102' });
      for (const u of ['officer', 'far', 'leader']) cookies[u] = await t.login(u);
    });

    test('a list with a bad and an unknown ID number records nobody and names both rows', async () => {
      const r = await post('ZH', csv(['身份证号码', id(0), '350102199001010000', id(99)]));
      assert.equal(r.statusCode, 422);
      const body = r.json().error;
      assert.equal(body.code, 'ZONE_RESIDENTS_INVALID');
      assert.deepEqual(
        body.details.issues.map((i: { row: number; code: string }) => [i.row, i.code]),
        [
          [3, 'PERSON_ID_CHECKSUM'],
          [4, 'ZONE_RESIDENT_UNKNOWN'],
        ],
      );
      assert.match(body.details.issues[1].message['zh-CN'], /人口库/);
      assert.equal((await list('ZH')).json().total, 0, 'all or nothing');
    });

    test('a good list records each resident once; sending it again records nobody', async () => {
      const file = csv(['id_number', id(0), id(1), id(1), id(2)]);
      const check = await t.app.inject({
        method: 'POST',
        url: '/api/v1/zones/ZH/residents?dryRun=true',
        headers: { cookie: cookies.officer as string, 'content-type': 'text/csv' },
        payload: file,
      });
      assert.deepEqual([check.statusCode, check.json().added, check.json().dryRun], [200, 3, true]);
      assert.equal((await list('ZH')).json().total, 0, 'a dry run records nobody');
      const first = await post('ZH', file);
      assert.equal(first.statusCode, 201);
      assert.deepEqual([first.json().added, first.json().already], [3, 0]);
      const again = await post('ZH', file);
      assert.equal(again.statusCode, 200);
      assert.deepEqual([again.json().added, again.json().already], [0, 3]);
      const page = (await list('ZH')).json();
      assert.equal(page.total, 3);
      assert.ok(page.items.every((p: { idNumberMasked: string }) => !p.idNumberMasked.includes(id(0).slice(6, 14))));
      const audit = await t.ctx.db.k
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'zone-residents-added')
        .execute();
      assert.equal(audit.length, 1, 'the no-op re-send writes no audit entry');
    });

    test('outside the district, or without zones:write, the list is refused', async () => {
      assert.equal((await post('ZH', csv(['id_number', id(3)]), 'far')).statusCode, 403);
      assert.equal((await list('ZH', 'far')).statusCode, 403);
      assert.equal((await post('ZH', csv(['id_number', id(3)]), 'leader')).statusCode, 403);
      assert.equal((await list('ZH', 'leader')).json().total, 3, 'a task-force leader may read the list');
      assert.equal((await post('NOPE', csv(['id_number', id(3)]))).statusCode, 404);
    });

    test('a sheet without the ID column is refused whole', async () => {
      const r = await post('ZH', csv(['姓名', '张三']));
      assert.equal(r.statusCode, 422);
      assert.deepEqual(
        r
          .json()
          .error.details.issues.map((i: { code: string }) => i.code)
          .sort(),
        ['IMPORT_MISSING_COLUMN', 'IMPORT_UNKNOWN_COLUMN'],
      );
    });
  });
}
