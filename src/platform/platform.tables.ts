import type { Generated } from 'kysely';

export interface MigrationRow {
  id: string;
  applied_at: string;
}

export interface UserRow {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  scope_kind: string;
  scope_code: string;
  disabled: number;
  created_at: string;
}

export interface SessionRow {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** A change announced by one process for the others, on SQLite (PostgreSQL uses NOTIFY). */
export interface AnnouncementRow {
  id: Generated<number>;
  origin: string;
  kind: string;
  ids: string | null;
}

/** The business clock all processes share while a scenario clock is set (one row, id 1). */
export interface BusinessClockRow {
  id: number;
  /** The business instant the clock was set to (ISO-8601 with its offset). */
  start_at: string;
  /** The machine time at which it was set: business now = start_at + (machine now − set_at). */
  set_at: string;
}

declare module './db/schema.ts' {
  interface Database {
    banyan_migrations: MigrationRow;
    users: UserRow;
    sessions: SessionRow;
    audit_log: AuditRow;
    announcements: AnnouncementRow;
    business_clock: BusinessClockRow;
  }
}
