// The route fuzz: every route of the OpenAPI document, on a small seeded scenario, as anonymous and
// as signed-in roles, with generated bodies, headers, path and query values. It fails on any 5xx,
// on any non-2xx answer that is not the error catalogue's JSON shape, and on any documented route
// missing from FUZZED_ROUTES. FUZZ_SEED replays a run; FUZZ_CASES sets the cases per route;
// FUZZ_UNREACHED=1 lists the routes no request got a 2xx from (where the generator falls short).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { withCheckChar } from '../../src/appeals/appeals.rules.ts';
import { AppealInput, EnterpriseInput } from '../../src/appeals/appeals.schema.ts';
import { saveEnterprise } from '../../src/appeals/enterprises.service.ts';
import { submitAppeal } from '../../src/appeals/intake.service.ts';
import { setClock } from '../../src/platform/clock.ts';
import { DEMO_PASSWORD } from '../../src/sim/accounts.ts';
import { SCENARIO_NOW, seedScenario } from '../../src/sim/seed.ts';
import { dialects, testCtx } from '../helpers/db.ts';
import { FuzzRng, fuzzSeed } from '../helpers/fuzz.ts';
import type { Schema } from './fuzz.gen.ts';
import { buildRequest, type FuzzRequest, type Mode, type Operation, type Values } from './fuzz.request.ts';
import { FUZZED_ROUTES } from './fuzz.routes.ts';

const CASES = Number(process.env.FUZZ_CASES || 12);
// Demo accounts: between them every permission, and a district-scoped officer.
const ROLES = [
  'commander',
  'lab',
  'appeals',
  'auditor',
  'guard',
  'enterprise',
  'resident',
  'gulou-officer',
  'industry-power',
  'postal-regulator',
];

/** The JSON values under keys that name records (id, code, creditCode, …), to reach real rows. */
function harvest(v: unknown, out: Map<string, Set<string>>, depth = 0): void {
  if (depth > 6 || v === null || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v)) {
    if ((typeof x === 'string' || typeof x === 'number') && /^(id|code|creditCode|date|trackingNo|tubeCode)$/.test(k)) {
      if (!out.has(k)) out.set(k, new Set());
      const set = out.get(k) as Set<string>;
      if (set.size < 20) set.add(String(x));
    } else harvest(x, out, depth + 1);
  }
}

function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(byMethod)) {
      const body = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.[
        'application/json'
      ]?.schema;
      ops.push({ method: method.toUpperCase(), path, params: (op.parameters as Operation['params']) ?? [], body });
    }
  return ops;
}

/** Why an answer fails the fuzz, or null: a 5xx, or a non-2xx that is not a catalogued error in both languages. */
function verdict(res: LightMyRequestResponse, codes: Set<string>): string | null {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode < 300) return null;
  let body: { error?: { code?: unknown; message?: unknown; messages?: Record<string, unknown> } } | undefined;
  try {
    body = res.json();
  } catch {}
  const e = body?.error;
  const shaped =
    String(res.headers['content-type']).startsWith('application/json') &&
    typeof e?.code === 'string' &&
    codes.has(e.code) &&
    typeof e.message === 'string' &&
    typeof e.messages?.['zh-CN'] === 'string' &&
    typeof e.messages?.en === 'string';
  return shaped ? null : `${res.statusCode} not a catalogued error: ${res.body.slice(0, 300)}`;
}

