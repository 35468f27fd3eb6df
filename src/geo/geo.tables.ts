export interface DivisionRow {
  code: string;
  name: string;
  level: string;
  parent_code: string;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    divisions: DivisionRow;
  }
}
