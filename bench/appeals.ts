// The dispatcher's filtered list and the dashboard over 1,000,000 appeals: Banyan's service calls
// against the same filters as one raw better-sqlite3 query, in the same run. SQLite only here;
// set DATABASE_URL=postgres://… to run the Banyan side on PostgreSQL (the baseline stays SQLite).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Insertable, sql } from 'kysely';
import { appealsDashboard } from '../src/appeals/appeals.dashboard.ts';
import { CATEGORIES, CHANNELS, STATUSES } from '../src/appeals/appeals.rules.ts';
import { listAppeals } from '../src/appeals/appeals.service.ts';
import type { AppealRow } from '../src/appeals/appeals.tables.ts';
import { MIGRATIONS } from '../src/migrations.ts';
import type { Actor } from '../src/platform/auth/auth.rules.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import { openDb } from '../src/platform/db/db.ts';
import { migrate } from '../src/platform/db/migrations.repo.ts';
import { Rng } from '../src/sim/rng.ts';

const N = Number(process.env.BENCH_APPEALS || 1_000_000);
const RUNS = 20;
const CITY: Actor = { userId: 0, username: 'bench', role: 'appeals-handler', scope: { kind: 'city', code: '3501' } };
const DISTRICTS = ['350102', '350103', '350104', '350105', '350111', '350112', '350121', '350181'];
const NOW = '2022-11-08T00:00:00.000Z';

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; p50: number; result: T }> {
  const times: number[] = [];
  let result: T = await fn(); // warm
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.max(...times), p50: times[Math.floor(times.length / 2)] as number, result };
}

/** p50 and worst of the queue query and the dashboard at N appeals, with the raw baseline. */
export async function benchAppeals(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-bench-'));
  try {
    const file = join(dir, 'banyan.db');
    const db = openDb({ url: process.env.DATABASE_URL || null, file });
    await migrate(db, MIGRATIONS);
    const secret = randomBytes(32).toString('base64url');
    const crypto = createCrypto(secret);
    const ctx = { config: loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: dir }), db, crypto };
    const rng = new Rng(7);
    const phoneEnc = crypto.encrypt('13800005678');
    const start = Date.parse('2022-10-01T00:00:00Z');
    const span = Date.parse(NOW) - start;
    const t0 = performance.now();
    for (let i = 0; i < N; i += 10_000) {
      const rows: Insertable<AppealRow>[] = [];
      for (let j = i; j < Math.min(N, i + 10_000); j++) {
        const received = new Date(start + Math.floor(rng.next() * span)).toISOString();
        const status = rng.weighted(STATUSES, [5, 8, 12, 10, 60, 5]);
        const due = new Date(Date.parse(received) + 7 * 86_400_000).toISOString();
        rows.push({
          tracking_no: `SQ${String(j).padStart(14, '0')}`,
          idem_key: null,
          channel: rng.pick(CHANNELS),
          submitter: 'enterprise',
          enterprise_id: null,
          contact_name_mask: null,
          contact_name_enc: null,
          phone_enc: phoneEnc,
          phone_hash: `h${j % 50_000}`,
          phone_mask: '138****5678',
          phone_last4_hash: 'x',
          district_code: rng.pick(DISTRICTS),
          category: rng.pick(CATEGORIES),
          urgency: 'normal',
          title: rng.pick(['货车通行证办理', '原材料库存告急', '员工返岗', '稳岗补贴申请', '防疫政策咨询']),
          content: '请协调解决',
          status,
          unit: status === 'received' ? null : 'industry',
          received_at: received,
          sign_due_at: new Date(Date.parse(received) + 86_400_000).toISOString(),
          due_at: due,
          dispatched_at: null,
          signed_at: ['signed', 'replied', 'closed'].includes(status) ? received : null,
          replied_at: ['replied', 'closed'].includes(status) ? due : null,
          closed_at: status === 'closed' ? due : null,
          reply: null,
          rating: status === 'closed' ? rng.pick(['satisfied', 'basic', 'unsatisfied']) : null,
          reopen_count: 0,
          repeat_count: 1,
          merged_into: null,
          escalated_at: null,
          escalation_reason: null,
          source_report_id: null,
          updated_at: received,
        });
      }
      await db.k.transaction().execute(async (trx) => {
        for (let k = 0; k < rows.length; k += 500)
          await trx
            .insertInto('appeals')
            .values(rows.slice(k, k + 500))
            .execute();
      });
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    if (db.dialect === 'sqlite') await sql`analyze`.execute(db.k);

    const queue = await time(() =>
      listAppeals(
        ctx,
        CITY,
        { status: 'received', district: '350104', category: 'logistics', page: 1, pageSize: 50 },
        NOW,
      ),
    );
    const overdue = await time(() =>
      listAppeals(ctx, CITY, { overdue: 'true', district: '350112', page: 1, pageSize: 50 }, NOW),
    );
    const search = await time(() =>
      listAppeals(ctx, CITY, { status: 'dispatched', q: '通行证', page: 1, pageSize: 50 }, NOW),
    );
    const dashboard = await time(() =>
      appealsDashboard(ctx, { ...CITY, role: 'commander' }, { from: '2022-11-01', to: '2022-11-07' }, NOW),
    );
    await db.close();

    let baseline: { ms: number; p50: number } | null = null;
    if (!process.env.DATABASE_URL) {
      const raw = new Database(file, { readonly: true });
      const stmt = raw.prepare(
        `select * from appeals where status = ? and district_code = ? and category = ?
         order by received_at desc, id desc limit 50`,
      );
      const count = raw.prepare(
        'select count(*) n from appeals where status = ? and district_code = ? and category = ?',
      );
      baseline = await time(() => {
        stmt.all('received', '350104', 'logistics');
        return count.get('received', '350104', 'logistics');
      });
      raw.close();
    }
    return {
      appeals: N,
      database: db.dialect,
      loadSeconds: Math.round(loadSeconds),
      queueFiltered: { p50ms: round(queue.p50), maxMs: round(queue.ms), total: queue.result.total, targetMs: 100 },
      queueOverdue: { p50ms: round(overdue.p50), maxMs: round(overdue.ms), total: overdue.result.total, targetMs: 100 },
      queueTextSearch: { p50ms: round(search.p50), maxMs: round(search.ms), total: search.result.total, targetMs: 100 },
      dashboard: {
        p50ms: round(dashboard.p50),
        maxMs: round(dashboard.ms),
        total: dashboard.result.total,
        targetMs: 200,
      },
      baselineRawQueue: baseline && { p50ms: round(baseline.p50), maxMs: round(baseline.ms) },
      ratioQueueToBaseline: baseline ? round(queue.p50 / Math.max(baseline.p50, 0.001)) : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
