/** A risk mark as the list answers it (identities masked). */
export interface Mark {
  id: number;
  kind: string;
  since: string;
  caseNo: string | null;
  zone: string | null;
  origin: string | null;
  source: string;
  note: string | null;
  status: string;
  effect: 'red' | 'yellow' | 'green' | 'cleared' | null;
  reason: { 'zh-CN': string; en: string } | null;
  person: { name: string; idNumber: string; district: string; community: string };
  closeReason: string | null;
  schedule: {
    policyId: string;
    identified: boolean;
    pcr: Array<{ day: number; date: string; place: string }>;
    endsOn: string | null;
  } | null;
}

/** What a co-presence run found. */
export interface TraceResult {
  caseNo: string;
  window: { from: string; until: string; minutes: number };
  caseScans: number;
  venues: number;
  found: number;
  added: number;
  existing: number;
  unidentified: number;
  contacts: Array<{ name: string; idNumber: string; lastContact: string }>;
}
