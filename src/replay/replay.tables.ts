/** One switch-over: a version taking effect, compared with the one it replaced at that moment. */
export interface SwitchoverRow {
  version_id: string;
  previous_id: string;
  effective_from: string;
  /** The moment the city was recomputed at (ISO). */
  at: string;
  ran_by: string;
  ran_at: string;
  took_ms: number;
  zones_lifted: number;
  zones_kept: number;
  colours_changed: number;
  venues_changed: number;
  /** JSON: the zone outcomes, colour groups by district and venue categories, each with its rule. */
  summary: string;
}

/** One change a switch-over made: a zone's outcome, a resident's colour or a venue category's rule. */
export interface SwitchoverChangeRow {
  version_id: string;
  /** 'zone', 'colour' or 'venue'. */
  kind: string;
  /** The zone code, the person id or the venue category. */
  subject: string;
  district_code: string;
  from_value: string;
  to_value: string;
  from_rule: string;
  to_rule: string;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    policy_switchovers: SwitchoverRow;
    policy_switchover_changes: SwitchoverChangeRow;
  }
}
