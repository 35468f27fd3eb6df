import type { Migration } from '../platform/db/migration.ts';
import { DEFAULT_POLICIES, type PolicyInput } from './policy.schema.ts';

/** Policy versions as data, seeded with the national versions of 2022. */
export const policyMigrations: Migration[] = [
  {
    id: '0006_policy',
    async up(db) {
      await db.schema
        .createTable('policy_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull().unique())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      const now = new Date().toISOString();
      await db
        .insertInto('policy_versions')
        .values(
          DEFAULT_POLICIES.map((p) => ({
            id: p.id,
            name: p.name,
            effective_from: p.effectiveFrom,
            params: JSON.stringify(p.params),
            updated_at: now,
            updated_by: 'system',
          })),
        )
        .execute();
    },
  },
  {
    // Versions stored before every differing parameter was data held only levels and lift rules:
    // each gets the sections it lacks from the national version of that id, or, for a version an
    // administrator added, from the national version in force on its effective date.
    id: '0120_policy_params',
    async up(db) {
      const rows: Array<{ id: string; effective_from: string; params: string }> = await db
        .selectFrom('policy_versions')
        .select(['id', 'effective_from', 'params'])
        .execute();
      for (const r of rows) {
        const base =
          DEFAULT_POLICIES.find((p) => p.id === r.id) ??
          DEFAULT_POLICIES.filter((p) => p.effectiveFrom <= r.effective_from).at(-1) ??
          (DEFAULT_POLICIES[0] as PolicyInput);
        const stored = JSON.parse(r.params) as Record<string, unknown>;
        const filled = { ...base.params, ...stored };
        if (JSON.stringify(filled) === JSON.stringify(stored)) continue;
        await db
          .updateTable('policy_versions')
          .set({ params: JSON.stringify(filled) })
          .where('id', '=', r.id)
          .execute();
      }
    },
  },
  {
    // A new version is drafted, checked against the one in force, and published by a second person.
    id: '0122_policy_drafts',
    async up(db) {
      await db.schema
        .createTable('policy_drafts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('based_on', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text')
        .addColumn('published_at', 'text')
        .execute();
    },
  },
];
