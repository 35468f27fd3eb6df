export interface PolicyRow {
  id: string;
  name: string;
  effective_from: string;
  params: string;
  updated_at: string;
  updated_by: string;
}

/** A version being prepared: edited by one person, published by another. */
export interface PolicyDraftRow {
  id: string;
  based_on: string;
  name: string;
  effective_from: string;
  params: string;
  /** 'draft', 'published' or 'withdrawn'. */
  status: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  published_by: string | null;
  published_at: string | null;
}

declare module '../platform/db/schema.ts' {
  interface Database {
    policy_drafts: PolicyDraftRow;
    policy_versions: PolicyRow;
  }
}
