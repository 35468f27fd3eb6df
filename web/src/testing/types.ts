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
