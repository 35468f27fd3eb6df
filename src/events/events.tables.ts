import type { Generated } from 'kysely';

/** An event (an exam, later other gatherings), named by a code such as `ACEE-2022`. */
export interface EventRow {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  created_at: string;
}

/** One sitting of an event: a day with its start and end instants. */
export interface EventSessionRow {
  id: Generated<number>;
  event_id: number;
  day: string;
  starts_at: string;
  ends_at: string;
}

/** A venue of category `exam-site` used by an event; `is_new` when opened for this event. */
export interface ExamSiteRow {
  id: Generated<number>;
  event_id: number;
  venue_code: string;
  name: string;
  district_code: string;
  is_new: number;
  lng: number | null;
  lat: number | null;
}

/** A room of a site; isolation rooms take the special candidates. */
export interface ExamRoomRow {
  id: Generated<number>;
  event_id: number;
  site_id: number;
  room_no: string;
  capacity: number;
  isolation: number;
}

/**
 * A candidate of an event: the person through `people` (no clear personal data here but the
 * sealed pickup address), the assigned room, and the room the last plan put them in and why.
 */
export interface ExamCandidateRow {
  id: Generated<number>;
  event_id: number;
  candidate_no: string;
  person_id: number;
  site_id: number;
  room_id: number;
  shuttle: number;
  pickup_cipher: string | null;
  planned_room_id: number | null;
  plan_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** A vehicle of an exam's point-to-point shuttle; the driver's name and phone sealed. */
export interface ExamVehicleRow {
  id: Generated<number>;
  event_id: number;
  plate: string;
  seats: number;
  driver_cipher: string;
  driver_masked: string;
  phone_cipher: string | null;
  phone_masked: string | null;
}

/** One trip of a vehicle before a session: from pickups to one site, one lane (special or regular). */
export interface ExamTripRow {
  id: Generated<number>;
  event_id: number;
  session_no: number;
  vehicle_id: number;
  site_id: number;
  lane: string;
  departs_at: string;
}

/** Who rides a trip; a candidate rides at most once a session (the service replaces a session's trips whole). */
export interface ExamTripRiderRow {
  trip_id: number;
  candidate_id: number;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    events: EventRow;
    event_sessions: EventSessionRow;
    exam_sites: ExamSiteRow;
    exam_rooms: ExamRoomRow;
    exam_candidates: ExamCandidateRow;
    exam_vehicles: ExamVehicleRow;
    exam_trips: ExamTripRow;
    exam_trip_riders: ExamTripRiderRow;
  }
}
