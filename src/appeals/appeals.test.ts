import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { verifyAudit } from '../platform/audit/audit.service.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { insertCadres } from '../zones/taskforce.repo.ts';
import { appealsDashboard } from './appeals.dashboard.ts';
import { type Sender, setSender } from './appeals.outbox.ts';
import { withCheckChar } from './appeals.rules.ts';
import type { AppealInput } from './appeals.schema.ts';
import { upsertAccount } from './enterprises.repo.ts';
import { importEnterprises, listEnterprises, saveEnterprise } from './enterprises.service.ts';
import { submitAppeal } from './intake.service.ts';
import { getAppeal, listAppeals, trackAppeal } from './queries.service.ts';
import { liaisonView, statusBoard, submitReport } from './whitelist.service.ts';
import {
  closeAppeal,
  dispatchAppeals,
  escalateOverdue,
  mergeAppeal,
  noteAppeal,
  rateByTracking,
  replyAppeal,
  returnAppeal,
  signAppeal,
} from './workflow.service.ts';

const HANDLER: Actor = {
  userId: 1,
  username: 'handler',
  role: 'appeals-handler',
  scope: { kind: 'city', code: '3501' },
};
const CMD: Actor = { userId: 2, username: 'cmd', role: 'commander', scope: { kind: 'city', code: '3501' } };
const INDUSTRY: Actor = { userId: 3, username: 'industry', role: 'regulator', scope: { kind: 'city', code: '3501' } };
const TRANSPORT: Actor = { userId: 4, username: 'transport', role: 'regulator', scope: { kind: 'city', code: '3501' } };
const LIAISON: Actor = { userId: 5, username: 'liaison', role: 'enterprise', scope: { kind: 'city', code: '3501' } };
const GULOU: Actor = {
  userId: 6,
  username: 'gulou',
  role: 'district-officer',
  scope: { kind: 'district', code: '350102' },
};
const CODE = withCheckChar('91350102MA2Y8K3P0');
const CODE2 = withCheckChar('91350104MA31XK7Q2');
let seq = 0;
const input = (over: Partial<AppealInput> = {}): AppealInput => ({
  idempotencyKey: `key-${++seq}-abcdef`,
  submitter: 'enterprise',
  creditCode: CODE,
  contactName: '林晓',
  phone: '13800005678',
  category: 'logistics',
  urgency: 'normal',
  title: '原材料运输车辆无法进入园区',
  content: '我司两辆原材料运输车在高速出口被劝返，请协调通行证。',
  ...over,
});
const FRI = '2022-11-04T02:00:00.000Z'; // Friday 10:00 in Fuzhou

