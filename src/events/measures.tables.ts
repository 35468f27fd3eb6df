import type { Generated } from 'kysely';

/** A measure in force over a period and an area, as a notice published it. */
export interface MeasureRow {
  id: Generated<number>;
  notice_no: string;
  /** One of MEASURE_KINDS: how the briefing drafts its clause. */
  kind: string;
  /** The measure in the notice's words, in each language (the screen; the briefing's clause for `advice`). */
  text_zh: string;
  text_tw: string;
  text_en: string;
  /** JSON array of district codes; empty for the whole city. */
  districts: string;
  effective_from: string;
  /** The last day in force; null while no end is announced. */
  effective_to: string | null;
  /** What enforces it (policy, suspension, checkpoint, campaign) and its reference; null for advice. */
  enforced_kind: string | null;
  enforced_ref: string | null;
  recorded_at: string;
  recorded_by: string;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    measures: MeasureRow;
  }
}
