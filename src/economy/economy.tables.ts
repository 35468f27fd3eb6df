import type { Generated } from 'kysely';

/** An industrial electricity account (户号) as the grid company knows it. */
export interface PowerAccountRow {
  account_no: string;
  /** Unified social credit code of the enterprise the account belongs to, when known. */
  credit_code: string | null;
  enterprise_id: number | null;
  district_code: string;
  /** GB/T 4754 section letter, e.g. 'C'. */
  industry_section: string;
  /** GB/T 4754 division, two digits, e.g. '39'. */
  industry_division: string;
  created_at: string;
  updated_at: string;
}

/** One account's consumption on one day; `wd` is the weekday (0 Sunday) so baselines group without date functions. */
export interface PowerReadingRow {
  account_no: string;
  day: string;
  wd: number;
  kwh: number;
  import_id: number | null;
}

/** A reading a later file corrected: the value it replaced, and when. */
export interface PowerReadingHistoryRow {
  id: Generated<number>;
  account_no: string;
  day: string;
  old_kwh: number;
  new_kwh: number;
  import_id: number;
  replaced_at: string;
}

/** Daily totals per district and industry division, kept as readings change (the views read these). */
export interface PowerDailyRow {
  day: string;
  wd: number;
  district_code: string;
  industry_division: string;
  kwh: number;
  accounts: number;
}

/** Each account's baseline by weekday over the configured window, recomputed when the window or its readings change. */
export interface PowerBaselineRow {
  account_no: string;
  wd: number;
  kwh: number;
}

export interface PowerImportRow {
  id: Generated<number>;
  filename: string;
  sha256: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  actor: string;
  at: string;
}

/** The bureau's thresholds and the baseline window (one row, id 1). */
export interface EconomySettingsRow {
  id: number;
  baseline_from: string | null;
  baseline_to: string | null;
  account_share: number;
  account_days: number;
  area_share: number;
  absurd_factor: number;
  flat_band: number;
  marked_share: number;
  updated_at: string;
  updated_by: string;
}

/** A flag raised for a day: which rule, which subject, and the numbers behind it. */
export interface PowerFlagRow {
  day: string;
  kind: string;
  subject: string;
  rule: string;
  kwh: number;
  baseline: number;
  share: number;
  threshold: number;
  days: number;
  enterprise_id: number | null;
  task_id: number | null;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    power_accounts: PowerAccountRow;
    power_readings: PowerReadingRow;
    power_reading_history: PowerReadingHistoryRow;
    power_daily: PowerDailyRow;
    power_baselines: PowerBaselineRow;
    power_imports: PowerImportRow;
    economy_settings: EconomySettingsRow;
    power_flags: PowerFlagRow;
  }
}
