import { z } from 'zod';

export const KINDS = ['confirmed', 'asymptomatic'] as const;
export const ORIGINS = ['local', 'imported'] as const;
export const DETECTED_VIA = [
  'quarantine',
  'home-isolation',
  'community-screening',
  'key-group-screening',
  'self-presented',
] as const;
export type Kind = (typeof KINDS)[number];
export type Origin = (typeof ORIGINS)[number];
export type DetectedVia = (typeof DETECTED_VIA)[number];

/** Found while already isolated or under control, as opposed to in the community. */
export const FOUND_IN_QUARANTINE: readonly DetectedVia[] = ['quarantine', 'home-isolation'];

/** A case as the rules see it; `kind` is the current classification. */
export interface CaseRecord {
  caseNo: string;
  kind: Kind;
  origin: Origin;
  reportedOn: string;
  districtCode: string;
  streetCode: string | null;
  communityCode: string | null;
  detectedVia: DetectedVia;
  reclassifiedOn: string | null;
  dischargedOn: string | null;
  releasedOn: string | null;
  diedOn: string | null;
}

/** Identity carried by a line list; stored only encrypted, masked and blind-indexed. */
export interface CaseIdentity {
  idNumber: string | null;
  name: string | null;
  phone: string | null;
}

/** The figures of one day and one jurisdiction. */
export interface Figures {
  newLocalConfirmed: number;
  newLocalConfirmedReclassified: number;
  newLocalAsymptomatic: number;
  newImportedConfirmed: number;
  newImportedAsymptomatic: number;
  localDischarged: number;
  localReleased: number;
  importedDischarged: number;
  importedReleased: number;
  deaths: number;
  hospitalised: number;
  underObservation: number;
  foundInQuarantine: number;
  foundInCommunity: number;
  cumulative: {
    localConfirmed: number;
    localAsymptomatic: number;
    importedConfirmed: number;
    importedAsymptomatic: number;
    discharged: number;
    released: number;
    deaths: number;
  };
}

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

/** Cumulative totals as listable metrics: the records behind each running total. */
export const CUMULATIVE_METRICS = [
  'cumulativeLocalConfirmed',
  'cumulativeLocalAsymptomatic',
  'cumulativeImportedConfirmed',
  'cumulativeImportedAsymptomatic',
  'cumulativeDischarged',
  'cumulativeReleased',
  'cumulativeDeaths',
] as const;
export type CumulativeMetric = (typeof CUMULATIVE_METRICS)[number];
/** Any number the figures show: each one lists its records. */
export type RecordMetric = Metric | CumulativeMetric;

/** The value of a metric in a day's figures. */
export function metricValue(f: Figures, m: RecordMetric): number {
  if (!m.startsWith('cumulative')) return f[m as Metric];
  const key = (m.slice('cumulative'.length, 'cumulative'.length + 1).toLowerCase() +
    m.slice('cumulative'.length + 1)) as keyof Figures['cumulative'];
  return f.cumulative[key];
}

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const FiguresQuery = z.object({
  date: Day,
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export const SeriesQuery = z.object({
  from: Day,
  to: Day,
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export const DistrictsQuery = z.object({ date: Day });
export const CasesQuery = z.object({
  date: Day.optional(),
  metric: z.enum([...METRICS, ...CUMULATIVE_METRICS]).optional(),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type CasesQuery = z.infer<typeof CasesQuery>;
export const ImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false') });

/** A case as lists show it: identity masked. */
export interface CaseView extends CaseRecord {
  id: number;
  districtName: string;
  communityName: string | null;
  nameMasked: string | null;
  idNumberMasked: string | null;
  personId: number | null;
}
