/**
 * The HTTP API's shapes, taken from the server's zod schemas (the modules' *.schema.ts): type-only
 * imports that Vite erases, so a changed field fails `tsc -p web` instead of a screen. No shape is
 * written here by hand; a few names are narrowed views of the server's types.
 */

export type {
  Appeal,
  AppealDetail as Detail,
  AppealOptions,
  AppealsDashboard as Dash,
  Enterprise,
  EnterpriseOverview,
  LiaisonDesk,
  Report,
  TrackAnswer,
  Units,
} from '../../src/appeals/answers.schema.ts';
export type { BriefingView as Briefing } from '../../src/briefing/briefing.schema.ts';
export type {
  CasePage,
  CaseView,
  CumulativeKey,
  CumulativeMetric,
  DayFigures,
  DistrictFigures,
  FigureSeries,
  Figures,
  ImportResult,
  Jurisdiction,
  Metric,
  RecordMetric,
} from '../../src/cases/cases.schema.ts';
export type {
  Batch as CourierBatch,
  Outlet,
  PointZones,
  Tallies as CourierTallies,
  Volumes as CourierVolumes,
  Worker as CourierWorker,
  WorkerCheck,
} from '../../src/courier/courier.schema.ts';
export type { Dashboard, DashboardToday, DistrictResidents } from '../../src/dashboard/dashboard.schema.ts';
export type { PowerAccount, PowerFirm, PowerOverview } from '../../src/economy/economy.schema.ts';
export type {
  Classification as ExamClassification,
  EventImportResult,
  EventList,
  EventSummary,
  Manifest as ExamManifest,
  RoomLists as ExamRoomLists,
  RoomPlan,
  Supplies as ExamSupplies,
} from '../../src/events/events.schema.ts';
export type { ExitDaily, FlaggedExits } from '../../src/events/exit.schema.ts';
export type { InstitutionList, InstitutionRoster, Leave } from '../../src/events/institutions.schema.ts';
export type { Division, DivisionDetail, DivisionLevel } from '../../src/geo/geo.schema.ts';
export type { ListedOverride, Override } from '../../src/health-code/overrides.schema.ts';
export type { PersonFull, PersonMasked, PersonPage } from '../../src/people/people.schema.ts';
export type { AuditEntry, AuditVerify } from '../../src/platform/audit/audit.schema.ts';
export type { Role } from '../../src/platform/auth/auth.rules.ts';
export type { ScopeView as Scope, UserView as User } from '../../src/platform/auth/auth.schema.ts';
export type { ApiError, Clock, ImportProblem } from '../../src/platform/http/http.schema.ts';
export type { Draft } from '../../src/policy/drafts.schema.ts';
export type { LiftRule, Policy, PolicyParams, ZoneLevel } from '../../src/policy/policy.schema.ts';
export type { PolicyDiff } from '../../src/replay/replay.schema.ts';
export type { Switchover, SwitchoverChanges } from '../../src/replay/switchover.schema.ts';
export type { DemoInfo } from '../../src/sim/sim.schema.ts';
export type {
  Campaign,
  CampaignArea,
  Coverage,
  CoverageRow,
  Progress,
  ProgressHour,
  ReceiptAnswer as TubeReceipt,
  ResultsRecorded,
  RetestTask,
  SamplingSite,
  TestingAlert,
  TestStatus,
  Turnaround,
  TurnaroundFigures,
  UnsampledPerson,
} from '../../src/testing/testing.schema.ts';
export type { Mark, TraceResult } from '../../src/tracing/tracing.schema.ts';
export type {
  CheckResult,
  ExitReason,
  ResidentPass,
  Venue,
  VenueScan,
  VenueStats,
} from '../../src/venues/venues.schema.ts';
export type { Rank, WorkingGroup } from '../../src/zones/zones.rules.ts';
export type {
  Cadre,
  Duty,
  TaskForceDetail,
  Zone,
  ZoneCounts,
  ZoneDetail,
  ZoneEvaluation,
  ZoneEvaluationItem as Evaluation,
  ZoneEvent,
  ZoneList,
  ZoneStatus,
} from '../../src/zones/zones.schema.ts';

import type { z } from 'zod';
import type { BriefingView } from '../../src/briefing/briefing.schema.ts';
import type { CoverageQuery, CoverageRow } from '../../src/testing/testing.schema.ts';
import type { DesignateInput, DutyInput, ZoneCounts } from '../../src/zones/zones.schema.ts';

/** The briefing's languages and statuses, and one piece of its text. */
export type BriefingLang = keyof BriefingView['texts'];
export type BriefingStatus = BriefingView['status'];
export type Segment = NonNullable<BriefingView['segments']>[BriefingLang][number];
/** Deployed cadres by rank. */
export type CadreCounts = ZoneCounts['cadres'];
/** The division levels a round's coverage is counted at (zones are counted apart). */
export type CoverageLevel = Exclude<NonNullable<z.input<typeof CoverageQuery>['level']>, 'zone'>;
/** The headline of a round for an area: a coverage row's counts. */
export type CoverageTotals = Pick<CoverageRow, 'population' | 'sampled' | 'resulted' | 'positive' | 'missing'>;
/** What a zone is drawn around, and the kinds of duty a task force is given (request bodies). */
export type ZoneUnit = DesignateInput['unit'];
export type DutyKind = DutyInput['kind'];
export type { MeasureList } from '../../src/events/measures.schema.ts';
export type { NoticeList, NoticeReopened, NoticeSuspended } from '../../src/venues/suspensions.schema.ts';
