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
  faultCount: number;
  /** Every fault found (up to 1,000), in chain order, then those the anchor reveals. */
  faults: Array<{ id: number; reason: string }>;
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

/** Cumulative totals as listable metrics (`cumulativeLocalConfirmed` …): each total lists its records too. */
export type CumulativeMetric = `cumulative${Capitalize<CumulativeKey>}`;
export type RecordMetric = Metric | CumulativeMetric;
export const cumulativeMetric = (k: CumulativeKey): CumulativeMetric =>
  `cumulative${k[0]?.toUpperCase()}${k.slice(1)}` as CumulativeMetric;
export const RECORD_METRICS: readonly RecordMetric[] = [...METRICS, ...CUMULATIVE.map(cumulativeMetric)];

/** The value of any listable metric in a day's figures. */
export function metricValue(f: Figures, m: RecordMetric): number {
  if (!m.startsWith('cumulative')) return f[m as Metric];
  const k = `${m[10]?.toLowerCase()}${m.slice(11)}` as CumulativeKey;
  return f.cumulative[k];
}

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
/** A case figure (stored briefings carry no href) or another module's number with its own link. */
export type Segment =
  | { text: string; metric?: undefined }
  | { text: string; metric: string; value: number; href?: string };

export interface Briefing {
  date: string;
  status: BriefingStatus;
  texts: Record<BriefingLang, string>;
  segments: Record<BriefingLang, Segment[]> | null;
  figures: Figures;
  previous: Figures;
  links: { metric: RecordMetric; value: number; href: string }[];
  draftedBy: string | null;
  editedBy: string | null;
  approvedBy: string | null;
  publishedBy: string | null;
  updatedAt: string | null;
  publishedAt: string | null;
}

/* Policy versions, risk zones, task forces and duties (contract: issue 4) */

export type ZoneLevel = 'high' | 'medium' | 'low';
export const ZONE_LEVELS: readonly ZoneLevel[] = ['high', 'medium', 'low'];
export type ZoneStatus = 'active' | 'lifted';
export type Rank = 'clerk' | 'section' | 'division' | 'bureau';
export const RANKS: readonly Rank[] = ['clerk', 'section', 'division', 'bureau'];
export type WorkingGroup =
  | 'coordination'
  | 'health-monitoring'
  | 'medical'
  | 'disinfection'
  | 'transfer'
  | 'logistics'
  | 'security';
export const WORKING_GROUPS: readonly WorkingGroup[] = [
  'coordination',
  'health-monitoring',
  'medical',
  'disinfection',
  'transfer',
  'logistics',
  'security',
];
/** What a zone is drawn around (the server's list; an unknown one is shown as sent). */
export const ZONE_UNITS = ['compound', 'building', 'unit', 'floor', 'household', 'village', 'street-section'] as const;
export type ZoneUnit = (typeof ZONE_UNITS)[number];

export type DutyKind = 'screening' | 'garbage' | 'supplies' | 'request';
export const DUTY_KINDS: readonly DutyKind[] = ['screening', 'garbage', 'supplies', 'request'];

export interface LiftRule {
  to: ZoneLevel;
  cleanDays: number;
  finalRound: boolean;
  afterDowngrade?: { cleanDays: number; finalRound: boolean };
}

export interface Policy {
  id: string;
  name: string;
  effectiveFrom: string;
  params: { levels: ZoneLevel[]; lift: { high?: LiftRule; medium?: LiftRule } };
  updatedAt: string;
  updatedBy: string;
}

export interface Cadre {
  id: number;
  name: string;
  rank: Rank;
  homeUnit: string;
}

export interface Zone {
  id: number;
  code: string;
  name: string;
  level: ZoneLevel;
  status: ZoneStatus;
  unit: string;
  districtCode: string;
  districtName: string;
  streetCode: string;
  communityCode: string;
  communityName: string;
  residents: number;
  designatedOn: string;
  liftedOn: string | null;
  polygon: unknown;
  /** [lng, lat] for the map. */
  centre: [number, number] | null;
  /** As of the day asked for; null once lifted. */
  cleanDays: number | null;
  lastInfectionOn: string | null;
  /** In lists (the detail answer carries the full task force and duties instead). */
  taskForce?: { id: number; leader: Cadre | null; members: number } | null;
  overdueDuties?: number;
}

export type ZoneEventKind = 'designate' | 'downgrade' | 'upgrade' | 'lift' | 'infection' | 'round';

export interface ZoneEvent {
  id: number;
  day: string;
  at: string;
  kind: ZoneEventKind;
  fromLevel: ZoneLevel | null;
  toLevel: ZoneLevel | null;
  noticeNo: string | null;
  noticeDistrict: string | null;
  policyId: string | null;
  rule: string | null;
  reason: string | null;
  overrideReason: string | null;
  tested: number | null;
  positives: number | null;
  caseNo: string | null;
  actor: string | null;
}

export interface Duty {
  id: number;
  zoneCode: string;
  kind: DutyKind;
  title: string;
  owner: string;
  dueAt: string;
  closedAt: string | null;
  closingNote: string | null;
  overdue: boolean;
}

export interface TaskForceDetail {
  /** The contract names the leader; without it the member marked isLeader is the leader. */
  leader?: Cadre | null;
  members: { cadre: Cadre; group: WorkingGroup; isLeader: boolean }[];
  formedOn?: string;
  disbandedOn?: string | null;
}

export interface ZoneDetail {
  zone: Zone;
  events: ZoneEvent[];
  taskForce: TaskForceDetail | null;
  duties: Duty[];
}

export type LocalizedText = Partial<Record<'zh-CN' | 'zh-TW' | 'en', string>>;

export interface Evaluation {
  zoneCode: string;
  zoneName: string;
  districtCode: string;
  level: ZoneLevel;
  policyId: string;
  action: 'downgrade' | 'lift' | 'none';
  to: ZoneLevel | null;
  eligible: boolean;
  rule: string | null;
  cleanDays: number;
  since: string;
  reason: LocalizedText;
}

export interface ZoneEvaluation {
  date: string;
  policy: Policy;
  items: Evaluation[];
}

export type CadreCounts = Record<Rank, number>;

export interface ZoneCounts {
  date: string;
  high: number;
  medium: number;
  liftedMedium: number;
  liftedHigh: number;
  taskForces: number;
  cadres: CadreCounts;
  byDistrict: {
    code: string;
    name: string;
    high: number;
    medium: number;
    liftedMedium?: number;
    cadres: CadreCounts;
  }[];
  sentence: LocalizedText;
}

export interface ZoneList {
  items: Zone[];
  total: number;
}

export const can = (user: User, permission: string): boolean => user.permissions.includes(permission);

/** GET /api/v1/dashboard/today: each part null when the user may not see it. */
export interface DashboardToday {
  date: string;
  cases: {
    date: string;
    newLocalConfirmed: number;
    newLocalAsymptomatic: number;
    localDischarged: number;
    localReleased: number;
  } | null;
  zones: { date: string; high: number; medium: number; taskForces: number } | null;
  checks: { date: string; scans: number; denied: number; denialRate: number } | null;
  appeals: { from: string; to: string; received: number; overdue: number } | null;
}
