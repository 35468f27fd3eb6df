import type { Generated } from 'kysely';

export interface CaseRow {
  id: Generated<number>;
  case_no: string;
  kind: string;
  origin: string;
  reported_on: string;
  district_code: string;
  street_code: string | null;
  community_code: string | null;
  detected_via: string;
  reclassified_on: string | null;
  discharged_on: string | null;
  released_on: string | null;
  died_on: string | null;
  person_id: number | null;
  id_index: string | null;
  id_cipher: string | null;
  id_masked: string | null;
  name_cipher: string | null;
  name_masked: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
  import_id: number | null;
  created_at: string;
  updated_at: string;
}

/** Daily event counters per district, origin and metric: the figures are sums over these. */
export interface CaseCountRow {
  day: string;
  district_code: string;
  origin: string;
  metric: string;
  n: number;
}

export interface CaseImportRow {
  id: Generated<number>;
  filename: string;
  sha256: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  actor: string;
  at: string;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    cases: CaseRow;
    case_counts: CaseCountRow;
    case_imports: CaseImportRow;
  }
}
