import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { listAudit } from '../platform/audit/audit.service.ts';
import { changeVenue, registerVenue } from './registry.service.ts';
import { suspendByNotice } from './suspensions.service.ts';
import { listVenues } from './venues.service.ts';

const GULOU = '350102001001';
const CANGSHAN = '350104001003';
const cmd = { userId: 1, username: 'cmd', role: 'commander' as const, scope: { kind: 'city' as const, code: '3501' } };

// The registry's door for one venue: its kind is registered with it (never guessed from the name),
// checked against the category's kinds, and a notice by kind then takes it.
for (const dialect of dialects()) {
  describe(`registering a venue with its kind on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    const cookies: Record<string, string> = {};
    const send = (method: 'POST' | 'PATCH', url: string, who: string, payload: object) =>
      t.app.inject({ method, url, payload, headers: { cookie: cookies[who] } });

    before(async () => {
      await t.user('commander', 'commander', { kind: 'city', code: '3501' });
      await t.user('gulou', 'district-officer', { kind: 'district', code: '350102' });
      await t.user('lab', 'lab', { kind: 'city', code: '3501' });
      for (const u of ['commander', 'gulou', 'lab']) cookies[u] = await t.login(u);
    });

    test('a district officer registers a KTV in their district with its kind; audited', async () => {
      const r = await send('POST', '/api/v1/venues', 'gulou', {
        code: 'REG-KTV',
        name: '欢唱汇',
        category: 'public-place',
        kind: 'ktv',
        communityCode: GULOU,
      });
      assert.equal(r.statusCode, 201, r.body);
      assert.deepEqual(r.json(), {
        code: 'REG-KTV',
        name: '欢唱汇',
        category: 'public-place',
        kind: 'ktv',
        districtCode: '350102',
        communityCode: GULOU,
        status: 'open',
        codeVersion: 1,
      });
      const audit = await listAudit(t.ctx.db, { page: 1, pageSize: 10, entity: 'venue', entityId: 'REG-KTV' });
      assert.deepEqual(
        audit.items.map((i) => i.action),
        ['venues-created'],
      );
    });

    test('a kind foreign to the category is refused with VENUE_KIND_UNKNOWN and nothing is recorded', async () => {
      const r = await send('POST', '/api/v1/venues', 'commander', {
        code: 'REG-BAD',
        name: '某站',
        category: 'public-place',
        kind: 'rail',
        communityCode: GULOU,
      });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'VENUE_KIND_UNKNOWN');
      // A category without kinds takes none.
      const office = await send('POST', '/api/v1/venues', 'commander', {
        code: 'REG-OFF',
        name: '写字楼',
        category: 'office',
        kind: 'ktv',
        communityCode: GULOU,
      });
      assert.equal(office.json().error.code, 'VENUE_KIND_UNKNOWN');
      const codes = (await listVenues(t.ctx, cmd, '2022-11-09')).map((v) => v.code);
      assert.ok(!codes.includes('REG-BAD') && !codes.includes('REG-OFF'));
    });

    test('outside the officer’s district, a second registration of a code, and a role without venues:write are refused', async () => {
      const body = {
        code: 'REG-CS',
        name: '仓山影城',
        category: 'public-place',
        kind: 'cinema',
        communityCode: CANGSHAN,
      };
      assert.equal((await send('POST', '/api/v1/venues', 'gulou', body)).statusCode, 403);
      assert.equal((await send('POST', '/api/v1/venues', 'lab', body)).statusCode, 403);
      assert.equal((await send('POST', '/api/v1/venues', 'commander', body)).statusCode, 201);
      const again = await send('POST', '/api/v1/venues', 'commander', body);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'VENUE_EXISTS');
      const patched = await send('PATCH', '/api/v1/venues/REG-CS', 'gulou', { kind: 'gym' });
      assert.equal(patched.statusCode, 403, 'another district’s venue');
    });

    test('changing the kind is checked against the category, clears with null, and a notice follows it', async () => {
      const bad = await send('PATCH', '/api/v1/venues/REG-KTV', 'gulou', { kind: 'airport' });
      assert.equal(bad.json().error.code, 'VENUE_KIND_UNKNOWN');
      assert.equal((await send('PATCH', '/api/v1/venues/NOPE', 'gulou', { kind: 'ktv' })).statusCode, 404);
      assert.equal((await send('PATCH', '/api/v1/venues/REG-KTV', 'gulou', {})).statusCode, 400);
      const gym = await send('PATCH', '/api/v1/venues/REG-KTV', 'gulou', { kind: 'gym', name: '健身汇' });
      assert.equal(gym.statusCode, 200, gym.body);
      assert.equal(gym.json().kind, 'gym');
      assert.equal(gym.json().name, '健身汇');
      // A notice on gyms now takes it; before the change it was a KTV.
      const n = await suspendByNotice(t.ctx, cmd, {
        noticeNo: 'REG-N1',
        title: '暂停健身场所',
        categories: ['public-place'],
        kinds: ['gym'],
        districts: ['350102'],
        effectiveOn: '2022-11-09',
      });
      assert.equal(n.suspended, 1);
      const cleared = await send('PATCH', '/api/v1/venues/REG-KTV', 'gulou', { kind: null });
      assert.equal(cleared.json().kind, null);
    });

    test('the command line registers and changes through the same checks, audited as cli', async () => {
      const v = await registerVenue(t.ctx, 'cli', {
        code: 'REG-RAIL',
        name: '福州南站离榕卡口',
        category: 'city-exit',
        kind: 'rail',
        communityCode: CANGSHAN,
      });
      assert.equal(v.kind, 'rail');
      await assert.rejects(changeVenue(t.ctx, 'cli', 'REG-RAIL', { kind: 'ktv' }), { code: 'VENUE_KIND_UNKNOWN' });
      assert.equal((await changeVenue(t.ctx, 'cli', 'REG-RAIL', { kind: 'highway' })).kind, 'highway');
      const audit = await listAudit(t.ctx.db, { page: 1, pageSize: 10, entity: 'venue', entityId: 'REG-RAIL' });
      assert.deepEqual(audit.items.map((i) => [i.actor, i.action]).sort(), [
        ['cli', 'venue-changed'],
        ['cli', 'venues-created'],
      ]);
    });
  });
}
