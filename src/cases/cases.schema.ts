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

/** The running totals kept beside each day's figures. */
export const CUMULATIVE_KEYS = [
  'localConfirmed',
  'localAsymptomatic',
  'importedConfirmed',
  'importedAsymptomatic',
  'discharged',
  'released',
  'deaths',
] as const;
export type CumulativeKey = (typeof CUMULATIVE_KEYS)[number];

const counts = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<K, z.ZodNumber>);

/** The figures of one day and one jurisdiction. */
export const Figures = counts(METRICS).extend({ cumulative: counts(CUMULATIVE_KEYS) });
export type Figures = z.infer<typeof Figures>;
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
export const CaseView = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  kind: z.enum(KINDS),
  origin: z.enum(ORIGINS),
  reportedOn: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  streetCode: z.string().nullable(),
  communityCode: z.string().nullable(),
  communityName: z.string().nullable(),
  detectedVia: z.enum(DETECTED_VIA),
  reclassifiedOn: z.string().nullable(),
  dischargedOn: z.string().nullable(),
  releasedOn: z.string().nullable(),
  diedOn: z.string().nullable(),
  nameMasked: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  personId: z.number().int().nullable(),
});
export type CaseView = z.infer<typeof CaseView>;

/** A city or district the figures are of. */
export const Jurisdiction = z.object({ code: z.string(), name: z.string() });
export type Jurisdiction = z.infer<typeof Jurisdiction>;

/** GET /api/v1/figures: a day's figures and the day before's. */
export const DayFigures = z.object({
  date: z.string(),
  jurisdiction: Jurisdiction,
  figures: Figures,
  previous: Figures,
});
export type DayFigures = z.infer<typeof DayFigures>;

/** GET /api/v1/figures/latest: the latest day with figures, or null before the first. */
export const LatestFigures = z.object({ date: z.string().nullable() });

/** GET /api/v1/figures/series. */
export const FigureSeries = z.object({
  jurisdiction: Jurisdiction,
  days: z.array(z.object({ date: z.string(), figures: Figures })),
});
export type FigureSeries = z.infer<typeof FigureSeries>;

/** GET /api/v1/figures/districts. */
export const DistrictFigures = z.object({
  date: z.string(),
  districts: z.array(z.object({ code: z.string(), name: z.string(), figures: Figures })),
});
export type DistrictFigures = z.infer<typeof DistrictFigures>;

/** GET /api/v1/cases. */
export const CasePage = z.object({
  items: z.array(CaseView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CasePage = z.infer<typeof CasePage>;

/** POST /api/v1/imports/cases: what the line list did (or would do, dry). */
export const ImportResult = z.object({
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  dryRun: z.boolean(),
  importId: z.number().int().nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;
