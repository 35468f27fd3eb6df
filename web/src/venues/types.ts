/** A venue as GET /api/v1/venues lists it, with the day's scans. */
export interface Venue {
  id: number;
  code: string;
  codeVersion: number;
  name: string;
  category: string;
  districtCode: string;
  communityCode: string;
  status: 'open' | 'suspended' | 'closed-loop';
  scans: number;
  denied: number;
}

/** GET /api/v1/venues/stats. */
export interface VenueStats {
  date: string;
  scans: number;
  denied: number;
  denialRate: number;
  byHour: Array<{ hour: string; scans: number; denied: number }>;
  byReason: Array<{ code: string; n: number }>;
  busiest: Venue[];
  unusual: Array<Venue & { why: 'many-denials' | 'few-denials'; expectedRate: number }>;
}

/** One row of GET /api/v1/venues/:code/scans. */
export interface VenueScan {
  id: string;
  at: string;
  verdict: 'allow' | 'deny';
  colour: string;
  reasons: string[];
  proxy: boolean;
  source: 'code' | 'id' | 'paper';
  personId: number | null;
  identity: string;
  enteredBy: string | null;
}
