export interface PolicyRow {
  id: string;
  name: string;
  effective_from: string;
  params: string;
  updated_at: string;
  updated_by: string;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    policy_versions: PolicyRow;
  }
}
