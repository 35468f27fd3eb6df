import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { insertPersons } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { linkOperator } from './venues.repo.ts';
import { createVenues } from './venues.service.ts';

const id = (n: number) => {
  const s = `35010219850612${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};
const DAY = '2022-11-09';

for (const dialect of dialects()) {
  describe(`paper registrations and venue-operator scope on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    const cookies: Record<string, string> = {};
    let person = 0;
    before(async () => {
      await t.ctx.db.k
        .transaction()
        .execute((trx) =>
          insertPersons(trx, [
            sealPerson(
              t.ctx.crypto,
              { idNumber: id(1), name: '林晓', phone: '13800001111', communityCode: '350102001001' },
              new Date().toISOString(),
            ),
          ]),
        );
      person = Number((await t.ctx.db.k.selectFrom('persons').select('id').executeTakeFirstOrThrow()).id);
      await createVenues(t.ctx, 'system', [
        { code: 'MINE', name: '东街口超市', category: 'mall-market', communityCode: '350102001001' },
        { code: 'OTHER', name: '南门兜写字楼', category: 'office', communityCode: '350102001001' },
      ]);
      await t.user('cmd', 'commander', { kind: 'city', code: '3501' });
      const op = await t.user('op', 'venue-operator', { kind: 'district', code: '350102' });
      const venues = await t.ctx.db.k.selectFrom('venues').select(['id', 'code']).execute();
      const mine = Number(venues.find((v) => v.code === 'MINE')?.id);
      await t.ctx.db.k.transaction().execute((trx) => linkOperator(trx, op.id, mine));
      cookies.cmd = await t.login('cmd');
      cookies.op = await t.login('op', PASSWORD);
    });
    const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, type?: string) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: cookies[who] as string, ...(type ? { 'content-type': type } : {}) },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
    const count = async () =>
      Number(
        (
          await t.ctx.db.k
            .selectFrom('scans')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('source', '=', 'paper')
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('a record by ID is stored once as a paper scan, matched, attributed and audited', async () => {
      const rec = { venue: 'MINE', at: `${DAY} 08:30`, idNumber: id(1) };
      const first = await call('op', 'POST', '/api/v1/paper-registrations', { records: [rec] });
      assert.equal(first.statusCode, 201, first.body);
      assert.deepEqual([first.json().entered, first.json().duplicates], [1, 0]);
      const again = await call('op', 'POST', '/api/v1/paper-registrations', { records: [rec, rec] });
      assert.deepEqual([again.statusCode, again.json().entered, again.json().duplicates], [200, 0, 2]);
      assert.equal(again.json().scanIds[0], first.json().scanIds[0], 'the same record has the same id');
      const seen = (await call('op', 'GET', `/api/v1/venues/MINE/scans?date=${DAY}`)).json().items;
      assert.deepEqual(
        seen.map((i: { personId: number | null; source: string }) => [i.personId, i.source]),
        [[null, 'paper']],
        'an operator sees masks, not the register person id',
      );
      const row = await t.ctx.db.k
        .selectFrom('scans')
        .selectAll()
        .where('source', '=', 'paper')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [Number(row.person_id), row.at, row.day, row.verdict],
        [person, '2022-11-09T00:30:00.000Z', DAY, 'allow'],
        'a time without offset is Beijing time',
      );
      const audit = await t.ctx.db.k
        .selectFrom('audit_log')
        .select(['actor', 'detail'])
        .where('action', '=', 'paper-registrations-entered')
        .execute();
      assert.equal(audit.length, 1, 'the duplicate submission wrote nothing');
      assert.match(audit[0]?.actor ?? '', /^user:\d+:op$/);
    });

    test('name and phone without ID: matched to the registered person, or kept sealed when unknown', async () => {
      const r = await call('cmd', 'POST', '/api/v1/paper-registrations', {
        records: [
          { venue: 'OTHER', at: `${DAY}T09:00:00+08:00`, name: '林晓', phone: '138 0000 1111' },
          { venue: 'OTHER', at: `${DAY}T09:05:00+08:00`, name: '陈某某', phone: '13900002222' },
        ],
      });
      assert.equal(r.json().entered, 2, r.body);
      const list = await call('cmd', 'GET', `/api/v1/venues/OTHER/scans?date=${DAY}`);
      const items = list.json().items as Array<{
        personId: number | null;
        identity: string;
        source: string;
        enteredBy: string;
      }>;
      assert.deepEqual(
        items.map((i) => [i.personId, i.identity, i.source]),
        [
          [person, '林* 138****1111', 'paper'],
          [null, '陈** 139****2222', 'paper'],
        ],
      );
      assert.match(items[0]?.enteredBy ?? '', /:cmd$/);
      const sealed = await t.ctx.db.k.selectFrom('paper_scans').select('name_cipher').execute();
      assert.ok(
        sealed.every((s) => s.name_cipher === null || !s.name_cipher.includes('陈')),
        'names are encrypted',
      );
    });

    test('a batch with bad rows enters nothing and names every row', async () => {
      const before = await count();
      const r = await call('cmd', 'POST', '/api/v1/paper-registrations', {
        records: [
          { venue: 'MINE', at: `${DAY} 10:00`, idNumber: id(2) },
          { venue: 'NOPE', at: `${DAY} 10:00`, idNumber: id(2) },
          { venue: 'MINE', at: 'yesterday', name: '张三' },
          { venue: 'MINE', at: '2099-01-01 10:00', idNumber: '350102198506121230' },
        ],
      });
      assert.equal(r.statusCode, 422);
      assert.equal(r.json().error.code, 'PAPER_ROWS_INVALID');
      assert.deepEqual(
        r.json().error.details.issues.map((i: { row: number; code: string }) => [i.row, i.code]),
        [
          [2, 'VENUE_UNKNOWN'],
          [3, 'PAPER_TIME_INVALID'],
          [3, 'PAPER_WHO_MISSING'],
          [4, 'PAPER_TIME_FUTURE'],
          [4, 'PERSON_ID_CHECKSUM'],
        ],
      );
      assert.equal(await count(), before);
    });

    test('a CSV sheet imports with Chinese headers; a bad row is reported by its file row', async () => {
      const before = await count();
      const bad = `场所编码,登记时间,身份证号码,姓名,联系电话\nMINE,${DAY} 11:00,${id(3)},,\nMINE,${DAY} 11:01,,王五,abc\n`;
      const r = await call('op', 'POST', '/api/v1/imports/paper-registrations', bad, 'text/csv');
      assert.equal(r.statusCode, 422);
      assert.deepEqual(
        r.json().error.details.issues.map((i: { row: number; column: string }) => [i.row, i.column]),
        [[3, 'phone']],
      );
      assert.equal(await count(), before);
      const good = bad.replace('abc', '13700003333');
      const ok = await call('op', 'POST', '/api/v1/imports/paper-registrations', good, 'text/csv');
      assert.deepEqual([ok.statusCode, ok.json().entered], [201, 2]);
      const header = await call(
        'op',
        'POST',
        '/api/v1/imports/paper-registrations',
        'venue,when\nMINE,x\n',
        'text/csv',
      );
      assert.deepEqual(
        header.json().error.details.issues.map((i: { code: string }) => i.code),
        ['IMPORT_UNKNOWN_COLUMN', 'IMPORT_MISSING_COLUMN'],
      );
    });

    test('paper scans count in the statistics', async () => {
      const st = (await call('cmd', 'GET', `/api/v1/venues/stats?date=${DAY}`)).json();
      assert.equal(st.scans, await count());
      assert.equal(st.byHour.find((h: { hour: string }) => h.hour === '08:00')?.scans, 1);
    });

    test('a venue operator sees and enters only their own venue', async () => {
      const venues = (await call('op', 'GET', `/api/v1/venues?date=${DAY}`)).json().items;
      assert.deepEqual(
        venues.map((v: { code: string }) => v.code),
        ['MINE'],
      );
      const st = (await call('op', 'GET', `/api/v1/venues/stats?date=${DAY}`)).json();
      assert.equal(st.scans, 3, 'only MINE’s paper scans');
      for (const url of [
        `/api/v1/venues/stats?date=${DAY}&venue=OTHER`,
        `/api/v1/venues/OTHER/scans?date=${DAY}`,
        '/api/v1/venues/OTHER/poster.svg',
        '/api/v1/venues/OTHER/code',
      ]) {
        const r = await call('op', 'GET', url);
        assert.deepEqual([r.statusCode, r.json().error.code], [403, 'VENUE_NOT_YOURS'], url);
      }
      assert.equal((await call('op', 'GET', `/api/v1/venues/MINE/scans?date=${DAY}`)).statusCode, 200);
      const xlsx = await call('op', 'GET', `/api/v1/venues/stats.xlsx?date=${DAY}`);
      assert.equal(xlsx.statusCode, 200);
      assert.equal(xlsx.rawPayload.readUInt32LE(0), 0x04034b50, 'a workbook (zip)');
      const refused = await call('op', 'GET', `/api/v1/venues/stats.xlsx?date=${DAY}&venue=OTHER`);
      assert.deepEqual([refused.statusCode, refused.json().error.code], [403, 'VENUE_NOT_YOURS']);
      assert.equal((await call('op', 'GET', `/api/v1/venues/stats?date=${DAY}&venue=MINE`)).json().scans, 3);
      const r = await call('op', 'POST', '/api/v1/paper-registrations', {
        records: [{ venue: 'OTHER', at: `${DAY} 12:00`, idNumber: id(1) }],
      });
      assert.deepEqual(
        r.json().error.details.issues.map((i: { code: string }) => i.code),
        ['VENUE_NOT_YOURS'],
      );
      const revoke = await call('op', 'POST', '/api/v1/venues/MINE/revoke');
      assert.equal(revoke.statusCode, 403, 'an operator may print but not revoke');
    });
  });
}