for (const dialect of dialects()) {
  describe(`route fuzz on ${dialect} (FUZZ_SEED=${fuzzSeed()}, ${CASES} cases a route)`, () => {
    let ctx: Awaited<ReturnType<typeof testCtx>>;
    let app: FastifyInstance;
    let ops: Operation[] = [];
    let codes = new Set<string>();
    const cookies = new Map<string, string>();
    const pools = new Map<string, Map<string, Set<string>>>();
    let logins = 0;

    const login = async (username: string) => {
      // Each sign-in from its own address, so the per-address limit never locks the fuzz out.
      logins++;
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        remoteAddress: `10.99.${logins >> 8}.${logins & 255}`,
        payload: { username, password: DEMO_PASSWORD },
      });
      assert.equal(r.statusCode, 201, `login ${username}: ${r.body}`);
      const c = r.cookies.find((x) => x.name === 'banyan_session');
      cookies.set(username, `banyan_session=${c?.value}`);
    };

    before(async () => {
      setClock(SCENARIO_NOW);
      ctx = await testCtx(dialect);
      // The scenario without its appeals simulation (most of its time); a few appeals and firms instead.
      await seedScenario(ctx, { scale: 0.0001, appeals: false });
      for (const [i, district] of ['350102', '350104', '350111'].entries()) {
        const creditCode = withCheckChar(`91${district}MA2Y8K3P0`);
        await saveEnterprise(ctx, 'system', {
          ...EnterpriseInput.parse({
            creditCode,
            name: `福州${i}号有限公司`,
            industry: '电子信息',
            districtCode: district,
            size: 'small',
          }),
        });
        await submitAppeal(ctx, 'public', 'web', {
          ...AppealInput.parse({
            idempotencyKey: `fuzz-fixture-${i}`,
            submitter: 'enterprise',
            creditCode,
            phone: `1380013800${i}`,
            districtCode: district,
            category: 'logistics',
            title: '货车通行证',
            content: '原料运输受阻',
          }),
        });
      }
      app = await buildApp(ctx, { logger: false });
      ops = operations((await app.inject('/api/openapi.json')).json());
      const catalogue = (await app.inject('/api/v1/errors')).json().items as Array<{ code: string }>;
      codes = new Set(catalogue.map((e) => e.code));
      for (const r of ROLES) await login(r);
      // Real ids and codes from every list a commander can read (twice, with different valid
      // queries), kept by the collection they came from.
      const rng = new FuzzRng(fuzzSeed() + 1);
      const none: Values = { pool: [], pathValues: () => [] };
      for (const op of ops.filter((o) => o.method === 'GET' && !o.path.includes('{')))
        for (let i = 0; i < 2; i++) {
          const req = buildRequest(rng, op, 'valid', none, cookies.get('commander'));
          const r = await app.inject({ method: 'GET', url: req.url, headers: req.headers });
          if (r.statusCode !== 200 || !String(r.headers['content-type']).includes('json')) continue;
          const found = pools.get(op.path) ?? new Map<string, Set<string>>();
          harvest(r.json(), found);
          pools.set(op.path, found);
        }
    });
    after(async () => {
      await app?.close();
      await ctx?.close();
    });

    test('every documented route is in FUZZED_ROUTES, and every listed route is documented', () => {
      const documented = ops.map((o) => `${o.method} ${o.path}`);
      const missing = documented.filter((r) => !FUZZED_ROUTES.includes(r));
      const stale = FUZZED_ROUTES.filter((r) => !documented.includes(r));
      assert.deepEqual(missing, [], 'add these routes to test/hardening/fuzz.routes.ts (and check that they pass)');
      assert.deepEqual(stale, [], 'these listed routes are no longer documented');
    });

    test('no route answers 5xx or an error outside the catalogue, whatever it is sent', async (t) => {
      const rng = new FuzzRng(fuzzSeed());
      const failures: string[] = [];
      const timing: Array<[number, string]> = [];
      const reached = new Set<string>();
      const statuses = new Map<number, number>();
      const values: Values = {
        pool: [...pools.values()].flatMap((m) => [...m.values()].flatMap((s) => [...s])),
        pathValues(op, name) {
          // A path value comes from the list the route hangs off (/zones for /zones/{code}), else from any list.
          const local = pools.get(op.path.slice(0, op.path.indexOf(`/{${name}}`)));
          const near = [...(local?.get(name) ?? []), ...(local?.get(name === 'code' ? 'creditCode' : name) ?? [])];
          return near.length ? near : [...pools.values()].flatMap((m) => [...(m.get(name) ?? [])]);
        },
      };
      const send = async (op: Operation, req: FuzzRequest, who: string | null, label: string) => {
        const started = performance.now();
        const res = await app.inject({ method: op.method as InjectOptions['method'], ...req });
        timing.push([performance.now() - started, `${op.method} ${op.path}`]);
        if (res.statusCode < 300) reached.add(`${op.method} ${op.path}`);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const bad = verdict(res, codes);
        if (bad)
          failures.push(
            `FUZZ_SEED=${fuzzSeed()} ${op.method} ${req.url.slice(0, 200)} as ${who ?? 'anonymous'} (${label}, ${req.headers['content-type'] ?? 'no body'} ${String(req.payload ?? '').slice(0, 200)}): ${bad}`,
          );
        // Signing out ends the session the request used; sign that role in again.
        if (op.method === 'DELETE' && op.path === '/api/v1/sessions/current' && who) await login(who);
        return res.statusCode;
      };
      for (const op of ops) {
        // A valid request as every identity first: who may use the route is who the cases then favour.
        const allowed: Array<string | null> = [];
        for (const who of [null, ...ROLES]) {
          const req = buildRequest(rng, op, 'valid', values, who ? cookies.get(who) : undefined);
          const status = await send(op, req, who, 'probe');
          if (status !== 401 && status !== 403) allowed.push(who);
        }
        for (let i = 0; i < CASES; i++) {
          const who = allowed.length && rng.chance(0.8) ? rng.pick(allowed) : rng.pick([null, ...ROLES]);
          const mode: Mode = rng.pick(['valid', 'mutate', 'mutate', 'mutate', 'chaos']);
          await send(
            op,
            buildRequest(rng, op, mode, values, who ? cookies.get(who) : undefined),
            who,
            `case ${i} ${mode}`,
          );
        }
      }
      timing.sort((a, b) => b[0] - a[0]);
      const total = timing.reduce((sum, [ms]) => sum + ms, 0);
      const slowest = timing.slice(0, 3).map(([ms, r]) => `${r} ${ms.toFixed(0)} ms`);
      t.diagnostic(`${timing.length} requests in ${(total / 1000).toFixed(1)} s; slowest ${slowest.join(', ')}`);
      const answers = [...statuses].sort((a, b) => a[0] - b[0]).map(([c, n]) => `${c}×${n}`);
      t.diagnostic(`answers ${answers.join(' ')}; ${reached.size} of ${ops.length} routes answered 2xx at least once`);
      if (process.env.FUZZ_UNREACHED) {
        const never = ops.map((o) => `${o.method} ${o.path}`).filter((r) => !reached.has(r));
        t.diagnostic(`never 2xx: ${never.join(', ')}`);
      }
      assert.deepEqual(failures, []);
    });
  });
}
