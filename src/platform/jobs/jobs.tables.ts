import type { Generated } from 'kysely';

export interface JobRunRow {
  id: Generated<number>;
  name: string;
  day: string;
  started_at: string;
  finished_at: string | null;
  ok: number;
  summary: string;
}

declare module '../db/schema.ts' {
  interface Database {
    job_runs: JobRunRow;
  }
}
