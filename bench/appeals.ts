// The dispatcher's filtered list, text search and the dashboard over 1,000,000 appeals: Banyan's
// service calls, with the plain filtered list also run as one raw query in the same run.
// BENCH_DIALECT=postgres runs on a random PostgreSQL database created (and dropped) through
// PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres); the default is SQLite.
// BENCH_KEEP=DIR keeps the loaded database (SQLite file in DIR, or PostgreSQL database
// banyan_bench_appeals_keep, with _N for another BENCH_APPEALS) and reuses it on the next run: loading takes ~4 minutes, and new
// migrations then run over (and backfill) the kept 1 M appeals.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { appealsDashboard } from '../src/appeals/appeals.dashboard.ts';
import { insertAppeals, type NewAppeal } from '../src/appeals/appeals.repo.ts';
import { CATEGORIES, CHANNELS, STATUSES } from '../src/appeals/appeals.rules.ts';
import { listAppeals } from '../src/appeals/queries.service.ts';
import { MIGRATIONS } from '../src/migrations.ts';
import { MODULES } from '../src/modules.ts';
import type { Actor } from '../src/platform/auth/auth.rules.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createCrypto } from '../src/platform/crypto.ts';
import { openDb } from '../src/platform/db/db.ts';
import { migrate } from '../src/platform/db/migrations.repo.ts';
import { Rng } from '../src/sim/rng.ts';

const N = Number(process.env.BENCH_APPEALS || 1_000_000);
const RUNS = 40;
const CITY: Actor = { userId: 0, username: 'bench', role: 'appeals-handler', scope: { kind: 'city', code: '3501' } };
const DISTRICTS = ['350102', '350103', '350104', '350105', '350111', '350112', '350121', '350181'];
const NOW = '2022-11-08T00:00:00.000Z';
const ADMIN_URL = process.env.PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

// Titles and contents are composed from 10 subjects and 20 matters (200 titles) with details and
// requests, so a matter such as 停产 or 物流受阻 is in about 10 % of the appeals, a subject such as
// 原材料 in about 19 %, and '请' in nearly all: the worst case, a query that matches most rows.
const SUBJECTS = ['原材料', '员工', '货车', '成品', '订单', '园区', '供应商', '冷链', '出口货物', '闭环人员'];
const MATTERS = [
  '停产待复工',
  '物流受阻',
  '库存告急',
  '返岗困难',
  '无法进场',
  '被高速卡口劝返',
  '延期交付',
  '通行证办理',
  '核酸检测安排',
  '生活物资保障',
  '防疫物资短缺',
  '补贴申请',
  '政策咨询',
  '租金减免',
  '用工缺口',
  '运输成本上涨',
  '滞留港口',
  '隔离期间工资',
  '封控影响生产',
  '断供',
];
const NAMES = ['福州榕树电子', '闽江纺织', '仓山物流', '马尾船舶', '长乐化纤', '鼓楼软件', '晋安食品', '福清玻璃'];
const ASKS = ['请协调解决。', '希望尽快答复。', '请相关部门帮助。', '恳请给予支持。', '请尽快安排。', '盼复。'];
const DETAILS = [
  '目前只能维持三天生产',
  '已影响订单交付',
  '部分产线已经停工',
  '客户要求按期发货',
  '外地员工需要核酸证明',
  '口罩KN95等物资无法到货',
  '已向街道反映未果',
  '车辆在高速出口排队',
];

async function time<T>(fn: () => Promise<T> | T): Promise<{ p50: number; p95: number; max: number; result: T }> {
  const times: number[] = [];
  let result: T = await fn(); // warm
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => round(times[Math.min(times.length - 1, Math.floor(times.length * q))] as number);
  return { p50: at(0.5), p95: at(0.95), max: round(times[times.length - 1] as number), result };
}

async function admin(statement: string) {
  const k = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: ADMIN_URL, max: 1 }) }),
  });
  try {
    await sql.raw(statement).execute(k);
  } finally {
    await k.destroy();
  }
}

