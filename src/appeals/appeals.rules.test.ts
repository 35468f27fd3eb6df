import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addDuration,
  checkCreditCode,
  creditCheckChar,
  DEFAULT_DEADLINES,
  deadlineRuleFor,
  deadlinesOf,
  overdueReason,
  STATUSES,
  type Status,
  troubleOf,
  withCheckChar,
} from './appeals.rules.ts';
import { ACTIONS, type Action, nextStatus } from './workflow.rules.ts';

describe('unified social credit code', () => {
  test('a published code passes and its check character is recomputed', () => {
    // 91350100MA2XN7Q50B-style codes: build one and check the arithmetic by hand.
    const code = withCheckChar('91350100MA2Y8K3P0');
    assert.deepEqual(checkCreditCode(code), { ok: true, code });
    assert.deepEqual(checkCreditCode(code.toLowerCase()), { ok: true, code });
    // Σ value×weight for 91110000600037341 (a well-known Beijing code) gives check L.
    assert.equal(creditCheckChar('91110000600037341'), 'L');
  });

  test('each wrong part is named', () => {
    const good = withCheckChar('91350100MA2Y8K3P0');
    assert.deepEqual(checkCreditCode(good.slice(0, 17)), {
      ok: false,
      problem: { code: 'CREDIT_CODE_LENGTH', length: 17 },
    });
    const withI = `${good.slice(0, 10)}I${good.slice(11)}`;
    assert.deepEqual(checkCreditCode(withI), {
      ok: false,
      problem: { code: 'CREDIT_CODE_CHARSET', position: 11, char: 'I' },
    });
    assert.equal(
      (checkCreditCode(withCheckChar('B1350100MA2Y8K3P0')) as { problem: { code: string } }).problem.code,
      'CREDIT_CODE_AUTHORITY',
    );
    assert.deepEqual(checkCreditCode(withCheckChar('97350100MA2Y8K3P0')), {
      ok: false,
      problem: { code: 'CREDIT_CODE_ENTITY_TYPE', char: '7', authority: '9' },
    });
    assert.deepEqual(checkCreditCode(withCheckChar('91990100MA2Y8K3P0')), {
      ok: false,
      problem: { code: 'CREDIT_CODE_AREA', area: '990100' },
    });
    const last = good[17] as string;
    const wrong = last === '0' ? '1' : '0';
    assert.deepEqual(checkCreditCode(good.slice(0, 17) + wrong), {
      ok: false,
      problem: { code: 'CREDIT_CODE_CHECK', expected: last, actual: wrong },
    });
  });
});

describe('workflow transitions', () => {
  // The full table of allowed transitions; everything else must be refused.
  const allowed: Record<string, Status> = {
    'received/dispatch': 'dispatched',
    'dispatched/dispatch': 'dispatched',
    'dispatched/sign': 'signed',
    'dispatched/return': 'received',
    'signed/return': 'received',
    'signed/note': 'signed',
    'signed/reply': 'replied',
    'replied/close': 'closed',
    'received/merge': 'merged',
    'dispatched/merge': 'merged',
    'signed/merge': 'merged',
    'received/escalate': 'received',
    'dispatched/escalate': 'dispatched',
    'signed/escalate': 'signed',
    'replied/escalate': 'replied',
  };

  test('every status × action pair is allowed exactly as the table says', () => {
    for (const s of STATUSES)
      for (const a of ACTIONS) {
        if (a === 'rate') continue;
        const got = nextStatus({ status: s, escalated: false }, a as Action);
        assert.equal(got, allowed[`${s}/${a}`] ?? null, `${s} + ${a}`);
      }
  });

  test('replying before sign-off, signing twice, acting on closed or merged appeals are refused', () => {
    assert.equal(nextStatus({ status: 'dispatched', escalated: false }, 'reply'), null);
    assert.equal(nextStatus({ status: 'received', escalated: false }, 'reply'), null);
    assert.equal(nextStatus({ status: 'signed', escalated: false }, 'sign'), null);
    for (const a of ACTIONS) {
      assert.equal(nextStatus({ status: 'closed', escalated: false }, a, 'satisfied'), null, `closed + ${a}`);
      assert.equal(nextStatus({ status: 'merged', escalated: false }, a, 'satisfied'), null, `merged + ${a}`);
    }
  });

  test('a rating closes a replied appeal, an unsatisfied one reopens it; only replied appeals are rated', () => {
    assert.equal(nextStatus({ status: 'replied', escalated: false }, 'rate', 'satisfied'), 'closed');
    assert.equal(nextStatus({ status: 'replied', escalated: false }, 'rate', 'basic'), 'closed');
    assert.equal(nextStatus({ status: 'replied', escalated: false }, 'rate', 'unsatisfied'), 'signed');
    assert.equal(nextStatus({ status: 'replied', escalated: false }, 'rate'), null);
    for (const s of STATUSES.filter((x) => x !== 'replied'))
      assert.equal(nextStatus({ status: s, escalated: false }, 'rate', 'satisfied'), null);
  });

  test('escalation happens once', () => {
    assert.equal(nextStatus({ status: 'signed', escalated: true }, 'escalate'), null);
  });
});

