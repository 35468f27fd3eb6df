import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { appealPeriod } from '../../src/appeals/appeals.dashboard.ts';
import { type Scope, scopeCoversDivision, scopeOverlapsDivision } from '../../src/platform/auth/auth.rules.ts';
import { declaredRoutes, requireRouteScopes } from '../../src/platform/http/route-scope.ts';
import { DEMO_PASSWORD } from '../../src/sim/accounts.ts';
import { seedScenario } from '../../src/sim/seed.ts';
import { dialects, testCtx } from '../helpers/db.ts';
import { keysOutside, type Req, residentId, type Side, sideOf } from './scope-fixture.ts';
import { type Entry, MATRIX } from './scope-matrix.routes.ts';
import { mutateSide } from './scope-mutations.ts';

type App = Awaited<ReturnType<typeof buildApp>>;
type Response = Awaited<ReturnType<App['inject']>>;

/** A role under test: the demo account, the sides foreign to it and what it may never see. */
interface Role {
  user: string;
  foreign: Array<Side['name']>;
  /** The division scope every division code in its answers must overlap, when it has one. */
  area?: Scope;
  markers: Set<string>;
  /** What it holds beyond a division scope: on those routes every other side is foreign. */
  owns?: 'venues' | 'enterprises' | 'outlets';
}

/** Whether a change to a side must leave the role's answer of a route as it was. */
function foreignTo(role: Role, e: Entry, side: Side): boolean {
  if (e.scope === 'self') return true;
  if (e.scope === 'venue' && role.owns === 'venues') return true;
  if (e.scope === 'enterprise' && role.owns === 'enterprises') return true;
  if (e.scope === 'outlet' && role.owns === 'outlets') return true;
  if (!role.area) return false;
  const area: Scope = e.perDistrict ? { kind: 'district', code: role.area.code.slice(0, 6) } : role.area;
  return !scopeCoversDivision(area, side.community);
}

const DIVISION = /^3501\d{2}(\d{3}(\d{3})?)?$/;

test('an /api/v1 route without a declared scope stops the app from starting', async () => {
  const app = Fastify();
  requireRouteScopes(app);
  app.get('/healthz', async () => 'ok');
  app.get('/api/v1/declared', { config: { scope: 'public' } }, async () => 'ok');
  assert.throws(() => app.get('/api/v1/forgotten', async () => 'x'), /GET \/api\/v1\/forgotten declares no scope/);
  assert.throws(
    () => app.get('/api/v1/misspelt', { config: { scope: 'distrct' as 'district' } }, async () => 'x'),
    /declares no scope/,
  );
  await app.close();
});

test('the appeals dashboard refuses another district below the route too, and narrows a street', () => {
  const officer = (kind: 'district' | 'street', code: string) =>
    ({ userId: 1, username: 'o', role: 'district-officer', scope: { kind, code } }) as const;
  const now = '2022-11-09T12:00:00Z';
  assert.throws(() => appealPeriod(officer('district', '350102'), { district: '350104' }, now), /outside your/);
  assert.equal(appealPeriod(officer('district', '350102'), { district: '350102' }, now).areaPrefix, '350102');
  assert.equal(appealPeriod(officer('street', '350102001'), { district: '350102' }, now).areaPrefix, '350102001');
});

