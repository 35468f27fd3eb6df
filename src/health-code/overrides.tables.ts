import type { Generated } from 'kysely';

/** A manual colour: requested with a reason, effective only once a second person approves, and it expires. */
export interface OverrideRow {
  id: Generated<number>;
  person_id: number;
  colour: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  approved_by: string | null;
  approved_at: string | null;
  expires_at: string;
  status: string;
  revoked_by: Generated<string | null>;
  revoked_at: Generated<string | null>;
  revoke_reason: Generated<string | null>;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    colour_overrides: OverrideRow;
  }
}
