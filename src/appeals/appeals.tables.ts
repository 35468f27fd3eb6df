import type { Generated } from 'kysely';

export interface EnterpriseRow {
  id: Generated<number>;
  credit_code: string;
  name: string;
  industry: string;
  district_code: string;
  size: string;
  /** Comma-separated whitelist tiers ('' when not whitelisted), e.g. 'national,leader'. */
  tiers: string;
  whitelisted: number;
  liaison_cadre_id: number | null;
  contact_name: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  created_at: string;
  updated_at: string;
}

export interface AppealRow {
  id: Generated<number>;
  tracking_no: string;
  idem_key: string | null;
  channel: string;
  submitter: string;
  enterprise_id: number | null;
  contact_name_mask: string | null;
  contact_name_enc: string | null;
  phone_enc: string;
  phone_hash: string;
  phone_mask: string;
  phone_last4_hash: string;
  district_code: string;
  category: string;
  urgency: string;
  title: string;
  content: string;
  status: string;
  unit: string | null;
  received_at: string;
  sign_due_at: string;
  due_at: string;
  dispatched_at: string | null;
  signed_at: string | null;
  replied_at: string | null;
  closed_at: string | null;
  reply: string | null;
  rating: string | null;
  reopen_count: number;
  repeat_count: number;
  merged_into: number | null;
  escalated_at: string | null;
  escalation_reason: string | null;
  source_report_id: number | null;
  updated_at: string;
  /** From when the appeal is overdue (counts.rules.ts overdueAt); null when it cannot be. */
  overdue_at: string | null;
}

/** Dashboard counters per local day, district and value of one dimension (counts.rules.ts). */
export interface AppealCountRow {
  day: string;
  district_code: string;
  /** 'channel', 'category' or 'status'; `key` is the appeal's value of it. */
  dim: string;
  key: string;
  n: number;
  signed: number;
  signed_on_time: number;
  replied: number;
  replied_on_time: number;
  rated: number;
  satisfied: number;
  reopened: number;
  escalated: number;
}

export interface AppealEventRow {
  id: Generated<number>;
  appeal_id: number;
  at: string;
  action: string;
  actor: string;
  from_status: string | null;
  to_status: string | null;
  unit: string | null;
  note: string | null;
  /** Whether the submitter sees this event on the tracking page. */
  public: number;
}

export interface AppealDeadlineRow {
  urgency: string;
  category: string;
  sign_amount: number;
  sign_unit: string;
  resolve_amount: number;
  resolve_unit: string;
  updated_at: string;
}

/** Accounts linked to a handling unit, an enterprise (its own reporter) or a liaison cadre. */
export interface AppealAccountRow {
  username: string;
  unit: string | null;
  enterprise_id: number | null;
  cadre_id: number | null;
}

export interface OutboxRow {
  id: Generated<number>;
  appeal_id: number;
  kind: string;
  body_zh: string;
  body_en: string;
  status: string;
  attempts: number;
  created_at: string;
  sent_at: string | null;
}

export interface DeliveryRow {
  id: Generated<number>;
  outbox_id: number;
  at: string;
  sender: string;
  ok: number;
  detail: string;
}

export interface WhitelistReportRow {
  id: Generated<number>;
  enterprise_id: number;
  day: string;
  production: string;
  capacity_pct: number;
  material_days: number;
  logistics_blocked: number;
  staff_on_site: number;
  staff_closed_loop: number;
  note: string | null;
  appeal_id: number | null;
  task_id: number | null;
  reported_at: string;
  reported_by: string;
}

export interface LiaisonTaskRow {
  id: Generated<number>;
  enterprise_id: number;
  cadre_id: number | null;
  report_id: number | null;
  title: string;
  due_at: string;
  closed_at: string | null;
  closing_note: string | null;
  created_at: string;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    enterprises: EnterpriseRow;
    appeals: AppealRow;
    appeal_counts: AppealCountRow;
    appeal_events: AppealEventRow;
    appeal_deadlines: AppealDeadlineRow;
    appeal_accounts: AppealAccountRow;
    appeal_outbox: OutboxRow;
    appeal_deliveries: DeliveryRow;
    whitelist_reports: WhitelistReportRow;
    liaison_tasks: LiaisonTaskRow;
  }
}
