import type { Generated } from 'kysely';

/** A suspension notice: its number, what it took (JSON lists; no districts = the whole city), when. */
export interface VenueNoticeRow {
  id: Generated<number>;
  notice_no: string;
  title: string;
  /** JSON array of venue categories. */
  categories: string;
  /** JSON array of kinds within them (KTV, internet café…), empty for every venue of the categories. */
  kinds: string;
  /** JSON array of district codes; empty for the whole city. */
  districts: string;
  effective_on: string;
  issued_at: string;
  issued_by: string;
  reopened_at: string | null;
  reopened_by: string | null;
}

/** A venue a notice suspended and the status it had before; `restored` once reopening gave it back. */
export interface VenueNoticeItemRow {
  notice_id: number;
  venue_id: number;
  previous_status: string;
  restored: number;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    venue_notices: VenueNoticeRow;
    venue_notice_items: VenueNoticeItemRow;
  }
}
