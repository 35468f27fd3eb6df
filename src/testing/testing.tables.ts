import type { Generated } from 'kysely';

export interface CampaignRow {
  id: Generated<number>;
  code: string;
  name: string;
  start_on: string;
  end_on: string;
  /** JSON: [{ code: division code, poolSize }] */
  areas: string;
  created_at: string;
}

export interface SiteRow {
  id: Generated<number>;
  code: string;
  name: string;
  district_code: string;
  community_code: string;
  lanes: number;
  hours: string;
  status: string;
  queue_length: number;
  queue_updated_at: string | null;
  lng: number | null;
  lat: number | null;
}

export interface TubeRow {
  code: string;
  pool_size: number;
  site_code: string;
  campaign_id: number | null;
  round: number | null;
  district_code: string;
  first_sampled_at: string;
  samples: number;
  /** The span of its samples' times (0202), null before it: the day partitions a lookup of its members reads. */
  samples_from: string | null;
  samples_until: string | null;
  received_at: string | null;
  receiving_lab: string | null;
  result: string | null;
  resulted_at: string | null;
  lab_code: string | null;
  ct_value: number | null;
  status: string;
}

/** One swab: a person in a tube. Kept apart from tubes so that results stay one row per tube. */
export interface SampleRow {
  tube_code: string;
  person_id: number;
  sampled_at: string;
  repeat_in_round: number;
}

export interface TubeResultRow {
  id: Generated<number>;
  tube_code: string;
  result: string;
  resulted_at: string;
  lab_code: string;
  ct_value: number | null;
  correction_reason: string | null;
  actor: string;
  recorded_at: string;
}

export interface RetestTaskRow {
  id: Generated<number>;
  kind: string;
  pool_tube: string;
  person_id: number;
  district_code: string;
  community_code: string;
  created_at: string;
  done_at: string | null;
  outcome: string | null;
}

/** Each person's latest test facts: the source the in-memory status index is loaded from. */
export interface PersonTestRow {
  person_id: number;
  last_sampled_at: string | null;
  last_negative_sampled_at: string | null;
  positive_pool_at: string | null;
  positive_at: string | null;
}

/** A district's alert about a positive tube, open until someone there acknowledges it. */
export interface TestingAlertRow {
  id: Generated<number>;
  kind: string;
  district_code: string;
  campaign_id: number | null;
  tube_code: string;
  created_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

/** Kept turnaround counts (turnaround.rules.ts CountKey): tubes per campaign round, district, lab, measure and duration. */
export interface TurnaroundCountRow {
  campaign_id: number;
  round: number;
  district_code: string;
  lab: string;
  measure: string;
  r: number;
  c: number;
  n: number;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    testing_campaigns: CampaignRow;
    sampling_sites: SiteRow;
    tubes: TubeRow;
    samples: SampleRow;
    tube_results: TubeResultRow;
    retest_tasks: RetestTaskRow;
    person_tests: PersonTestRow;
    testing_alerts: TestingAlertRow;
    turnaround_counts: TurnaroundCountRow;
  }
}
