import type { Generated } from 'kysely';

/**
 * One change of a venue's status (open, suspended, closed-loop) and the moment from which it holds,
 * with what it replaced: a replayed entrance check reads the venue as it stood at its moment.
 */
export interface VenueStatusChangeRow {
  id: Generated<number>;
  venue_id: number;
  /** ISO instant from which the status holds (a notice's: the start of its effective day, or its issue if later). */
  since: string;
  status: string;
  /** The suspension notice holding it (status suspended by a notice), or null. */
  notice_no: string | null;
  previous_status: string;
  previous_notice_no: string | null;
  /** Who changed it (actor label, 'system', 'cli'). */
  set_by: string;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    venue_status_changes: VenueStatusChangeRow;
  }
}
