import type { Generated } from 'kysely';

export interface ZoneRow {
  id: Generated<number>;
  code: string;
  name: string;
  level: string;
  status: string;
  unit: string;
  district_code: string;
  street_code: string;
  community_code: string;
  polygon: string | null;
  residents: number;
  designated_on: string;
  lifted_on: string | null;
  created_at: string;
}

/** The zone's history: level changes by notice, infections and testing rounds, with the rule applied. */
export interface ZoneEventRow {
  id: Generated<number>;
  zone_id: number;
  day: string;
  at: string;
  kind: string;
  from_level: string | null;
  to_level: string | null;
  notice_no: string | null;
  notice_district: string | null;
  policy_id: string | null;
  rule: string | null;
  reason: string | null;
  override_reason: string | null;
  tested: number | null;
  positives: number | null;
  case_no: string | null;
  actor: string;
}

export interface CadreRow {
  id: Generated<number>;
  name: string;
  rank: string;
  home_unit: string;
}

export interface TaskForceRow {
  id: Generated<number>;
  zone_id: number;
  formed_on: string;
  disbanded_on: string | null;
}

export interface TaskForceMemberRow {
  id: Generated<number>;
  task_force_id: number;
  cadre_id: number;
  working_group: string;
  is_leader: number;
  joined_on: string;
  left_on: string | null;
}

export interface DutyRow {
  id: Generated<number>;
  zone_id: number;
  kind: string;
  title: string;
  owner: string;
  due_at: string;
  closed_at: string | null;
  closing_note: string | null;
  created_at: string;
}

/** A person living in a zone. */
export interface ZoneResidentRow {
  zone_id: number;
  person_id: number;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    zones: ZoneRow;
    zone_events: ZoneEventRow;
    cadres: CadreRow;
    task_forces: TaskForceRow;
    task_force_members: TaskForceMemberRow;
    zone_duties: DutyRow;
    zone_residents: ZoneResidentRow;
  }
}
