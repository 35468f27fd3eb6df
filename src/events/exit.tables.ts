import type { Generated } from 'kysely';

/** A scan at a city-exit checkpoint with the reason declared; flagged when from a restricted zone. */
export interface ExitDepartureRow {
  scan_id: string;
  venue_id: number;
  day: string;
  at: string;
  person_id: number;
  reason: string;
  reason_text: string | null;
  verdict: string;
  /** The verdict's reason codes, as JSON. */
  refusals: string;
  policy_id: string;
  zone_code: string | null;
  zone_level: string | null;
  /** The zone's community: the district (or street) whose officer sees the attempt. */
  zone_community: string | null;
}

/** A staff member on a closed-loop institution's roster. */
export interface LoopStaffRow {
  venue_id: number;
  person_id: number;
  role: string;
  created_at: string;
}

/** A rotation inside the loop, in and out dates inclusive (out null: open-ended). */
export interface LoopShiftRow {
  id: Generated<number>;
  venue_id: number;
  person_id: number;
  in_date: string;
  out_date: string | null;
}

/** A request for a staff member to leave the loop, decided by the district. */
export interface LoopLeaveRow {
  id: Generated<number>;
  venue_id: number;
  person_id: number;
  leave_date: string;
  reason: string;
  status: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    exit_departures: ExitDepartureRow;
    loop_staff: LoopStaffRow;
    loop_shifts: LoopShiftRow;
    loop_leaves: LoopLeaveRow;
  }
}
