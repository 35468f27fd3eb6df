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
  /** The suspension notice holding the venue suspended (suspensions.service.ts), or null. */
  notice_no: string | null;
  /** The venue's kind within its category (venues.rules.ts VENUE_KINDS), or null; since 0158. */
  kind: string | null;
}

/**
 * Every scan is kept: who entered where and when, the verdict and why. Keyed by the client's
 * idempotency key when it sent one; such a scan also keeps what binds the key to its request and
 * the rest of its answer, so that a retry is answered from here after a restart.
 */
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
  /** A keyed hash of the caller and the request (scan-keys.ts); null for a scan sent without a key. */
  request_hash: string | null;
  /** The answer's parts the other columns do not hold (rule, last negative, reason texts), as JSON. */
  reply: string | null;
  /** The policy version that decided the verdict and its rule (`entrance.<category>`); null before 0121 or on paper. */
  policy_id: string | null;
  policy_rule: string | null;
}

/** Which person a resident's account is (the pass shows that person's colour and code). */
export interface ResidentAccountRow {
  user_id: number;
  person_id: number;
}

/** The venues a venue operator's account is tied to. */
export interface VenueOperatorRow {
  user_id: number;
  venue_id: number;
}

/** The paper side of a scan with source 'paper': who typed it in, and the sealed identity from the sheet. */
export interface PaperScanRow {
  scan_id: string;
  entered_by: string;
  entered_at: string;
  id_cipher: string | null;
  name_cipher: string | null;
  phone_cipher: string | null;
  identity_masked: string;
}

/** A venue's scans in one Beijing hour of a day, kept as scans are indexed (0192). */
export interface VenueHourCountRow {
  day: string;
  venue_id: number;
  /** Beijing hour, 0–23. */
  hour: number;
  scans: number;
  denied: number;
  paper: number;
}

/** A venue's scans of a day (0192), with the venue's district to rank a district's venues by (0203). */
export interface VenueDayCountRow {
  day: string;
  venue_id: number;
  district_code: string;
  scans: number;
  denied: number;
  paper: number;
}

/** A district's scans in one Beijing hour of a day (0192). */
export interface DistrictHourCountRow {
  day: string;
  district_code: string;
  hour: number;
  scans: number;
  denied: number;
  paper: number;
}

/** How often a reason was given in a district in one Beijing hour of a day (0192). */
export interface DistrictHourReasonRow {
  day: string;
  district_code: string;
  hour: number;
  reason: string;
  n: number;
}

/** How often a reason was given at a venue in one Beijing hour of a day (0192). */
export interface VenueHourReasonRow {
  day: string;
  venue_id: number;
  hour: number;
  reason: string;
  n: number;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    venues: VenueRow;
    scans: ScanRow;
    resident_accounts: ResidentAccountRow;
    venue_operators: VenueOperatorRow;
    paper_scans: PaperScanRow;
    venue_hour_counts: VenueHourCountRow;
    venue_hour_reasons: VenueHourReasonRow;
    venue_day_counts: VenueDayCountRow;
    district_hour_counts: DistrictHourCountRow;
    district_hour_reasons: DistrictHourReasonRow;
  }
}
