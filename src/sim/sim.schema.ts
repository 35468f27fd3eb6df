import { z } from 'zod';

/** GET /api/v1/demo: whether this database holds the synthetic demo, and how to sign in to it. */
export const DemoInfo = z.object({
  demo: z.boolean().describe('The database was seeded with the demo scenario'),
  scenario: z.string().nullable(),
  scale: z.number().nullable().describe("The demo's share of the real population, e.g. 0.01"),
  password: z.string().nullable().describe("The demo accounts' shared password (public: it is printed at start)"),
  accounts: z.array(z.object({ username: z.string(), displayName: z.string(), role: z.string() })),
});
export type DemoInfo = z.infer<typeof DemoInfo>;
