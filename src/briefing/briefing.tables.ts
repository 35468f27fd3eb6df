export interface BriefingRow {
  date: string;
  status: string;
  texts: string;
  segments: string | null;
  figures: string;
  previous: string;
  drafted_by: string;
  edited_by: string;
  approved_by: string | null;
  published_by: string | null;
  updated_at: string;
  published_at: string | null;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    briefings: BriefingRow;
  }
}