/** An answer as path → value, so that two answers compare field by field (XLSX: sheet/row/header). */
async function flatten(r: Response): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const type = String(r.headers['content-type'] ?? '');
  if (type.includes('json')) {
    const walk = (v: unknown, path: string) => {
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k}`);
      else out.set(path, String(v));
    };
    walk(JSON.parse(r.body), '');
  } else if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    for (const ws of wb.worksheets) {
      const head = ws.getRow(1);
      ws.eachRow((row, n) =>
        row.eachCell((c, col) => void out.set(`${ws.name}/${n}/${head.getCell(col).text}`, String(c.text))),
      );
    }
  } else out.set('', r.body);
  return out;
}

/**
 * What in an answer belongs to another side: its record keys, or (on a scoped route) a division
 * outside the role's area. Paths the entry allows (a reference from one's own record) are skipped.
 */
function leaks(role: Role, e: Entry, body: Map<string, string>): string[] {
  const found: string[] = [];
  const divisions = role.area && e.scope !== 'city' && e.scope !== 'public';
  for (const [path, v] of body) {
    if (e.allow?.test(path)) continue;
    if (role.markers.has(v)) found.push(`${path}=${v}`);
    else if (divisions && DIVISION.test(v) && !scopeOverlapsDivision(role.area as Scope, v)) found.push(`${path}=${v}`);
  }
  return found.slice(0, 5);
}

for (const dialect of dialects()) {
  describe(`scope matrix on ${dialect}`, async () => {
    // Seeded before the app exists: with the app's status index listening, seeding takes 5× as long.
    const ctx = await testCtx(dialect);
    await seedScenario(ctx, { scale: 0.0001 });
    const app = await buildApp(ctx, { logger: false });
    after(async () => {
      await app.close();
      await ctx.close();
    });
    const cookies = new Map<string, string>();
    const sides = new Map<Side['name'], Side>();
    const roles: Role[] = [];
    let ip = 1;
    const as = (user: string, req: Req) =>
      app.inject({
        ...req,
        headers: { ...req.headers, cookie: cookies.get(user) ?? '' },
      } as never) as Promise<Response>;
    const ok = async (user: string, req: Req) => {
      const r = await as(user, req);
      assert.ok(r.statusCode < 300, `${user} ${req.method} ${req.url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      return r;
    };

    before(async () => {
      const users = ['gulou-officer', 'cangshan-officer', 'taskforce-leader', 'venue-operator', 'liaison'];
      const courier = ['outlet-manager', 'postal-regulator'];
      for (const u of [...users, ...courier, 'enterprise', 'resident', 'commander', 'lab', 'appeals']) {
        // One address each: the per-address sign-in limit is ten a minute.
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/sessions',
          remoteAddress: `192.0.2.${ip++}`,
          payload: { username: u, password: DEMO_PASSWORD },
        });
        assert.equal(r.statusCode, 201, `${u}: ${r.body}`);
        cookies.set(u, `banyan_session=${r.cookies.find((c) => c.name === 'banyan_session')?.value}`);
      }
      for (const [name, district] of [
        ['C', '350104'],
        ['G2', '350102'],
      ] as const) {
        const s = await sideOf(ctx, name, district);
        const idNumber = residentId(district, name === 'C' ? 911 : 912);
        const p = await ok('commander', {
          method: 'POST',
          url: '/api/v1/persons',
          payload: { idNumber, name: '矩阵甲', communityCode: s.community },
        });
        s.person = { id: p.json().person.id, idNumber };
        const o = await ok('commander', {
          method: 'POST',
          url: '/api/v1/colour-overrides',
          payload: { personId: s.person.id, colour: 'yellow', reason: 'matrix fixture: pending override', hours: 2 },
        });
        s.override = o.json().override.id;
        // The demo's points follow its zones, which a small scale may leave a district without.
        const point = await ok('postal-regulator', {
          method: 'POST',
          url: '/api/v1/courier/delivery-points',
          payload: { zoneCode: s.zone, kind: 'smart-locker', name: `矩阵${name}快件箱` },
        });
        s.point = point.json().point.id;
        sides.set(name, s);
      }
      const own = async (q: ReturnType<typeof sql<{ k: string }>>) => (await q.execute(ctx.db.k)).rows.map((r) => r.k);
      const operatorVenues = await own(
        sql`select v.code as k from venues v join venue_operators o on o.venue_id = v.id join users u on u.id = o.user_id where u.username = 'venue-operator'`,
      );
      const liaisonEnterprises = await own(
        sql`select e.credit_code as k from enterprises e join appeal_accounts a on a.cadre_id = e.liaison_cadre_id where a.username = 'liaison'`,
      );
      const accountEnterprise = await own(
        sql`select e.credit_code as k from enterprises e join appeal_accounts a on a.enterprise_id = e.id where a.username = 'enterprise'`,
      );
      const managerOutlets = await own(
        sql`select o.code as k from courier_outlets o join courier_outlet_managers m on m.outlet_id = o.id join users u on u.id = m.user_id where u.username = 'outlet-manager'`,
      );
      assert.equal(managerOutlets.length, 1, 'the demo outlet manager runs one outlet');
      const gulou = { kind: 'district', code: '350102' } as const;
      roles.push(
        { user: 'gulou-officer', foreign: ['C'], area: gulou, markers: await keysOutside(ctx, { district: '350102' }) },
        {
          user: 'cangshan-officer',
          foreign: ['G2'],
          area: { kind: 'district', code: '350104' },
          markers: await keysOutside(ctx, { district: '350104' }),
        },
        {
          user: 'taskforce-leader',
          foreign: ['C', 'G2'],
          area: { kind: 'street', code: '350102001' },
          markers: await keysOutside(ctx, { district: '350102', street: '350102001' }),
        },
        {
          user: 'venue-operator',
          foreign: ['C', 'G2'],
          area: gulou,
          markers: await keysOutside(ctx, { district: '350102', venues: operatorVenues }),
          owns: 'venues',
        },
        {
          user: 'liaison',
          foreign: ['C', 'G2'],
          markers: await keysOutside(ctx, { enterprises: liaisonEnterprises }),
          owns: 'enterprises',
        },
        {
          user: 'enterprise',
          foreign: ['C', 'G2'],
          markers: await keysOutside(ctx, { enterprises: accountEnterprise }),
          owns: 'enterprises',
        },
        {
          user: 'outlet-manager',
          foreign: ['C', 'G2'],
          area: gulou,
          markers: await keysOutside(ctx, { district: '350102', outlets: managerOutlets }),
          owns: 'outlets',
        },
        { user: 'resident', foreign: ['C', 'G2'], markers: new Set() },
      );
    });

    test('every route of the app is in the matrix, with the scope it declares', () => {
      const routes = declaredRoutes(app).filter((r) => r.url.startsWith('/api/v1/'));
      const inApp = new Map(routes.map((r) => [`${r.method} ${r.url}`, r.scope]));
      assert.ok(inApp.size > 100, `only ${inApp.size} routes seen`);
      assert.deepEqual(
        [...inApp.keys()].filter((k) => !MATRIX[k]),
        [],
        'routes the matrix does not know: add them to test/hardening/scope-matrix.routes.ts',
      );
      assert.deepEqual(
        Object.keys(MATRIX).filter((k) => !inApp.has(k)),
        [],
        'matrix entries for routes that no longer exist',
      );
      assert.deepEqual(
        Object.entries(MATRIX)
          .filter(([k, e]) => inApp.get(k) !== e.scope)
          .map(([k, e]) => `${k}: declared ${inApp.get(k)}, matrix ${e.scope}`),
        [],
      );
    });

    test('lists and aggregates carry nothing of another side; a filter naming another side is refused', async () => {
      const failures: string[] = [];
      // Every division filter a scoped route takes is tried with the other side's division.
      const FILTERS = [
        ['district', (s: Side) => s.district],
        ['street', (s: Side) => s.street],
        ['community', (s: Side) => s.community],
      ] as const;
      const scoped = declaredRoutes(app).filter((r) => r.scope !== 'public' && r.scope !== 'city');
      for (const role of roles)
        for (const [key, e] of Object.entries(MATRIX)) {
          if (!e.list) continue;
          const r = await as(role.user, e.list);
          if (r.statusCode >= 500) failures.push(`${role.user} ${key}: ${r.statusCode}`);
          if (r.statusCode < 300)
            for (const l of leaks(role, e, await flatten(r))) failures.push(`${role.user} ${key}: ${l}`);
          const route = scoped.find((x) => `${x.method} ${x.url}` === key);
          for (const [name, of] of FILTERS) {
            if (!route || !hasQueryParam(app, route.method, route.url, name)) continue;
            for (const side of role.foreign) {
              const d = of(sides.get(side) as Side);
              const url = `${e.list.url}${e.list.url.includes('?') ? '&' : '?'}${name}=${d}`;
              const f = await as(role.user, { ...e.list, url });
              const what = `${role.user} ${key} ${name}=${d}`;
              if (role.area && !scopeOverlapsDivision(role.area, d)) {
                if (f.statusCode !== 403) failures.push(`${what}: ${f.statusCode}, not 403`);
              } else if (f.statusCode >= 500) failures.push(`${what}: ${f.statusCode}`);
              else if (f.statusCode < 300)
                for (const l of leaks(role, e, await flatten(f))) failures.push(`${what}: ${l}`);
            }
          }
        }
      assert.deepEqual(failures, []);
    });

    test('answers do not change when only another side’s data changes', async () => {
      const reads = Object.entries(MATRIX).filter(([, e]) => e.list && e.scope !== 'public' && e.scope !== 'city');
      type Snap = Map<string, Map<string, string>>;
      const snapshot = async () => {
        const all: Snap = new Map();
        for (const role of roles)
          for (const [key, e] of reads) {
            const r = await as(role.user, e.list as Req);
            const body = r.statusCode < 300 ? await flatten(r) : new Map([['status', String(r.statusCode)]]);
            all.set(`${role.user} ${key}`, body);
          }
        return all;
      };
      const a = await snapshot();
      const b = await snapshot();
      // Paths that differ with nothing changed (clocks, generated times) are not compared.
      const volatile = new Set<string>();
      for (const [k, m] of a) for (const [p, v] of m) if (b.get(k)?.get(p) !== v) volatile.add(`${k}${p}`);
      const diff = (x: Snap, y: Snap, user: string, key: string, e: Entry) => {
        const k = `${user} ${key}`;
        const was = x.get(k) as Map<string, string>;
        const is = y.get(k) as Map<string, string>;
        return [...new Set([...was.keys(), ...is.keys()])]
          .filter((p) => !volatile.has(`${k}${p}`) && !e.volatile?.test(p) && was.get(p) !== is.get(p))
          .slice(0, 3)
          .map((p) => `${k}: ${p} ${was.get(p)} → ${is.get(p)}`);
      };
      const failures: string[] = [];
      let last = b;
      for (const name of ['C', 'G2'] as const) {
        const side = sides.get(name) as Side;
        await mutateSide(side, ok);
        const now = await snapshot();
        for (const role of roles)
          for (const [key, e] of reads)
            if (foreignTo(role, e, side)) failures.push(...diff(last, now, role.user, key, e));
        // The same changes reach the side's own officer: the comparison can see them.
        const owner = name === 'C' ? 'cangshan-officer' : 'gulou-officer';
        for (const must of [
          'GET /api/v1/campaigns/:code/progress',
          'GET /api/v1/persons',
          'GET /api/v1/tracing/marks',
          'GET /api/v1/appeals',
          'GET /api/v1/venues/stats',
          'GET /api/v1/enterprises',
          'GET /api/v1/courier/outlets',
          'GET /api/v1/courier/inspections',
          'GET /api/v1/courier/disinfections',
        ])
          assert.ok(
            diff(last, now, owner, must, MATRIX[must] as Entry).length > 0,
            `${owner} sees no change on ${must}`,
          );
        last = now;
      }
      assert.deepEqual(failures, []);
    });

    test('a record of another side is refused, whoever asks', async () => {
      const failures: string[] = [];
      for (const role of roles)
        for (const name of role.foreign)
          for (const [key, e] of Object.entries(MATRIX)) {
            if (!e.at) continue;
            const side = sides.get(name) as Side;
            if (e.inArea && role.area && scopeCoversDivision(role.area, side.community)) continue;
            const req = e.at(side);
            const r = await as(role.user, req);
            if (r.statusCode >= 500 || r.statusCode < 300)
              failures.push(
                `${role.user} ${key} → ${name}'s record (${req.url}): ${r.statusCode} ${r.body.slice(0, 160)}`,
              );
          }
      assert.deepEqual(failures, []);
    });
  });
}

function hasQueryParam(app: App, method: string, url: string, name: string) {
  const doc = app.swagger() as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
  };
  const op = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  return !!op?.parameters?.some((p) => p.in === 'query' && p.name === name);
}
