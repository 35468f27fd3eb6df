import { sql } from 'kysely';
import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';

/**
 * Venue status changes with the moment each holds from (issue 19: a replayed entrance check met the
 * venue as it is now, so a check replayed before a suspension refused and one before a reopening
 * admitted). Written from now on where a status changes; on a database that already has suspension
 * notices (0152, applied before this id on such a database), their suspensions and reopenings are
 * filled in from them. A status set by hand before this migration was not kept with its time: such
 * a venue reads as it is now until its next change.
 */
export const statusHistoryMigrations: Migration[] = [
  {
    id: '0125_venue_status_changes',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('venue_status_changes'), dialect)
        .addColumn('venue_id', 'integer', (c) => c.notNull().references('venues.id'))
        .addColumn('since', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('notice_no', 'text')
        .addColumn('previous_status', 'text', (c) => c.notNull())
        .addColumn('previous_notice_no', 'text')
        .addColumn('set_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('venue_status_changes_venue')
        .on('venue_status_changes')
        .columns(['venue_id', 'since'])
        .execute();
      // A fresh database reaches this id before the notices exist (0152): nothing to fill in then.
      const notices =
        dialect === 'postgres'
          ? await sql<{ n: string | null }>`select to_regclass('venue_notices')::text as n`.execute(db)
          : await sql<{ n: string | null }>`select name as n from sqlite_master where name = 'venue_notices'`.execute(
              db,
            );
      if (!notices.rows[0]?.n) return;
      const items = await db
        .selectFrom('venue_notice_items as i')
        .innerJoin('venue_notices as n', 'n.id', 'i.notice_id')
        .select([
          'i.venue_id',
          'i.previous_status',
          'i.restored',
          'n.notice_no',
          'n.effective_on',
          'n.issued_at',
          'n.issued_by',
          'n.reopened_at',
          'n.reopened_by',
        ])
        .orderBy('n.issued_at')
        .orderBy('n.id')
        .execute();
      const rows = [];
      for (const i of items) {
        // As the service records it: from the notice's effective day, or from its issue if later.
        const effective = new Date(Date.parse(`${i.effective_on}T00:00:00+08:00`)).toISOString();
        rows.push({
          venue_id: i.venue_id,
          // ISO instants compare as text: the earlier of the two.
          since: [effective, String(i.issued_at)].sort()[0],
          status: 'suspended',
          notice_no: i.notice_no,
          previous_status: i.previous_status,
          previous_notice_no: null,
          set_by: i.issued_by,
        });
        if (Number(i.restored) === 1 && i.reopened_at)
          rows.push({
            venue_id: i.venue_id,
            since: i.reopened_at,
            status: i.previous_status,
            notice_no: null,
            previous_status: 'suspended',
            previous_notice_no: i.notice_no,
            set_by: i.reopened_by ?? i.issued_by,
          });
      }
      for (let k = 0; k < rows.length; k += 500)
        await db
          .insertInto('venue_status_changes')
          .values(rows.slice(k, k + 500))
          .execute();
    },
  },
];
