import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/** Manual colour overrides (two people, a reason, an expiry). */
export const overridesMigrations: Migration[] = [
  {
    id: '0013_colour_overrides',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('colour_overrides'), dialect)
        .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
        .addColumn('colour', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('colour_overrides_person')
        .on('colour_overrides')
        .columns(['person_id', 'status'])
        .execute();
    },
  },
  {
    // Ids 0140-0149 are the journeys' range. A revocation keeps who approved: it adds who ended it,
    // when and why (the audit chain has them too, but the screen shows them on the row).
    id: '0140_colour_override_revocations',
    async up(db) {
      await db.schema.alterTable('colour_overrides').addColumn('revoked_by', 'text').execute();
      await db.schema.alterTable('colour_overrides').addColumn('revoked_at', 'text').execute();
      await db.schema.alterTable('colour_overrides').addColumn('revoke_reason', 'text').execute();
      await db.schema.createIndex('colour_overrides_status').on('colour_overrides').columns(['status', 'id']).execute();
    },
  },
];
