import type { Migration } from '../platform/db/migration.ts';

/** Exam-day entry: the door looks a candidate up by person, one indexed read per scan at an exam site. */
export const entryMigrations: Migration[] = [
  {
    id: '0157_exam_candidates_person',
    async up(db) {
      await db.schema.createIndex('exam_candidates_person').on('exam_candidates').columns(['person_id']).execute();
      await db.schema.createIndex('exam_sites_venue_code').on('exam_sites').columns(['venue_code']).execute();
    },
  },
];
