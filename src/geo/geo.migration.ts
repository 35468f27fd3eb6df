import type { Migration } from '../platform/db/migration.ts';
import { DIVISIONS } from './geo.data.ts';

/** The divisions table, filled from the committed reference data. */
export const geoMigrations: Migration[] = [
  {
    id: '0002_geo',
    async up(db) {
      await db.schema
        .createTable('divisions')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('divisions_parent').on('divisions').column('parent_code').execute();
      const rows = DIVISIONS.map((d) => ({ code: d.code, name: d.name, level: d.level, parent_code: d.parentCode }));
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insertInto('divisions')
          .values(rows.slice(i, i + 500))
          .execute();
      }
    },
  },
];
