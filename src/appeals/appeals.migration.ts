import { sql } from 'kysely';
import type { Migration } from '../platform/db/migration.ts';
import { withSerialId } from '../platform/db/migration.ts';
import { type Countable, type CountRow, countDeltas, countKey, MEASURES, overdueAt } from './counts.rules.ts';
import { searchMigrations } from './search.migration.ts';
import { documentTokens } from './search.rules.ts';

/**
 * searchTokens (search.rules.ts) in PL/pgSQL: substrings of one to four characters of the runs of
 * ASCII letters/digits (lower-cased) and CJK ideographs, as lexemes taken as they are. Not inlinable
 * and costed high (it is: about 0.2 ms a row), so the planner reads the GIN index rather than
 * computing it row by row. The search test checks that it finds exactly what the substring filter
 * finds.
 */
const PG_SEARCH_VECTOR = `
create function appeal_search_vector(title text, content text) returns tsvector
language plpgsql immutable parallel safe cost 10000 as $$
declare
  grams text[] := '{}';
  run text;
  len int;
begin
  for run in select regexp_split_to_table(
    translate(title || ' ' || content, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
    '[^0-9a-z㐀-䶿一-鿿]+')
  loop
    len := char_length(run);
    for i in 1..len loop
      for n in 1..least(4, len - i + 1) loop
        grams := array_append(grams, substr(run, i, n));
      end loop;
    end loop;
  end loop;
  return array_to_tsvector(grams);
end $$`;

