import { sql } from 'kysely';
import type { Migration } from '../platform/db/migration.ts';

/** Exam-day entry: the door looks a candidate up by person, one indexed read per scan at an exam site; the plan finds its rows. */
export const entryMigrations: Migration[] = [
  {
    id: '0157_exam_candidates_person',
    async up(db) {
      await db.schema.createIndex('exam_candidates_person').on('exam_candidates').columns(['person_id']).execute();
      await db.schema.createIndex('exam_sites_venue_code').on('exam_sites').columns(['venue_code']).execute();
    },
  },
  {
    // A province's plan replaces the last one: the rows it touched (every planned row has a reason)
    // are found through this index instead of walking the event's 700,000 candidates.
    id: '0184_exam_candidates_planned',
    async up(db) {
      await db.schema
        .createIndex('exam_candidates_planned')
        .on('exam_candidates')
        .columns(['event_id'])
        .where(sql.ref('plan_reason'), 'is not', null)
        .execute();
    },
  },
];
