/** Shapes of the HTTP API (docs/api-contract.md, v1). */
export type Role =
  | 'commander'
  | 'district-officer'
  | 'task-force-leader'
  | 'lab'
  | 'venue-operator'
  | 'resident'
  | 'enterprise'
  | 'appeals-handler'
  | 'regulator'
  | 'auditor';

export interface Scope {
  kind: 'city' | 'district' | 'street' | 'zone';
  code: string;
  name: string;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  permissions: string[];
}

export type DivisionLevel = 'district' | 'street' | 'community';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string;
}

export interface DivisionDetail {
  division: Division;
  children: Division[];
  path: Division[];
}

export interface DistrictResidents {
  code: string;
  name: string;
  residents: number;
}

export interface Dashboard {
  city: { code: string; name: string };
  residents: number;
  districts: DistrictResidents[];
  scope: Scope;
}

export interface PersonMasked {
  id: number;
  idNumberMasked: string;
  nameMasked: string;
  phoneMasked: string | null;
  sex: 'male' | 'female';
  birthYear: number;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  communityName: string;
}

export interface PersonFull extends PersonMasked {
  idNumber: string;
  name: string;
  phone: string | null;
  address: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
  hash: string;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  firstBad?: { id: number; reason: string };
}

/* Cases, daily figures and the briefing (contract: issue 3) */

/** The metrics a figure can be listed by (every Figures key except `cumulative`). */
export const METRICS = [
  'newLocalConfirmed',
  'newLocalConfirmedReclassified',
  'newLocalAsymptomatic',
  'newImportedConfirmed',
  'newImportedAsymptomatic',
  'localDischarged',
  'localReleased',
  'importedDischarged',
  'importedReleased',
  'deaths',
  'hospitalised',
  'underObservation',
  'foundInQuarantine',
  'foundInCommunity',
] as const;
export type Metric = (typeof METRICS)[number];

export const CUMULATIVE = [
  'localConfirmed',
  'localAsymptomatic',
  'importedConfirmed',
  'importedAsymptomatic',
  'discharged',
  'released',
  'deaths',
] as const;
export type CumulativeKey = (typeof CUMULATIVE)[number];

export type Figures = Record<Metric, number> & { cumulative: Record<CumulativeKey, number> };

export interface Jurisdiction {
  code: string;
  name: string;
}

export interface DayFigures {
  date: string;
  jurisdiction: Jurisdiction;
  figures: Figures;
  previous: Figures;
}

export interface FigureSeries {
  jurisdiction: Jurisdiction;
  days: { date: string; figures: Figures }[];
}

export interface DistrictFigures {
  date: string;
  districts: { code: string; name: string; figures: Figures }[];
}

export interface CaseView {
  id: number;
  caseNo: string;
  kind: string;
  origin: string;
  reportedOn: string;
  districtCode: string;
  districtName: string;
  streetCode: string | null;
  communityCode: string | null;
  communityName: string | null;
  detectedVia: string;
  reclassifiedOn: string | null;
  dischargedOn: string | null;
  releasedOn: string | null;
  diedOn: string | null;
  nameMasked: string | null;
  idNumberMasked: string | null;
  personId: number | null;
}

export interface ImportResult {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

export interface ImportProblem {
  row: number;
  column: string | null;
  code: string;
  message: Partial<Record<'zh-CN' | 'en', string>>;
}

export type BriefingLang = 'zh-CN' | 'zh-TW' | 'en';
export const BRIEFING_LANGS: readonly BriefingLang[] = ['zh-CN', 'zh-TW', 'en'];
export type BriefingStatus = 'new' | 'draft' | 'approved' | 'published';
export type Segment = { text: string; metric?: undefined } | { text: string; metric: Metric; value: number };

export interface Briefing {
  date: string;
  status: BriefingStatus;
  texts: Record<BriefingLang, string>;
  segments: Record<BriefingLang, Segment[]> | null;
  figures: Figures;
  previous: Figures;
  links: { metric: Metric; value: number; href: string }[];
  draftedBy: string | null;
  editedBy: string | null;
  approvedBy: string | null;
  publishedBy: string | null;
  updatedAt: string | null;
  publishedAt: string | null;
}

export const can = (user: User, permission: string): boolean => user.permissions.includes(permission);