/** One synthetic appeal of the benchmark (exported for ad-hoc query-plan checks). */
export function appealRow(rng: Rng, j: number, phoneEnc: string, start: number, span: number): NewAppeal {
  const received = new Date(start + Math.floor(rng.next() * span)).toISOString();
  const status = rng.weighted(STATUSES, [5, 8, 12, 10, 60, 5]);
  const due = new Date(Date.parse(received) + 7 * 86_400_000).toISOString();
  const subject = rng.pick(SUBJECTS);
  const matter = rng.pick(MATTERS);
  const content = `${rng.pick(NAMES)}：${rng.pick(SUBJECTS)}${rng.pick(MATTERS)}，${rng.pick(DETAILS)}。${subject}${matter}，${rng.pick(ASKS)}`;
  return {
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
    title: `${subject}${matter}`,
    content,
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
    reopen_count: rng.next() < 0.03 ? 1 : 0,
    repeat_count: 1,
    merged_into: null,
    escalated_at: null,
    escalation_reason: null,
    source_report_id: null,
    updated_at: received,
  };
}

/** p50, p95 and worst of the queue queries, the text search and the dashboard at N appeals. */
export async function benchAppeals(): Promise<Record<string, unknown>> {
  const keep = process.env.BENCH_KEEP;
  const postgres = process.env.BENCH_DIALECT === 'postgres';
  const dir = keep ? join(keep, postgres ? 'postgres' : 'sqlite') : mkdtempSync(join(tmpdir(), 'banyan-bench-'));
  if (keep) mkdirSync(dir, { recursive: true });
  // Smaller kept loads (BENCH_APPEALS) get their own database, so they never replace the 1 M one.
  const pgName = keep
    ? `banyan_bench_appeals_keep${N === 1_000_000 ? '' : `_${N}`}`
    : `banyan_bench_${randomBytes(6).toString('hex')}`;
  // A kept database is reused only if its load finished (the marker holds the secret of its phones).
  const marker = join(dir, `loaded-${N}`);
  const reuse = keep !== undefined && existsSync(marker);
  let pgUrl: string | null = null;
  if (postgres) {
    if (!reuse) await admin(`drop database if exists ${pgName} with (force)`);
    if (!reuse) await admin(`create database ${pgName}`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${pgName}`;
    pgUrl = u.toString();
  }
  try {
    const file = join(dir, 'banyan.db');
    if (keep && !reuse) rmSync(file, { force: true });
    const db = openDb({ url: pgUrl, file });
    await migrate(db, MIGRATIONS);
    const secret = reuse ? readFileSync(marker, 'utf8') : randomBytes(32).toString('base64url');
    const crypto = createCrypto(secret);
    const ctx = { config: loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: dir }), db, crypto, modules: MODULES };
    const rng = new Rng(7);
    const phoneEnc = crypto.encrypt('13800005678');
    const start = Date.parse('2022-10-01T00:00:00Z');
    const span = Date.parse(NOW) - start;
    const t0 = performance.now();
    // Through the repository's insert (search tokens, overdue instant, counters), 10,000 a transaction.
    for (let i = 0; !reuse && i < N; i += 10_000) {
      const rows: NewAppeal[] = [];
      for (let j = i; j < Math.min(N, i + 10_000); j++) rows.push(appealRow(rng, j, phoneEnc, start, span));
      await db.k.transaction().execute((trx) => insertAppeals(trx, rows));
    }
    const loadSeconds = reuse ? null : (performance.now() - t0) / 1000;
    await sql.raw(postgres ? 'vacuum analyze' : 'analyze').execute(db.k);
    if (keep) writeFileSync(marker, secret);

    const list =
      (q: Record<string, string>, actor = CITY) =>
      () =>
        listAppeals(ctx, actor, { page: 1, pageSize: 50, ...q } as Parameters<typeof listAppeals>[2], NOW);
    const queries: Record<string, Record<string, string>> = {
      queueFiltered: { status: 'received', district: '350104', category: 'logistics' },
      queueOverdue: { overdue: 'true', district: '350112' },
      queueOverdueCity: { overdue: 'true' },
      searchDispatched通行证: { status: 'dispatched', q: '通行证' },
      search停产: { q: '停产' },
      search原材料: { q: '原材料' },
      search物流受阻: { q: '物流受阻' },
      search物流受阻District: { q: '物流受阻', district: '350104', status: 'closed' },
      search原材料库存告急: { q: '原材料库存告急' },
      searchKN95: { q: 'kn95' },
      searchOneChar闭: { q: '闭', district: '350102' },
      searchTrackingNo: { q: 'SQ00000000123456' },
      searchNearlyAll请: { q: '请' },
      // Text with a filter the token index does not hold: an area officer's scope, overdue, dates.
      searchDistrictScope停产: { q: '停产' },
      searchStreetScope停产: { q: '停产' },
      searchOverdue停产: { q: '停产', overdue: 'true' },
      searchOverdueDistrict物流受阻: { q: '物流受阻', overdue: 'true', district: '350104' },
      searchRange停产: { q: '停产', from: '2022-10-10', to: '2022-10-20' },
      searchRange原材料库存告急: { q: '原材料库存告急', from: '2022-10-10', to: '2022-10-20' },
      searchUnit停产: { q: '停产', unit: 'industry' },
      // A unit's inbox: what it has signed for, with and without a search.
      unitInboxSigned: { unit: 'industry', status: 'signed' },
      searchUnitSigned停产: { q: '停产', unit: 'industry', status: 'signed' },
    };
    // A district officer's list carries the district as an area prefix, a street officer's the
    // street's nine digits (appeals hold district codes, so it matches none: every candidate failed).
    const actors: Record<string, Actor> = {
      searchDistrictScope停产: { ...CITY, role: 'appeals-handler', scope: { kind: 'district', code: '350102' } },
      searchStreetScope停产: { ...CITY, role: 'appeals-handler', scope: { kind: 'street', code: '350102001' } },
    };
    const results: Record<string, unknown> = {};
    for (const [name, q] of Object.entries(queries)) {
      const r = await time(list(q, actors[name]));
      results[name] = { p50ms: r.p50, p95ms: r.p95, maxMs: r.max, total: r.result.total, targetMs: 100 };
    }
    const dashboard = await time(() =>
      appealsDashboard(ctx, { ...CITY, role: 'commander' }, { from: '2022-11-01', to: '2022-11-07' }, NOW),
    );
    const dashboardMonth = await time(() =>
      appealsDashboard(ctx, { ...CITY, role: 'commander' }, { from: '2022-10-01', to: '2022-11-07' }, NOW),
    );
    await db.close();

    // The plain filtered list as one raw query in the same run, for the ratio.
    const rawSql = `select * from appeals where status = $1 and district_code = $2 and category = $3
      order by received_at desc, id desc limit 50`;
    const rawCount = 'select count(*) n from appeals where status = $1 and district_code = $2 and category = $3';
    const args = ['received', '350104', 'logistics'];
    let baseline: Awaited<ReturnType<typeof time>>;
    if (postgres) {
      const client = new pg.Client({ connectionString: pgUrl as string });
      await client.connect();
      baseline = await time(async () => {
        await client.query(rawSql, args);
        return client.query(rawCount, args);
      });
      await client.end();
    } else {
      const raw = new Database(file, { readonly: true });
      const stmt = raw.prepare(rawSql.replace(/\$\d/g, '?'));
      const count = raw.prepare(rawCount.replace(/\$\d/g, '?'));
      baseline = await time(() => {
        stmt.all(...args);
        return count.get(...args);
      });
      raw.close();
    }
    const queue = results.queueFiltered as { p50ms: number };
    return {
      appeals: N,
      database: db.dialect,
      loadSeconds: loadSeconds === null ? 'reused a kept database' : Math.round(loadSeconds),
      ...results,
      dashboard: {
        p50ms: dashboard.p50,
        p95ms: dashboard.p95,
        maxMs: dashboard.max,
        total: dashboard.result.total,
        targetMs: 200,
      },
      dashboardMonth: {
        p50ms: dashboardMonth.p50,
        p95ms: dashboardMonth.p95,
        maxMs: dashboardMonth.max,
        total: dashboardMonth.result.total,
        targetMs: 200,
      },
      baselineRawQueue: { p50ms: baseline.p50, p95ms: baseline.p95, maxMs: baseline.max },
      ratioQueueToBaseline: round(queue.p50ms / Math.max(baseline.p50, 0.001)),
    };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
    if (postgres && !keep) await admin(`drop database if exists ${pgName} with (force)`);
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