/** Enterprises, appeals with their events and deadlines, the outbox, whitelist reports and liaison tasks. */
export const appealsMigrations: Migration[] = [
  {
    id: '0020_appeals',
    async up(db, dialect) {
      await withSerialId(db.schema.createTable('enterprises'), dialect)
        .addColumn('credit_code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('industry', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('size', 'text', (c) => c.notNull())
        .addColumn('tiers', 'text', (c) => c.notNull())
        .addColumn('whitelisted', 'integer', (c) => c.notNull())
        .addColumn('liaison_cadre_id', 'integer', (c) => c.references('cadres.id'))
        .addColumn('contact_name', 'text')
        .addColumn('phone_enc', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('phone_mask', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('enterprises_district')
        .on('enterprises')
        .columns(['district_code', 'whitelisted'])
        .execute();
      await db.schema.createIndex('enterprises_liaison').on('enterprises').column('liaison_cadre_id').execute();
      await db.schema.createIndex('enterprises_name').on('enterprises').column('name').execute();

      await withSerialId(db.schema.createTable('appeals'), dialect)
        .addColumn('tracking_no', 'text', (c) => c.notNull().unique())
        .addColumn('idem_key', 'text', (c) => c.unique())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('submitter', 'text', (c) => c.notNull())
        .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
        .addColumn('contact_name_mask', 'text')
        .addColumn('contact_name_enc', 'text')
        .addColumn('phone_enc', 'text', (c) => c.notNull())
        .addColumn('phone_hash', 'text', (c) => c.notNull())
        .addColumn('phone_mask', 'text', (c) => c.notNull())
        .addColumn('phone_last4_hash', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('urgency', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('sign_due_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('dispatched_at', 'text')
        .addColumn('signed_at', 'text')
        .addColumn('replied_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('reply', 'text')
        .addColumn('rating', 'text')
        .addColumn('reopen_count', 'integer', (c) => c.notNull())
        .addColumn('repeat_count', 'integer', (c) => c.notNull())
        .addColumn('merged_into', 'integer')
        .addColumn('escalated_at', 'text')
        .addColumn('escalation_reason', 'text')
        .addColumn('source_report_id', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The dispatcher's queue filters by status and district/category, newest first.
      await db.schema.createIndex('appeals_status_received').on('appeals').columns(['status', 'received_at']).execute();
      await db.schema
        .createIndex('appeals_district_status')
        .on('appeals')
        .columns(['district_code', 'status', 'received_at'])
        .execute();
      await db.schema
        .createIndex('appeals_category_status')
        .on('appeals')
        .columns(['category', 'status', 'received_at'])
        .execute();
      await db.schema
        .createIndex('appeals_unit_status')
        .on('appeals')
        .columns(['unit', 'status', 'received_at'])
        .execute();
      await db.schema.createIndex('appeals_received').on('appeals').column('received_at').execute();
      await db.schema.createIndex('appeals_due').on('appeals').columns(['status', 'due_at']).execute();
      await db.schema.createIndex('appeals_phone').on('appeals').columns(['phone_hash', 'received_at']).execute();
      await db.schema.createIndex('appeals_enterprise').on('appeals').columns(['enterprise_id', 'status']).execute();

      await withSerialId(db.schema.createTable('appeal_events'), dialect)
        .addColumn('appeal_id', 'integer', (c) => c.notNull().references('appeals.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text')
        .addColumn('unit', 'text')
        .addColumn('note', 'text')
        .addColumn('public', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('appeal_events_appeal').on('appeal_events').columns(['appeal_id', 'id']).execute();

      await db.schema
        .createTable('appeal_deadlines')
        .addColumn('urgency', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('sign_amount', 'real', (c) => c.notNull())
        .addColumn('sign_unit', 'text', (c) => c.notNull())
        .addColumn('resolve_amount', 'real', (c) => c.notNull())
        .addColumn('resolve_unit', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('appeal_deadlines_pk', ['urgency', 'category'])
        .execute();

      await db.schema
        .createTable('appeal_accounts')
        .addColumn('username', 'text', (c) => c.primaryKey())
        .addColumn('unit', 'text')
        .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
        .addColumn('cadre_id', 'integer', (c) => c.references('cadres.id'))
        .execute();

      await withSerialId(db.schema.createTable('appeal_outbox'), dialect)
        .addColumn('appeal_id', 'integer', (c) => c.notNull().references('appeals.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body_zh', 'text', (c) => c.notNull())
        .addColumn('body_en', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('appeal_outbox_status').on('appeal_outbox').columns(['status', 'id']).execute();
      await db.schema.createIndex('appeal_outbox_appeal').on('appeal_outbox').column('appeal_id').execute();
      await withSerialId(db.schema.createTable('appeal_deliveries'), dialect)
        .addColumn('outbox_id', 'integer', (c) => c.notNull().references('appeal_outbox.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('sender', 'text', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('appeal_deliveries_outbox').on('appeal_deliveries').column('outbox_id').execute();

      await withSerialId(db.schema.createTable('liaison_tasks'), dialect)
        .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
        .addColumn('cadre_id', 'integer', (c) => c.references('cadres.id'))
        .addColumn('report_id', 'integer')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('closing_note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('liaison_tasks_cadre')
        .on('liaison_tasks')
        .columns(['cadre_id', 'closed_at'])
        .execute();
      await withSerialId(db.schema.createTable('whitelist_reports'), dialect)
        .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('production', 'text', (c) => c.notNull())
        .addColumn('capacity_pct', 'integer', (c) => c.notNull())
        .addColumn('material_days', 'real', (c) => c.notNull())
        .addColumn('logistics_blocked', 'integer', (c) => c.notNull())
        .addColumn('staff_on_site', 'integer', (c) => c.notNull())
        .addColumn('staff_closed_loop', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('appeal_id', 'integer')
        .addColumn('task_id', 'integer')
        .addColumn('reported_at', 'text', (c) => c.notNull())
        .addColumn('reported_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('whitelist_reports_one_a_day', ['enterprise_id', 'day'])
        .execute();
      await db.schema
        .createIndex('whitelist_reports_day')
        .on('whitelist_reports')
        .columns(['day', 'production'])
        .execute();
    },
  },
  {
    id: '0050_appeals_search_counts',
    async up(db, dialect) {
      // The overdue instant is kept by the repository on every write (counts.rules.ts overdueAt).
      await db.schema.alterTable('appeals').addColumn('overdue_at', 'text').execute();
      let counts = db.schema
        .createTable('appeal_counts')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('dim', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull());
      for (const c of ['n', ...MEASURES]) counts = counts.addColumn(c, 'integer', (col) => col.notNull());
      counts = counts.addPrimaryKeyConstraint('appeal_counts_pk', ['day', 'district_code', 'dim', 'key']);
      // Clustered by the key on SQLite: a period's rows are read in one range, not looked up one by one.
      await (dialect === 'sqlite' ? counts.modifyEnd(sql`without rowid`) : counts).execute();

      // SQLite: the repository writes the tokens (search.rules.ts) to a contentless FTS5 table.
      // PostgreSQL: the same tokens computed in SQL, under a GIN expression index on the appeals.
      if (dialect === 'sqlite')
        await sql`create virtual table appeals_fts using fts5(tokens, content='', contentless_delete=1,
          detail=none, tokenize='unicode61 remove_diacritics 0')`.execute(db);
      else await sql.raw(PG_SEARCH_VECTOR).execute(db);

      const totals = new Map<string, CountRow>();
      for (let last = 0; ; ) {
        const rows = (await db
          .selectFrom('appeals')
          .selectAll()
          .where('id', '>', last)
          .orderBy('id')
          .limit(1000)
          .execute()) as Array<Countable & { id: number; title: string; content: string }>;
        if (!rows.length) break;
        for (const r of rows) {
          await db
            .updateTable('appeals')
            .set({ overdue_at: overdueAt(r) })
            .where('id', '=', r.id)
            .execute();
          if (dialect === 'sqlite')
            await sql`insert into appeals_fts(rowid, tokens) values (${r.id}, ${documentTokens(r)})`.execute(db);
          for (const d of countDeltas(null, r)) {
            const t = totals.get(countKey(d));
            if (!t) totals.set(countKey(d), d);
            else for (const m of ['n', ...MEASURES] as const) t[m] += d[m];
          }
        }
        last = Number(rows[rows.length - 1]?.id);
      }
      const all = [...totals.values()];
      for (let i = 0; i < all.length; i += 500)
        await db
          .insertInto('appeal_counts')
          .values(all.slice(i, i + 500))
          .execute();

      // Overdue lists and counts: only open appeals have an overdue instant (partial indexes).
      await db.schema
        .createIndex('appeals_overdue_district')
        .on('appeals')
        .columns(['district_code', 'overdue_at', 'received_at'])
        .where(sql.ref('overdue_at'), 'is not', null)
        .execute();
      await db.schema
        .createIndex('appeals_overdue_received')
        .on('appeals')
        .columns(['received_at', 'overdue_at', 'district_code'])
        .where(sql.ref('overdue_at'), 'is not', null)
        .execute();
      if (dialect === 'postgres')
        await sql`create index appeals_search on appeals using gin (appeal_search_vector(title, content))`.execute(db);
    },
  },
  ...searchMigrations,
];