for (const dialect of dialects()) {
  describe(`appeals on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    const sent: string[] = [];
    const sender: Sender = {
      name: 'test',
      async send(m) {
        sent.push(`${m.to}:${m.body}`);
        return { ok: true, detail: 'ok' };
      },
    };
    // The sender is process-wide and every target's suite body runs before the first suite's
    // tests: install this suite's sender when its tests start, not when it is built.
    let prev: Sender | undefined;
    before(() => {
      prev = setSender(sender);
    });
    after(async () => {
      if (prev) setSender(prev);
      await ctx.close();
    });
    const [cadre] = await ctx.db.k
      .transaction()
      .execute((trx) => insertCadres(trx, [{ name: '王挂钩', rank: 'section', home_unit: '市工信局' }]));
    for (const [username, unit] of [
      ['industry', 'industry'],
      ['transport', 'transport'],
    ] as const)
      await upsertAccount(ctx.db.k, { username, unit, enterprise_id: null, cadre_id: null });
    await upsertAccount(ctx.db.k, { username: 'liaison', unit: null, enterprise_id: null, cadre_id: cadre as number });

    test('enterprises: a wrong credit code names its part; import is all or nothing with row numbers', async () => {
      const bad = `${CODE.slice(0, 17)}${CODE[17] === '0' ? '1' : '0'}`;
      await assert.rejects(
        saveEnterprise(ctx, CMD, {
          creditCode: bad,
          name: '甲',
          industry: '制造',
          districtCode: '350102',
          size: 'large',
          tiers: [],
        }),
        (e: Error & { code?: string }) =>
          e.code === 'CREDIT_CODE_CHECK' && e.message.includes(`should be “${CODE[17]}”`),
      );
      const csv = [
        '统一社会信用代码,企业名称,所属行业,区县代码,企业规模,白名单类别,挂钩干部编号,联系电话',
        `${CODE},福州榕树电子有限公司,电子信息,350102,大型,国家级;龙头企业,${cadre},13800005678`,
        `${CODE.slice(0, 16)},坏代码公司,纺织,350104,small,,,`,
        `${CODE2},仓山物流有限公司,物流,350104,medium,省级,999,`,
      ].join('\n');
      await assert.rejects(
        importEnterprises(ctx, CMD, { buf: Buffer.from(csv), filename: 'e.csv' }),
        (e: Error & { code?: string; details?: { issues: Array<{ row: number; column: string }> } }) => {
          assert.equal(e.code, 'ENTERPRISE_IMPORT_INVALID');
          assert.deepEqual(
            e.details?.issues.map((i) => [i.row, i.column]),
            [
              [3, 'credit_code'],
              [4, 'liaison_cadre_id'],
            ],
          );
          return true;
        },
      );
      assert.equal((await listEnterprises(ctx, CMD, { page: 1, pageSize: 10 })).total, 0);
      const fixed = csv
        .split('\n')
        .filter((_, i) => i !== 2)
        .join('\n')
        .replace(',999,', ',,');
      const r = await importEnterprises(ctx, CMD, { buf: Buffer.from(fixed), filename: 'e.csv' });
      assert.deepEqual([r.created, r.updated], [2, 0]);
      const again = await importEnterprises(ctx, CMD, { buf: Buffer.from(fixed), filename: 'e.csv' });
      assert.deepEqual([again.created, again.updated], [0, 2]);
      const list = await listEnterprises(ctx, CMD, { tier: 'national', page: 1, pageSize: 10 });
      assert.equal(list.items[0]?.name, '福州榕树电子有限公司');
      assert.deepEqual(list.items[0]?.tiers, ['national', 'leader']);
      assert.equal(list.items[0]?.liaison?.name, '王挂钩');
      assert.equal(list.items[0]?.phone, '138****5678');
      assert.equal((await listEnterprises(ctx, GULOU, { page: 1, pageSize: 10 })).total, 1);
    });

    test('intake: a retry with the same key answers the same appeal; a flood from one phone is refused', async () => {
      const i = input();
      const a = await submitAppeal(ctx, 'public', 'web', i, { now: FRI });
      assert.equal(a.created, true);
      assert.match(a.appeal.tracking_no, /^SQ20221104[A-Z]{6}$/);
      assert.equal(a.appeal.district_code, '350102');
      const b = await submitAppeal(ctx, 'public', 'web', i, { now: FRI });
      assert.deepEqual([b.created, b.appeal.id], [false, a.appeal.id]);
      await assert.rejects(submitAppeal(ctx, 'public', 'web', { ...i, phone: '13900001111' }), /different appeal/);
      await assert.rejects(submitAppeal(ctx, 'public', 'web', input({ creditCode: 'X' })), /18 characters/);
      await assert.rejects(submitAppeal(ctx, 'public', 'hotline', input()), /sign in/);
      const flood = '13700001234';
      for (let n = 0; n < 5; n++)
        await submitAppeal(
          ctx,
          'public',
          'mobile',
          input({ phone: flood, submitter: 'resident', creditCode: undefined, districtCode: '350105' }),
          { now: FRI },
        );
      await assert.rejects(
        submitAppeal(
          ctx,
          'public',
          'mobile',
          input({ phone: flood, submitter: 'resident', creditCode: undefined, districtCode: '350105' }),
          { now: FRI },
        ),
        (e: Error & { code?: string }) => e.code === 'APPEAL_PHONE_FLOOD',
      );
      // the acknowledgement went through the outbox
      assert.ok(sent.some((s) => s.startsWith('13800005678:') && s.includes(a.appeal.tracking_no)));
    });

    test('the full loop: dispatch, sign-off, notes, reply, unsatisfied rating reopens, then closes', async () => {
      const { appeal } = await submitAppeal(ctx, HANDLER, 'hotline', input(), { now: FRI });
      const no = appeal.tracking_no;
      await assert.rejects(
        replyAppeal(ctx, INDUSTRY, appeal.id, '已处理'),
        (e: Error & { code?: string }) => e.code === 'APPEAL_TRANSITION',
      );
      await dispatchAppeals(ctx, HANDLER, [appeal.id], 'industry');
      await assert.rejects(replyAppeal(ctx, INDUSTRY, appeal.id, '已处理'), /cannot be replied to/);
      await assert.rejects(
        signAppeal(ctx, TRANSPORT, appeal.id),
        (e: Error & { code?: string }) => e.code === 'APPEAL_NOT_YOUR_UNIT',
      );
      await assert.rejects(signAppeal(ctx, GULOU, appeal.id), /needs appeals:handle/);
      await signAppeal(ctx, INDUSTRY, appeal.id);
      await noteAppeal(ctx, INDUSTRY, appeal.id, '已联系交通部门');
      await replyAppeal(ctx, INDUSTRY, appeal.id, '已为贵司办理重点物资运输车辆通行证。');
      const wrong = await trackAppeal(ctx, no, '5678');
      assert.equal(wrong.status, 'replied');
      assert.equal(wrong.reply, '已为贵司办理重点物资运输车辆通行证。');
      assert.ok(wrong.messages.some((m) => m.kind === 'replied' && m.status === 'sent'));
      await rateByTracking(ctx, no, '5678', 'unsatisfied', '车辆仍被拦');
      let d = await getAppeal(ctx, HANDLER, appeal.id);
      assert.deepEqual([d.appeal.status, d.appeal.reopenCount, d.appeal.unit], ['signed', 1, 'industry']);
      await replyAppeal(ctx, INDUSTRY, appeal.id, '已与高速卡口核实，车辆可通行。');
      await rateByTracking(ctx, no, '5678', 'satisfied');
      d = await getAppeal(ctx, HANDLER, appeal.id);
      assert.equal(d.appeal.status, 'closed');
      assert.deepEqual(
        d.timeline.map((e) => e.action),
        ['intake', 'dispatch', 'sign', 'note', 'reply', 'rate', 'reply', 'rate'],
      );
      // the progress note is internal; the tracking page shows only public steps
      const t = await trackAppeal(ctx, no, '5678');
      assert.ok(!t.timeline.some((e) => e.action === 'note'));
      await assert.rejects(closeAppeal(ctx, HANDLER, appeal.id), /closed cannot be closed/);
      assert.equal((await verifyAudit(ctx.db, ctx.crypto)).ok, true);
    });

    test('a unit returns what is not theirs; the dispatcher re-dispatches; closing without rating', async () => {
      const { appeal } = await submitAppeal(ctx, HANDLER, 'hotline', input());
      await dispatchAppeals(ctx, HANDLER, [appeal.id], 'transport');
      await assert.rejects(returnAppeal(ctx, INDUSTRY, appeal.id, '不属于本单位职责'), /not held by your unit/);
      await returnAppeal(ctx, TRANSPORT, appeal.id, '属于工信部门职责');
      let d = await getAppeal(ctx, HANDLER, appeal.id);
      assert.deepEqual([d.appeal.status, d.appeal.unit], ['received', null]);
      assert.equal(d.timeline.at(-1)?.note, '属于工信部门职责');
      await dispatchAppeals(ctx, HANDLER, [appeal.id], 'industry');
      await signAppeal(ctx, INDUSTRY, appeal.id);
      await replyAppeal(ctx, INDUSTRY, appeal.id, '已答复');
      await closeAppeal(ctx, HANDLER, appeal.id);
      d = await getAppeal(ctx, HANDLER, appeal.id);
      assert.equal(d.appeal.status, 'closed');
      await assert.rejects(dispatchAppeals(ctx, HANDLER, [appeal.id], 'nowhere'), /No handling unit/);
    });

    test('merging duplicates counts raises; the third raise escalates', async () => {
      const first = (await submitAppeal(ctx, HANDLER, 'hotline', input({ title: '用工返岗' }))).appeal;
      const second = (await submitAppeal(ctx, HANDLER, 'hotline', input({ title: '用工返岗（再次）' }))).appeal;
      const third = (await submitAppeal(ctx, HANDLER, 'hotline', input({ title: '用工返岗（第三次）' }))).appeal;
      await assert.rejects(mergeAppeal(ctx, HANDLER, first.id, first.id), /merged into itself/);
      let r = await mergeAppeal(ctx, HANDLER, second.id, first.id);
      assert.deepEqual([r.into.repeat_count, r.into.escalated_at], [2, null]);
      r = await mergeAppeal(ctx, HANDLER, third.id, first.id);
      assert.equal(r.into.repeat_count, 3);
      assert.equal(r.into.escalation_reason, 'repeated:3');
      const t = await trackAppeal(ctx, third.tracking_no, '5678');
      assert.deepEqual([t.status, t.mergedInto?.trackingNo], ['merged', first.tracking_no]);
      await assert.rejects(mergeAppeal(ctx, HANDLER, first.id, third.id), /merged into itself or into a merged/);
    });

    test('the deadline job escalates across a weekend by working days', async () => {
      // An enquiry on Friday: sign-off due Monday 10:00, reply due Wednesday 10:00.
      const { appeal } = await submitAppeal(
        ctx,
        HANDLER,
        'hotline',
        input({ category: 'enquiry', title: '政策咨询' }),
        { now: FRI },
      );
      assert.deepEqual([appeal.sign_due_at, appeal.due_at], ['2022-11-07T02:00:00.000Z', '2022-11-09T02:00:00.000Z']);
      const sunday = await escalateOverdue(ctx, HANDLER, '2022-11-06T12:00:00.000Z');
      assert.ok(!sunday.items.some((i) => i.trackingNo === appeal.tracking_no));
      const monday = await escalateOverdue(ctx, HANDLER, '2022-11-07T03:00:00.000Z');
      assert.deepEqual(
        monday.items.find((i) => i.trackingNo === appeal.tracking_no),
        { trackingNo: appeal.tracking_no, reason: 'sign-overdue' },
      );
      const again = await escalateOverdue(ctx, HANDLER, '2022-11-10T03:00:00.000Z');
      assert.ok(!again.items.some((i) => i.trackingNo === appeal.tracking_no), 'escalated once');
      const overdue = await listAppeals(ctx, HANDLER, { overdue: 'true', escalated: 'true', page: 1, pageSize: 100 });
      assert.ok(overdue.items.some((a) => a.trackingNo === appeal.tracking_no));
    });

    test('tracking reveals nothing without the right digits', async () => {
      const { appeal } = await submitAppeal(ctx, 'public', 'mobile', input({ phone: '13600002468' }));
      const ok = await trackAppeal(ctx, appeal.tracking_no.toLowerCase(), '2468');
      assert.equal(ok.status, 'received');
      const fail = async (no: string, last4: string) => {
        const e = await trackAppeal(ctx, no, last4).then(
          () => null,
          (err: Error & { code?: string; statusCode?: number }) => err,
        );
        return [e?.code, e?.statusCode, e?.message];
      };
      const wrongDigits = await fail(appeal.tracking_no, '2469');
      const unknown = await fail('SQ20221104ZZZZZZ', '2468');
      assert.deepEqual(wrongDigits, unknown);
      assert.equal(wrongDigits[0], 'APPEAL_TRACK_NOT_FOUND');
      await assert.rejects(rateByTracking(ctx, appeal.tracking_no, '2468', 'satisfied'), /cannot be rated/);
      await assert.rejects(rateByTracking(ctx, appeal.tracking_no, '0000', 'satisfied'), /No appeal found/);
    });

    test('a troubled whitelist report opens an appeal and a liaison task; the liaison sees them', async () => {
      const now = '2022-11-06T01:00:00.000Z';
      const r = await submitReport(
        ctx,
        'system',
        CODE,
        {
          day: '2022-11-06',
          production: 'stopped',
          capacityPct: 0,
          materialDays: 1,
          logisticsBlocked: true,
          staffOnSite: 10,
          staffClosedLoop: 0,
        },
        now,
      );
      assert.ok(r.appealId && r.taskId);
      const again = await submitReport(
        ctx,
        'system',
        CODE,
        {
          day: '2022-11-06',
          production: 'normal',
          capacityPct: 100,
          materialDays: 9,
          logisticsBlocked: false,
          staffOnSite: 10,
          staffClosedLoop: 0,
        },
        now,
      );
      assert.deepEqual([again.created, again.reportId], [false, r.reportId]);
      await assert.rejects(
        submitReport(ctx, LIAISON, CODE2, {
          day: '2022-11-06',
          production: 'normal',
          capacityPct: 100,
          materialDays: 9,
          logisticsBlocked: false,
          staffOnSite: 1,
          staffClosedLoop: 0,
        }),
        /own enterprise/,
      );
      const board = await statusBoard(ctx, CMD, '2022-11-06');
      assert.deepEqual(board.counts, { normal: 0, reduced: 0, stopped: 1, missing: 1 });
      const view = await liaisonView(ctx, LIAISON, '2022-11-07T12:00:00.000Z');
      assert.equal(view.tasks.length, 1);
      assert.equal(view.tasks[0]?.overdue, true);
      assert.deepEqual(
        view.missingReports.map((m) => m.creditCode),
        [CODE],
      );
      const d = await getAppeal(ctx, HANDLER, r.appealId as number);
      assert.deepEqual([d.appeal.category, d.appeal.urgency], ['production', 'urgent']);
    });

    test('lists filter and scope; the dashboard counts', async () => {
      const all = await listAppeals(ctx, HANDLER, { page: 1, pageSize: 500 });
      const web = await listAppeals(ctx, HANDLER, { channel: 'web', page: 1, pageSize: 500 });
      assert.ok(web.total > 0 && web.total < all.total);
      assert.ok(web.items.every((a) => a.channel === 'web'));
      const text = await listAppeals(ctx, HANDLER, { q: '政策咨询', page: 1, pageSize: 10 });
      assert.equal(text.total, 1);
      const gulou = await listAppeals(ctx, GULOU, { page: 1, pageSize: 500 });
      assert.ok(gulou.items.every((a) => a.districtCode === '350102'));
      assert.ok(gulou.total < all.total);
      const dash = await appealsDashboard(ctx, CMD, { from: '2022-11-01', to: '2030-01-01' });
      assert.equal(dash.total, all.total);
      assert.equal(
        dash.byChannel.reduce((s, c) => s + c.n, 0),
        all.total,
      );
      assert.equal(
        dash.byDay.reduce((s, c) => s + c.n, 0),
        all.total,
      );
      assert.ok(dash.rates.satisfaction !== null);
      assert.equal((await verifyAudit(ctx.db, ctx.crypto)).ok, true);
    });
  });
}
