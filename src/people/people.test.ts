import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { checkCharOf } from './people.rules.ts';

const idOf = (first17: string) => first17 + checkCharOf(first17);
const GULOU_ID = idOf('35010219850612123');
const CANGSHAN_ID = idOf('35010419900101456');
const GULOU_COMMUNITY = '350102001001';
const CANGSHAN_COMMUNITY = '350104001003';

for (const dialect of dialects()) {
  describe(`persons on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    let commander = '';
    let gulou = '';
    let cangshanPersonId = 0;
    let gulouPersonId = 0;

    before(async () => {
      await t.user('cmd', 'commander', { kind: 'city', code: '3501' });
      await t.user('gulou', 'district-officer', { kind: 'district', code: '350102' });
      await t.user('aud', 'auditor', { kind: 'city', code: '3501' });
      commander = await t.login('cmd');
      gulou = await t.login('gulou');
    });

    const post = (cookie: string, payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: { cookie }, payload });
    const get = (cookie: string, url: string, lang = 'zh-CN') =>
      t.app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': lang } });

    test('registration stores only ciphertext, mask and blind index', async () => {
      const r = await post(commander, {
        idNumber: CANGSHAN_ID,
        name: '林秀英',
        phone: '13812345678',
        communityCode: CANGSHAN_COMMUNITY,
      });
      assert.equal(r.statusCode, 201, r.body);
      const p = r.json().person;
      cangshanPersonId = p.id;
      assert.equal(p.idNumberMasked, `350104********${CANGSHAN_ID.slice(-4)}`);
      assert.equal(p.nameMasked, '林**');
      assert.equal(p.phoneMasked, '138****5678');
      const row = await t.ctx.db.k.selectFrom('persons').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
      const stored = JSON.stringify(row);
      for (const secret of [CANGSHAN_ID, '林秀英', '13812345678'])
        assert.ok(!stored.includes(secret), `${secret} stored in clear`);
    });

    test('re-submitting the same person is idempotent; different details conflict', async () => {
      const again = await post(commander, {
        idNumber: CANGSHAN_ID.toLowerCase(),
        name: '林秀英',
        phone: '138 1234 5678',
        communityCode: CANGSHAN_COMMUNITY,
      });
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().person.id, cangshanPersonId);
      const other = await post(commander, { idNumber: CANGSHAN_ID, name: '林秀兰', communityCode: CANGSHAN_COMMUNITY });
      assert.equal(other.statusCode, 409);
      assert.equal(other.json().error.code, 'PERSON_EXISTS');
      const n = await t.ctx.db.k
        .selectFrom('persons')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 1);
    });

    test('blind-index lookup finds a person by full resident ID', async () => {
      const r = await get(commander, `/api/v1/persons?q=${CANGSHAN_ID}`);
      assert.equal(r.json().total, 1);
      assert.equal(r.json().items[0].id, cangshanPersonId);
      assert.equal((await get(commander, `/api/v1/persons?q=${GULOU_ID}`)).json().total, 0);
    });

    test('a bad resident ID is a 400 naming the wrong part, in both languages', async () => {
      const bad = GULOU_ID.slice(0, 17) + (GULOU_ID[17] === '1' ? '2' : '1');
      const r = await post(commander, { idNumber: bad, name: '陈伟', communityCode: GULOU_COMMUNITY });
      assert.equal(r.statusCode, 400);
      const e = r.json().error;
      assert.equal(e.code, 'PERSON_ID_CHECKSUM');
      assert.match(e.messages['zh-CN'], /校验码/);
      assert.match(e.messages.en, /check character/);
      const unknown = await post(commander, { idNumber: GULOU_ID, name: '陈伟', communityCode: '350102999999' });
      assert.equal(unknown.json().error.code, 'DIVISION_UNKNOWN');
    });

    test('a district officer works in their district and gets 403 on another', async () => {
      const mine = await post(gulou, { idNumber: GULOU_ID, name: '陈伟', communityCode: GULOU_COMMUNITY });
      assert.equal(mine.statusCode, 201, mine.body);
      gulouPersonId = mine.json().person.id;
      assert.equal((await get(gulou, `/api/v1/persons/${gulouPersonId}`)).statusCode, 200);
      const theirs = await get(gulou, `/api/v1/persons/${cangshanPersonId}`, 'en');
      assert.equal(theirs.statusCode, 403);
      assert.equal(theirs.json().error.code, 'OUT_OF_SCOPE');
      assert.match(theirs.json().error.message, /outside your jurisdiction/);
      assert.equal((await get(gulou, `/api/v1/persons/${cangshanPersonId}/unmasked`)).statusCode, 403);
      assert.equal(
        (await post(gulou, { idNumber: idOf('35010419900101999'), name: '王芳', communityCode: CANGSHAN_COMMUNITY }))
          .statusCode,
        403,
      );
      assert.equal((await get(gulou, '/api/v1/persons?district=350104')).statusCode, 403);
      const list = (await get(gulou, '/api/v1/persons')).json();
      assert.deepEqual(
        list.items.map((p: { id: number }) => p.id),
        [gulouPersonId],
        'the list is limited to the district',
      );
    });

    test('an unmasked read returns clear data and is audited', async () => {
      const r = await get(gulou, `/api/v1/persons/${gulouPersonId}/unmasked?reason=tracing`);
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().person.idNumber, GULOU_ID);
      assert.equal(r.json().person.name, '陈伟');
      const auditor = await t.login('aud');
      const log = (await get(auditor, '/api/v1/audit?entity=person')).json();
      const read = log.items.find((i: { action: string }) => i.action === 'person-unmasked-read');
      assert.ok(read, 'the read is in the audit log');
      assert.equal(read.entityId, String(gulouPersonId));
      assert.match(read.actor, /gulou/);
      assert.ok(!JSON.stringify(log).includes(GULOU_ID), 'the audit log holds no clear ID');
      assert.equal((await get(auditor, '/api/v1/audit/verify')).json().ok, true);
      assert.equal((await get(gulou, '/api/v1/audit')).statusCode, 403);
    });
  });
}
