import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import { AppError } from '../platform/errors.ts';
import { Rng } from '../sim/rng.ts';
import { appealsDashboard } from './appeals.dashboard.ts';
import { type Sender, setSender } from './appeals.outbox.ts';
import { listAppeals } from './appeals.repo.ts';
import { CATEGORIES, CHANNELS, RATINGS, URGENCIES } from './appeals.rules.ts';
import { countsOf, countsReference, overdueCount, overdueCountReference } from './counts.repo.ts';
import { type CountRow, countKey, figuresOf } from './counts.rules.ts';
import { submitAppeal } from './intake.service.ts';
import {
  closeAppeal,
  dispatchAppeals,
  escalateOverdue,
  mergeAppeal,
  rateAppeal,
  replyAppeal,
  returnAppeal,
  signAppeal,
} from './workflow.service.ts';

const CMD: Actor = { userId: 2, username: 'cmd', role: 'commander', scope: { kind: 'city', code: '3501' } };
const DISTRICTS = ['350102', '350104', '350111'];
const sorted = (rows: CountRow[]) => [...rows].sort((a, b) => (countKey(a) < countKey(b) ? -1 : 1));
const dayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`)).toISOString();
const nextDayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();

for (const dialect of dialects()) {
  describe(`appeal counters on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    const sender: Sender = { name: 'test', send: async () => ({ ok: true, detail: 'ok' }) };
    const prev = setSender(sender);
    after(async () => {
      setSender(prev);
      await ctx.close();
    });
    const rng = new Rng(dialect === 'sqlite' ? 5 : 6);
    // Random workflows over ten local days, the clock moving by minutes to a day per step, so
    // deadlines are met and missed and appeals fall on both sides of local midnight.
    let clock = Date.parse('2022-11-01T10:00:00Z');
    const ids: number[] = [];
    let refused = 0;
    for (let step = 0; step < 260; step++) {
      clock += rng.int(1, 60 * (rng.next() < 0.05 ? 24 : 3)) * 60_000;
      const now = new Date(clock).toISOString();
      const id = rng.pick(ids.length ? ids : [0]);
      const status = (await ctx.db.k.selectFrom('appeals').select('status').where('id', '=', id).executeTakeFirst())
        ?.status;
      // Mostly the natural next step of the appeal, sometimes any action (most are then refused).
      const natural: Record<string, string> = {
        received: 'dispatch',
        dispatched: rng.pick(['sign', 'sign', 'sign', 'return']),
        signed: 'reply',
        replied: rng.pick(['rate', 'rate', 'rate', 'close']),
      };
      const any = ['submit', 'dispatch', 'sign', 'reply', 'rate', 'close', 'return', 'merge', 'escalate'];
      const action =
        ids.length < 4 || rng.next() < 0.25
          ? 'submit'
          : rng.next() < 0.75 && status && natural[status]
            ? (natural[status] as string)
            : rng.pick(any);
      try {
        if (action === 'submit') {
          const r = await submitAppeal(
            ctx,
            'system',
            rng.pick(CHANNELS),
            {
              idempotencyKey: `counts-${step}-abcdef`,
              submitter: 'resident',
              phone: `1380000${String(step).padStart(4, '0')}`,
              districtCode: rng.pick(DISTRICTS),
              category: rng.pick(CATEGORIES),
              urgency: rng.pick(URGENCIES),
              title: '原材料运输受阻',
              content: '请协调',
            },
            { now, deliver: false },
          );
          ids.push(r.appeal.id);
        } else if (action === 'dispatch') await dispatchAppeals(ctx, 'system', [id], 'industry', undefined, now);
        else if (action === 'sign') await signAppeal(ctx, 'system', id, now);
        else if (action === 'reply') await replyAppeal(ctx, 'system', id, '已协调', now);
        else if (action === 'rate') await rateAppeal(ctx, 'system', id, rng.pick(RATINGS), undefined, now);
        else if (action === 'close') await closeAppeal(ctx, 'system', id, now);
        else if (action === 'return') await returnAppeal(ctx, 'system', id, '非本单位职责', now);
        else if (action === 'merge') await mergeAppeal(ctx, 'system', id, rng.pick(ids), now);
        else await escalateOverdue(ctx, 'system', now);
      } catch (e) {
        // Out-of-order actions are refused by the rules and must leave the counters untouched.
        if (!(e instanceof AppError)) throw e;
        refused++;
      }
    }
    const end = new Date(clock).toISOString();
    const periods = [
      { from: '2022-10-31', to: '2022-11-30' },
      { from: '2022-11-02', to: '2022-11-04' },
      { from: '2022-11-03', to: '2022-11-03' },
      { from: '2022-10-31', to: '2022-11-30', areaPrefix: '350104' },
    ];

    test('counters equal the GROUP BY over the appeals after random workflows', async () => {
      assert.ok(refused > 10 && ids.length > 40, `${ids.length} appeals, ${refused} refused`);
      const all = await countsOf(ctx.db.k, periods[0] as (typeof periods)[0]);
      const statuses = new Set(all.filter((r) => r.dim === 'status').map((r) => r.key));
      for (const s of ['received', 'dispatched', 'signed', 'replied', 'closed', 'merged'])
        assert.ok(statuses.has(s), `no appeal ended ${s}`);
      assert.ok(figuresOf(all).measures.reopened > 0 && figuresOf(all).measures.escalated > 0);
      for (const p of periods)
        assert.deepEqual(
          sorted(await countsOf(ctx.db.k, p)),
          sorted(await countsReference(ctx.db.k, dialect, p)),
          JSON.stringify(p),
        );
    });

    test('overdue counts and the overdue list equal the two-deadline predicate', async () => {
      for (const now of ['2022-11-02T00:00:00.000Z', '2022-11-05T12:00:00.000Z', end]) {
        for (const p of periods) {
          const f = { fromAt: dayStart(p.from), toAt: nextDayStart(p.to), now, areaPrefix: p.areaPrefix };
          assert.equal(await overdueCount(ctx.db.k, f), await overdueCountReference(ctx.db.k, f));
        }
        const rows = await ctx.db.k.selectFrom('appeals').selectAll().execute();
        const want = rows
          .filter(
            (a) =>
              ['received', 'dispatched', 'signed'].includes(a.status) &&
              ((a.signed_at == null && a.sign_due_at < now) || a.due_at < now),
          )
          .map((a) => Number(a.id))
          .sort((a, b) => a - b);
        const got = await listAppeals(ctx.db.k, { overdueAt: now }, 0, 1000, dialect);
        assert.deepEqual(
          got.rows.map((r) => r.id).sort((a, b) => a - b),
          want,
        );
      }
    });

    test('the dashboard from counters answers as the GROUP BY path did', async () => {
      for (const p of periods.slice(0, 3)) {
        const d = await appealsDashboard(ctx, CMD, { from: p.from, to: p.to }, end);
        const f = figuresOf(await countsReference(ctx.db.k, dialect, p));
        const overdue = await overdueCountReference(ctx.db.k, {
          fromAt: dayStart(p.from),
          toAt: nextDayStart(p.to),
          now: end,
        });
        assert.deepEqual(
          { byChannel: d.byChannel, byCategory: d.byCategory, byStatus: d.byStatus, byDay: d.byDay },
          { byChannel: f.byChannel, byCategory: f.byCategory, byStatus: f.byStatus, byDay: f.byDay },
        );
        assert.deepEqual(
          d.byDistrict.map(({ key, n }) => ({ key, n })),
          f.byDistrict,
        );
        assert.deepEqual(d.counts, { ...f.measures, overdue });
        assert.equal(d.total, f.measures.total);
      }
    });
  });
}
