import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { readTable } from '../platform/files/table.ts';
import { withCheckChar } from './appeals.rules.ts';
import { upsertAccount } from './enterprises.repo.ts';

const CODE = withCheckChar('91350102MA2Y8K3P0');
const body = (key: string, over: Record<string, unknown> = {}) => ({
  idempotencyKey: key,
  submitter: 'enterprise',
  creditCode: CODE,
  districtCode: '350102',
  phone: '138 0000 5678',
  category: 'logistics',
  title: '货车通行证',
  content: '请协调办理重点物资运输车辆通行证',
  ...over,
});

for (const dialect of dialects()) {
  describe(`appeals HTTP on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    await t.user('handler', 'appeals-handler', { kind: 'city', code: '3501' });
    await t.user('industry', 'regulator', { kind: 'city', code: '3501' });
    await upsertAccount(t.ctx.db.k, { username: 'industry', unit: 'industry', enterprise_id: null, cadre_id: null });
    const handler = await t.login('handler');
    const industry = await t.login('industry');

    test('the public form options carry the hotline number and the channel names from configuration', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/public/appeals/options' });
      assert.equal(r.statusCode, 200, r.body);
      const o = r.json();
      assert.equal(o.hotline, '0591-968871');
      assert.equal(o.channels.web['zh-CN'], '政企直通车「抗疫通道」');
      assert.equal(o.channels.mobile['zh-CN'], '福州工信「一键写信」');
    });

    test('public submission without a session; a retried key answers the same tracking number', async () => {
      const first = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/appeals?channel=web',
        payload: body('retry-key-0001'),
      });
      assert.equal(first.statusCode, 201, first.body);
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/appeals?channel=web',
        payload: body('retry-key-0001'),
      });
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().trackingNo, first.json().trackingNo);
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/appeals?channel=mobile',
        headers: { 'accept-language': 'en' },
        payload: body('retry-key-0002', { creditCode: `${CODE.slice(0, 17)}${CODE[17] === '0' ? '1' : '0'}` }),
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'CREDIT_CODE_CHECK');
      const empty = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/appeals',
        payload: body('retry-key-0003', { content: '' }),
      });
      assert.equal(empty.json().error.code, 'VALIDATION_FAILED');
      const huge = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/appeals',
        payload: body('retry-key-0004', { content: 'x'.repeat(2001) }),
      });
      assert.equal(huge.statusCode, 400);
      const hotline = await t.app.inject({ method: 'POST', url: '/api/v1/appeals', payload: body('retry-key-0005') });
      assert.equal(hotline.statusCode, 401);
    });

    test('dispatch, reply, and the reply on the tracking lookup', async () => {
      const sub = await t.app.inject({
        method: 'POST',
        url: '/api/v1/appeals',
        headers: { cookie: handler },
        payload: body('hotline-key-01', {
          submitter: 'resident',
          creditCode: undefined,
          districtCode: '350104',
          phone: '13912340000',
        }),
      });
      assert.equal(sub.statusCode, 201, sub.body);
      const { appeal } = sub.json();
      const queue = await t.app.inject({
        url: '/api/v1/appeals?status=received&channel=hotline',
        headers: { cookie: handler },
      });
      assert.ok(queue.json().items.some((a: { id: number }) => a.id === appeal.id));
      const early = await t.app.inject({
        method: 'POST',
        url: `/api/v1/appeals/${appeal.id}/reply`,
        headers: { cookie: industry },
        payload: { reply: '已办' },
      });
      assert.equal(early.statusCode, 409);
      const d = await t.app.inject({
        method: 'POST',
        url: '/api/v1/appeals/dispatch',
        headers: { cookie: handler },
        payload: { ids: [appeal.id], unit: 'industry' },
      });
      assert.equal(d.json().dispatched, 1);
      const inbox = await t.app.inject({ url: '/api/v1/appeals?unit=mine', headers: { cookie: industry } });
      assert.equal(inbox.json().total, 1);
      for (const [step, payload] of [
        ['sign', undefined],
        ['reply', { reply: '已协调解决。' }],
      ] as const) {
        const r = await t.app.inject({
          method: 'POST',
          url: `/api/v1/appeals/${appeal.id}/${step}`,
          headers: { cookie: industry },
          payload,
        });
        assert.equal(r.statusCode, 200, r.body);
      }
      const track = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/appeals/track',
        payload: { trackingNo: appeal.trackingNo, last4: '0000' },
      });
      assert.equal(track.json().reply, '已协调解决。');
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/appeals/track',
        payload: { trackingNo: appeal.trackingNo, last4: '0001' },
      });
      assert.equal(wrong.statusCode, 404);
      assert.equal(JSON.stringify(wrong.json()).includes(appeal.trackingNo), false);
      const x = await t.app.inject({ url: '/api/v1/appeals/export.xlsx', headers: { cookie: handler } });
      assert.equal(x.statusCode, 200);
      assert.equal(x.rawPayload.readUInt32LE(0), 0x04034b50);
      // Names, not codes; Beijing wall time, not UTC ISO.
      const back = await readTable(x.rawPayload);
      const cell = (title: string) => back.rows[0]?.cells[back.header.findIndex((h) => h.startsWith(title))] ?? '';
      assert.match(cell('渠道'), /^(政企直通车「抗疫通道」|福州工信「一键写信」|热线)$/);
      assert.match(cell('类别'), /\p{Script=Han}/u);
      assert.match(cell('受理时间'), /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      const dash = await t.app.inject({
        url: '/api/v1/appeals/dashboard?from=2000-01-01&to=2100-01-01',
        headers: { cookie: handler },
      });
      assert.equal(dash.json().total, 2);
    });

    test('a flood from one address is rate limited with a clear message', async () => {
      let last = 0;
      let msg = '';
      for (let i = 0; i < 12; i++) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/v1/public/appeals',
          remoteAddress: '10.9.9.9',
          payload: body(`flood-key-${String(i).padStart(4, '0')}`, { phone: `1370000${String(i).padStart(4, '0')}` }),
        });
        last = r.statusCode;
        msg = r.body;
      }
      assert.equal(last, 429);
      assert.match(msg, /RATE_LIMITED/);
    });
  });
}
