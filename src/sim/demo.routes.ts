import { listEntries } from '../platform/audit/audit.repo.ts';
import type { Ctx } from '../platform/context.ts';
import { type Api, ok } from '../platform/http/zod.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts';
import { SCENARIO } from './fuzhou.ts';
import { DemoInfo } from './sim.schema.ts';

const NOT_DEMO: DemoInfo = { demo: false, scenario: null, scale: null, password: null, accounts: [] };

/**
 * The demo's sign-in help for the login page and its scale for the map: only for a database the
 * scenario was seeded into (its audit entry says so and at which scale); any other says nothing.
 */
export async function demoInfo(ctx: Ctx): Promise<DemoInfo> {
  const { rows } = await listEntries(ctx.db, { offset: 0, limit: 1, entity: 'scenario', entityId: SCENARIO });
  const seeded = rows.find((r) => r.action === 'scenario-seeded');
  if (!seeded) return NOT_DEMO;
  const detail = JSON.parse(seeded.detail || '{}') as { scale?: unknown };
  return {
    demo: true,
    scenario: SCENARIO,
    scale: typeof detail.scale === 'number' ? detail.scale : null,
    password: DEMO_PASSWORD,
    accounts: DEMO_ACCOUNTS.map((a) => ({ username: a.username, displayName: a.displayName, role: a.role })),
  };
}

/** GET /api/v1/demo. */
export async function demoRoutes(app: Api, ctx: Ctx): Promise<void> {
  // Seeded once, before the server starts: the first answer holds for the process's life.
  let known: DemoInfo | undefined;
  app.get(
    '/api/v1/demo',
    {
      config: { scope: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Whether this is the demo, its scale and accounts',
        response: ok(DemoInfo),
      },
    },
    async () => {
      if (known) return known;
      const info = await demoInfo(ctx);
      if (info.demo) known = info;
      return info;
    },
  );
}
