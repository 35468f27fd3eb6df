import type { Generated } from 'kysely';

export interface VenueRow {
  id: Generated<number>;
  code: string;
  name: string;
  category: string;
  district_code: string;
  community_code: string;
  status: string;
  code_version: number;
  created_at: string;
}

/** Every scan is kept: who entered where and when, the verdict and why. Keyed by the client's idempotency key. */
export interface ScanRow {
  id: string;
  venue_id: number;
  person_id: number | null;
  at: string;
  day: string;
  verdict: string;
  colour: string;
  reasons: string;
  proxy: number;
  source: string;
}

/** Which person a resident's account is (the pass shows that person's colour and code). */
export interface ResidentAccountRow {
  user_id: number;
  person_id: number;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    venues: VenueRow;
    scans: ScanRow;
    resident_accounts: ResidentAccountRow;
  }
}
