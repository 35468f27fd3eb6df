import type { Generated } from 'kysely';

/**
 * A risk mark on a person: why their code is not (plainly) green, since when, and who put it there.
 * One mark per person, kind and moment: recording it twice changes nothing.
 */
export interface RiskMarkRow {
  id: Generated<number>;
  person_id: number;
  kind: string;
  /** When it counts from: last contact, leaving the zone, the clinic visit, the arrival (ISO UTC). */
  since: string;
  index_case_id: number | null;
  zone_code: string | null;
  origin: string | null;
  source: string;
  note: string | null;
  created_by: string;
  created_at: string;
  /** 'active', 'ended' (the episode is over) or 'withdrawn' (recorded by mistake). */
  status: string;
  closed_by: string | null;
  closed_at: string | null;
  close_reason: string | null;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    risk_marks: RiskMarkRow;
  }
}