describe('deadlines', () => {
  test('defaults follow the 12345 norms', () => {
    assert.deepEqual(deadlineRuleFor('critical', 'production', []).resolve, { amount: 2, unit: 'hours' });
    assert.deepEqual(deadlineRuleFor('urgent', 'logistics', []).resolve, { amount: 24, unit: 'hours' });
    assert.deepEqual(deadlineRuleFor('normal', 'permits', []).resolve, { amount: 7, unit: 'days' });
    assert.deepEqual(deadlineRuleFor('complex', 'finance', []).resolve, { amount: 15, unit: 'days' });
    assert.deepEqual(deadlineRuleFor('normal', 'enquiry', []).resolve, { amount: 3, unit: 'working-days' });
  });

  test('configured rules win, exact category before any', () => {
    const custom = {
      ...(DEFAULT_DEADLINES[2] as (typeof DEFAULT_DEADLINES)[number]),
      resolve: { amount: 5, unit: 'days' as const },
    };
    assert.deepEqual(deadlineRuleFor('normal', 'permits', [custom]).resolve, { amount: 5, unit: 'days' });
    assert.deepEqual(deadlineRuleFor('normal', 'enquiry', [custom]).resolve, { amount: 5, unit: 'days' });
    const exact = { ...custom, category: 'enquiry' as const, resolve: { amount: 1, unit: 'working-days' as const } };
    assert.deepEqual(deadlineRuleFor('normal', 'enquiry', [custom, exact]).resolve, {
      amount: 1,
      unit: 'working-days',
    });
  });

  test('working days skip the weekend in local time', () => {
    // Friday 4 Nov 2022 10:00 +08:00 + 3 working days = Wednesday 9 Nov 10:00.
    assert.equal(
      addDuration('2022-11-04T02:00:00.000Z', { amount: 3, unit: 'working-days' }),
      '2022-11-09T02:00:00.000Z',
    );
    // Friday 23:30 local is still Friday: + 1 working day = Monday 23:30.
    assert.equal(
      addDuration('2022-11-04T15:30:00.000Z', { amount: 1, unit: 'working-days' }),
      '2022-11-07T15:30:00.000Z',
    );
    // Saturday 5 Nov + 1 working day = Monday 7 Nov.
    assert.equal(
      addDuration('2022-11-05T02:00:00.000Z', { amount: 1, unit: 'working-days' }),
      '2022-11-07T02:00:00.000Z',
    );
    // Calendar days do not skip.
    assert.equal(addDuration('2022-11-04T02:00:00.000Z', { amount: 3, unit: 'days' }), '2022-11-07T02:00:00.000Z');
    const d = deadlinesOf('2022-11-04T02:00:00.000Z', deadlineRuleFor('normal', 'enquiry', []));
    assert.deepEqual(d, { signDueAt: '2022-11-07T02:00:00.000Z', dueAt: '2022-11-09T02:00:00.000Z' });
  });

  test('overdue: sign-off first, then resolution; replied and closed are never overdue', () => {
    const a = {
      status: 'dispatched' as Status,
      signedAt: null,
      signDueAt: '2022-11-02T00:00:00Z',
      dueAt: '2022-11-08T00:00:00Z',
    };
    assert.equal(overdueReason(a, '2022-11-01T00:00:00Z'), null);
    assert.equal(overdueReason(a, '2022-11-03T00:00:00Z'), 'sign-overdue');
    assert.equal(
      overdueReason({ ...a, status: 'signed', signedAt: '2022-11-01' }, '2022-11-09T00:00:00Z'),
      'reply-overdue',
    );
    assert.equal(overdueReason({ ...a, status: 'replied' }, '2022-11-09T00:00:00Z'), null);
  });
});

describe('whitelist trouble', () => {
  const ok = {
    production: 'normal' as const,
    capacityPct: 95,
    materialDays: 10,
    logisticsBlocked: false,
    staffOnSite: 100,
    staffClosedLoop: 20,
  };
  test('a normal report asks for nothing', () => assert.deepEqual(troubleOf(ok), {}));
  test('a stop opens an urgent production appeal and a task', () => {
    const t = troubleOf({ ...ok, production: 'stopped', capacityPct: 0 });
    assert.equal(t.appeal?.category, 'production');
    assert.equal(t.appeal?.urgency, 'urgent');
    assert.ok(t.task);
  });
  test('low material or blocked logistics open an appeal; low capacity a task', () => {
    assert.equal(troubleOf({ ...ok, materialDays: 2 }).appeal?.category, 'materials');
    assert.equal(troubleOf({ ...ok, logisticsBlocked: true }).appeal?.category, 'logistics');
    const reduced = troubleOf({ ...ok, production: 'reduced', capacityPct: 40 });
    assert.equal(reduced.appeal, undefined);
    assert.ok(reduced.task);
  });
});
