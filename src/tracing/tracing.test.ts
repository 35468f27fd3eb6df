import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { assertStateMatchesDatabase } from '../../test/helpers/invariants.ts';
import { recordTests } from '../../test/helpers/testing.ts';
import { upsertCases } from '../cases/cases.service.ts';
import { colourFresh, freshColourState } from '../health-code/colour.state.ts';
import { insertPersons } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { listAudit, verifyAudit } from '../platform/audit/audit.service.ts';
import type { AppError } from '../platform/errors.ts';
import { readTable } from '../platform/files/table.ts';
import { workbook } from '../platform/files/xlsx.ts';
import { check, checkState } from '../venues/checks.service.ts';
import { personalCode, signVenueCode } from '../venues/venues.codes.ts';
import { createVenues } from '../venues/venues.service.ts';
import { traceCase } from './copresence.service.ts';
import { listMarks } from './marks-list.service.ts';
import { readMarkSheet } from './tracing.import.ts';
import { coPresent, lookBack } from './tracing.rules.ts';
import { addMarks, closeRiskMark } from './tracing.service.ts';

const id = (n: number) => {
  const s = `35010219850612${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};
const at = (s: string) => Date.parse(`${s}+08:00`);
const H = 3600_000;
const OFFICER = {
  userId: 1,
  username: 'tracer',
  role: 'district-officer' as const,
  scope: { kind: 'district' as const, code: '350102' },
};

test('look-back window and co-presence, pure', () => {
  const w = lookBack(
    { kind: 'asymptomatic', reportedOn: '2022-11-10', positiveSampledAt: at('2022-11-09T07:00') },
    at('2022-12-01T00:00'),
    4,
  );
  assert.deepEqual([new Date(w.from).toISOString(), w.anchorKind], ['2022-11-04T16:00:00.000Z', 'sampling']);
  assert.equal(w.until, at('2022-11-10T23:59:59.999'));
  const onset = lookBack(
    { kind: 'confirmed', reportedOn: '2022-11-10', onsetOn: '2022-11-08' },
    at('2022-11-10T12:00'),
    4,
  );
  assert.deepEqual([onset.anchor, onset.until], ['2022-11-08', at('2022-11-10T12:00')], 'until now when earlier');
  const c = coPresent(
    [{ venueId: 1, at: 0 }],
    new Map([
      [
        1,
        [
          { personId: 9, at: 0 },
          { personId: 2, at: 1_800_000 },
          { personId: 3, at: -1_800_001 },
          { personId: null, at: 5 },
        ],
      ],
    ]),
    9,
    30,
  );
  assert.deepEqual([[...c.contacts], c.unidentified], [[[2, 1_800_000]], 1]);
});

for (const dialect of dialects()) {
  describe(`tracing on ${dialect}`, async () => {
    const t = await testApp(dialect);
    const ctx = t.ctx;
    after(() => t.close());
    afterEach(() => assertStateMatchesDatabase(t.ctx));
    const pid: number[] = [];
    let keys: Awaited<ReturnType<typeof checkState>>['keys'];
    const scan = (venue: string, n: number, when: string) =>
      check(
        ctx,
        { venueCode: signVenueCode(keys, venue, 1), personalCode: personalCode(keys, pid[n] as number, at(when)) },
        { guard: null, now: at(when) },
      );

    before(async () => {
      await ctx.db.k.transaction().execute((trx) =>
        insertPersons(
          trx,
          Array.from({ length: 9 }, (_, n) =>
            sealPerson(ctx.crypto, { idNumber: id(n), name: `张三${n}`, communityCode: '350102001001' }, '2022-11-01'),
          ),
        ),
      );
      pid.push(...(await ctx.db.k.selectFrom('persons').select('id').orderBy('id').execute()).map((r) => Number(r.id)));
      await createVenues(ctx, 'system', [
        { code: 'MARKET', name: '农贸市场', category: 'mall-market', communityCode: '350102001001' },
        { code: 'OFFICE', name: '写字楼', category: 'office', communityCode: '350102001001' },
      ]);
      keys = (await checkState(ctx)).keys;
      const record = {
        caseNo: 'FZ-T1',
        kind: 'asymptomatic' as const,
        origin: 'local' as const,
        reportedOn: '2022-11-10',
        districtCode: '350102',
        streetCode: null,
        communityCode: null,
        detectedVia: 'community-screening' as const,
        reclassifiedOn: null,
        dischargedOn: null,
        releasedOn: null,
        diedOn: null,
      };
      await upsertCases(ctx, 'system', [{ row: 2, record, identity: { idNumber: id(0), name: null, phone: null } }], {
        dryRun: false,
        filename: 'x',
        sha256: 'x',
        today: '2022-12-31',
      });
      // The case (person 0) at the market on the 9th (inside the window) and the 5th (before it).
      await scan('MARKET', 0, '2022-11-09T10:00');
      await scan('MARKET', 1, '2022-11-09T10:20');
      await scan('MARKET', 2, '2022-11-09T10:31');
      await scan('MARKET', 3, '2022-11-09T09:30');
      await scan('OFFICE', 5, '2022-11-09T10:00');
      await scan('MARKET', 0, '2022-11-05T10:00');
      await scan('MARKET', 4, '2022-11-05T10:05');
    });

    test('co-presence puts those within ±30 min at the same venue on the trace list, once', async () => {
      const first = await traceCase(ctx, OFFICER, { caseNo: 'FZ-T1' });
      assert.equal(first.window.from, '2022-11-05T16:00:00.000Z', '4 days before the report day (no positive sample)');
      assert.deepEqual([first.caseScans, first.found, first.added, first.existing], [1, 2, 2, 0]);
      assert.ok(
        first.contacts.every((c) => c.name.includes('*') && c.idNumber.includes('*')),
        'masked',
      );
      const again = await traceCase(ctx, OFFICER, { caseNo: 'FZ-T1' });
      assert.deepEqual([again.found, again.added, again.existing], [2, 0, 2], 'idempotent re-run');
      const audit = await listAudit(ctx.db, { page: 1, pageSize: 10, entity: 'risk-mark', entityId: 'FZ-T1' });
      assert.deepEqual(
        audit.items.map((a) => [a.action, a.actor, (a.detail as { added: number }).added]),
        [['co-presence-traced', 'user:1:tracer', 2]],
        'audited once: the re-run recorded nothing',
      );
      assert.equal((await verifyAudit(ctx.db, ctx.crypto)).ok, true);
      const list = await listMarks(ctx, OFFICER, { caseNo: 'FZ-T1' }, at('2022-11-10T12:00'));
      assert.equal(list.total, 2);
      const since = list.items.map((m) => m.since).sort();
      assert.deepEqual(since, [
        new Date(at('2022-11-09T09:30')).toISOString(),
        new Date(at('2022-11-09T10:20')).toISOString(),
      ]);
      assert.ok(list.items.every((m) => m.source === 'co-presence' && m.effect === 'yellow'));
      const s = await freshColourState(ctx);
      assert.deepEqual(
        [pid[1], pid[3], pid[2], pid[4], pid[0]].map((p) => s.marks.has(p as number)),
        [true, true, false, false, false],
        'in: 20 min and exactly 30 min; out: 31 min, the scan before the window, the case itself',
      );
      const v = await scan('OFFICE', 1, '2022-11-10T12:00');
      assert.equal(v.colourRule, 'fujian-2022-11:trace-list');
      assert.match(v.reasons[0]?.['zh-CN'] ?? '', /黄码：阳性人员潜在接触者.*FZ-T1/);
    });

    test('a close contact is denied at a venue with the reason; withdrawing clears it', async () => {
      const out = await addMarks(ctx, OFFICER, [
        { idNumber: id(5), kind: '密接', since: '2022-11-09 10:00', caseNo: 'FZ-T1' },
      ]);
      assert.deepEqual(out, { added: 1, duplicates: 0 });
      const denied = await scan('MARKET', 5, '2022-11-10T09:00');
      assert.deepEqual(
        [denied.verdict, denied.colour, denied.colourRule],
        ['deny', 'red', 'fujian-2022-11:close-contact'],
      );
      assert.match(
        denied.reasons[0]?.en ?? '',
        /red code: close contact \(index case FZ-T1\), last contact 2022-11-09, day 2/,
      );
      assert.deepEqual(
        await addMarks(ctx, OFFICER, [{ idNumber: id(5), kind: 'close-contact', since: '2022-11-09T10:00' }]),
        {
          added: 0,
          duplicates: 1,
        },
      );
      const [m] = (await listMarks(ctx, OFFICER, { kind: '密接' })).items;
      assert.deepEqual(
        [m?.schedule?.policyId, m?.schedule?.endsOn, m?.schedule?.pcr.length],
        ['cn-9th-edition', '2022-11-18', 6],
        'the quarantine schedule of the version in force on the day of contact',
      );
      const e = await closeRiskMark(ctx, OFFICER, m?.id as number, { reason: ' ' }).catch((x: AppError) => x.code);
      assert.equal(e, 'MARK_REASON_MISSING');
      await closeRiskMark(ctx, OFFICER, m?.id as number, { reason: '身份登记错误' });
      assert.equal((await scan('MARKET', 5, '2022-11-10T09:05')).colour, 'green');
      const closed = (await listMarks(ctx, OFFICER, { active: false })).items;
      assert.deepEqual([closed[0]?.status, closed[0]?.closeReason], ['withdrawn', '身份登记错误']);
    });

    test('negatives reach the colour state: the index at once, the history on person-status', async () => {
      await addMarks(ctx, OFFICER, [{ idNumber: id(6), kind: 'trace-list', since: '2022-11-09 10:00' }]);
      const s = await freshColourState(ctx);
      assert.ok(s.marks.has(pid[6] as number), 'marks-changed reloaded the marks');
      const tube = (code: string, sampled: string) => ({
        code,
        pool_size: 1,
        site_code: 'S',
        campaign_id: null,
        round: null,
        district_code: '350102',
        first_sampled_at: new Date(at(sampled)).toISOString(),
        samples: 1,
        received_at: null,
        receiving_lab: null,
        result: 'negative',
        resulted_at: new Date(at(sampled) + 6 * H).toISOString(),
        lab_code: 'L',
        ct_value: null,
        status: 'resulted',
      });
      await ctx.db.k
        .insertInto('tubes')
        .values([tube('N1', '2022-11-10T08:00'), tube('N2', '2022-11-11T09:00')])
        .execute();
      await ctx.db.k
        .insertInto('samples')
        .values([
          {
            tube_code: 'N1',
            person_id: pid[6] as number,
            sampled_at: new Date(at('2022-11-10T08:00')).toISOString(),
            repeat_in_round: 0,
          },
          {
            tube_code: 'N2',
            person_id: pid[6] as number,
            sampled_at: new Date(at('2022-11-11T09:00')).toISOString(),
            repeat_in_round: 0,
          },
        ])
        .execute();
      assert.equal((await scan('MARKET', 6, '2022-11-11T11:00')).colour, 'yellow', 'no negative known yet');
      // The results service updates the index after its commit; the index announces 'person-status'.
      await recordTests(t.ctx, pid[6] as number, { lastNegativeSampledAt: at('2022-11-11T09:00') });
      await new Promise((r) => setImmediate(r));
      assert.ok(s.staleNegatives.has(pid[6] as number), 'the colour state heard of the marked person');
      const v = await scan('MARKET', 6, '2022-11-11T12:00');
      assert.deepEqual([v.colour, v.colourRule], ['green', 'fujian-2022-11:default'], '2 negatives 25 h apart');
    });

    test('two readers of a stale colour state wait for the one reload under way', async () => {
      const s = await freshColourState(ctx);
      await addMarks(ctx, OFFICER, [{ idNumber: id(7), kind: 'trace-list', since: '2022-11-09 10:00' }]);
      await new Promise((r) => setImmediate(r));
      assert.equal(colourFresh(s), false, 'marks-changed left the state stale');
      // The second reader must not be handed the state while the first one's reload is reading.
      const seen = await Promise.all([0, 1].map(async () => (await freshColourState(ctx)).marks.has(pid[7] as number)));
      assert.deepEqual(seen, [true, true]);
      assert.equal(colourFresh(s), true);
    });

    test('import: all or nothing with row numbers, then idempotent', async () => {
      const csv = (rows: string[]) => Buffer.from(['身份证号码,类别,时间,关联病例,风险区,来源地', ...rows].join('\n'));
      const good = [
        `${id(7)},来榕,2022-11-10 21:00,,,上海市`,
        `${id(8)},发热门诊,2022-11-11 09:00,,,`,
        `${id(7)},离开风险区,2022-11-08 12:00,,GL-H-001,`,
      ];
      const bad = [
        good[0] as string,
        `${id(8)},离开风险区,2022-11-08 12:00,,,`,
        `${id(8)},串门,2022-11-08,,,`,
        `${id(2)},密接,2022-11-09,FZ-NONE,,`,
      ];
      const err = await addMarks(ctx, OFFICER, await readMarkSheet(csv(bad)), 'import').catch((e: AppError) => e);
      assert.equal((err as AppError).code, 'MARK_ROWS_INVALID');
      const issues = (err as AppError).details as { issues: Array<{ row: number; column: string; code: string }> };
      assert.deepEqual(
        issues.issues.map((i) => [i.row, i.column, i.code]),
        [
          [3, 'zone', 'MARK_ZONE_MISSING'],
          [4, 'kind', 'MARK_KIND_UNKNOWN'],
          [5, 'caseNo', 'MARK_CASE_UNKNOWN'],
        ],
      );
      assert.equal((await listMarks(ctx, OFFICER, { kind: 'arrival' })).total, 0, 'nothing stored');
      assert.deepEqual(await addMarks(ctx, OFFICER, await readMarkSheet(csv(good)), 'import'), {
        added: 3,
        duplicates: 0,
      });
      assert.deepEqual(await addMarks(ctx, OFFICER, await readMarkSheet(csv(good)), 'import'), {
        added: 0,
        duplicates: 3,
      });
      const arrival = await scan('MARKET', 7, '2022-11-11T10:00');
      assert.deepEqual(
        [arrival.colour, arrival.colourRule],
        ['red', 'fujian-2022-11:left-zone'],
        'the most severe mark wins',
      );
      const fever = await scan('OFFICE', 8, '2022-11-11T10:00');
      assert.equal(fever.colourRule, 'fujian-2022-11:fever-clinic');
    });

    test('API: trace, list, export, permissions', async () => {
      await t.user('officer', 'district-officer', { kind: 'district', code: '350102' });
      await t.user('lab1', 'lab', { kind: 'city', code: '3501' });
      const cookie = await t.login('officer');
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tracing/cases/FZ-T1/trace',
        headers: { cookie },
        payload: {},
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual([r.json().found, r.json().added], [2, 0]);
      const list = await t.app.inject({
        url: '/api/v1/tracing/marks?kind=trace-list&active=true',
        headers: { cookie },
      });
      assert.ok(list.json().items.length >= 2);
      assert.ok(!list.body.includes('张三1'), 'names masked');
      const x = await t.app.inject({ url: '/api/v1/tracing/marks.xlsx', headers: { cookie } });
      assert.equal(x.statusCode, 200);
      assert.equal(x.rawPayload.readUInt32LE(0), 0x04034b50, 'an XLSX (zip)');
      // Names, not codes; Beijing wall time, not UTC ISO.
      const back = await readTable(x.rawPayload);
      const col = (title: string) => back.header.findIndex((h) => h.startsWith(title));
      const first = back.rows.find((r) => r.cells[col('类别')] === '协查名单')?.cells ?? [];
      assert.equal(first[col('区县')], '鼓楼区');
      assert.match(first[col('起算时间')] ?? '', /^2022-\d\d-\d\d \d\d:\d\d$/);
      assert.equal(first[col('来源 ')], '时空伴随');
      assert.equal(first[col('状态 ')], '有效');
      const sheet = await workbook([
        {
          name: 'marks',
          header: ['idNumber', 'kind', 'since', 'origin'],
          rows: [[id(2), 'arrival', '2022-11-11 08:00', '厦门市']],
        },
      ]);
      const upload = (q: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/imports/tracing-marks${q}`,
          headers: { cookie, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
          payload: sheet,
        });
      assert.deepEqual((await upload('?dryRun=true')).json(), { added: 0, duplicates: 0, valid: 1 });
      const imported = await upload('');
      assert.deepEqual([imported.statusCode, imported.json()], [201, { added: 1, duplicates: 0 }]);
      assert.deepEqual((await upload('')).json(), { added: 0, duplicates: 1 }, 'the same sheet again');
      const lab = await t.login('lab1');
      const denied = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tracing/cases/FZ-T1/trace',
        headers: { cookie: lab },
        payload: {},
      });
      assert.equal(denied.statusCode, 403);
    });
  });
}
