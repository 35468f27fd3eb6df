/* Mass testing (contract: issue 5). Kept with the screens that use them. */

export interface CampaignArea {
  code: string;
  poolSize: number;
}

export interface Campaign {
  id: number;
  code: string;
  name: string;
  startOn: string;
  endOn: string;
  areas: CampaignArea[];
}

export interface CoverageRow {
  code: string;
  name: string;
  population: number;
  sampled: number;
  resulted: number;
  positive: number;
  missing: number;
}

export type CoverageLevel = 'district' | 'street' | 'community';

export interface Coverage {
  campaign: Campaign;
  round: number;
  items: CoverageRow[];
}

export interface ProgressHour {
  /** 'HH:00' in the contract; the server may prefix the day ('11-09 07:00') when a round runs past midnight. */
  hour: string;
  sampled: number;
  resulted: number;
}

export interface Progress {
  round: number;
  hours: ProgressHour[];
}

export interface UnsampledPerson {
  id: number;
  idNumberMasked: string;
  nameMasked: string;
  phoneMasked: string | null;
  communityCode: string;
}

export interface SamplingSite {
  code: string;
  name: string;
  districtCode: string;
  communityCode: string;
  communityName: string;
  lanes: number;
  hours: string;
  status: string;
  queueLength: number;
  queueUpdatedAt: string | null;
  /** Map position; null for a site registered without one. */
  lng?: number | null;
  lat?: number | null;
}

export type RetestKind = 'retest' | 'resample';

export interface RetestTask {
  id: number;
  kind: RetestKind | string;
  poolTube: string;
  personId: number;
  districtCode: string;
  communityCode: string;
  createdAt: string;
}

export interface TestStatus {
  personId: number;
  lastSampledAt: string | null;
  lastNegativeSampledAt: string | null;
  negativeWithin24h: boolean;
  positivePoolFlag: boolean;
  positive: boolean;
}

/** The headline of a round for an area. */
export interface CoverageTotals {
  population: number;
  sampled: number;
  resulted: number;
  positive: number;
  missing: number;
}

/** Turnaround of a set of tubes against the target (hours). */
export interface TurnaroundFigures {
  tubes: number;
  received: number;
  resulted: number;
  resultedWithoutReceipt: number;
  p50Hours: number | null;
  p90Hours: number | null;
  withinTarget: number;
  pctWithinTarget: number | null;
  waitingPastTarget: number;
  p50ToReceiptHours: number | null;
  p50InLabHours: number | null;
}

export interface Turnaround {
  campaign: string;
  targetHours: number;
  round: number | null;
  total: TurnaroundFigures;
  selected: TurnaroundFigures;
  rounds: Array<TurnaroundFigures & { round: number }>;
  labs: Array<TurnaroundFigures & { lab: string | null }>;
}

export interface TestingAlert {
  id: number;
  kind: 'positive-pool' | 'positive-single' | string;
  districtCode: string;
  districtName: string;
  campaign: string | null;
  tubeCode: string;
  createdAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}
