import type {
  BriefingLang,
  CumulativeKey,
  CumulativeMetric,
  DutyKind,
  Figures,
  Metric,
  Rank,
  RecordMetric,
  User,
  WorkingGroup,
  ZoneLevel,
  ZoneUnit,
} from './api-types';

// The fixed lists the screens iterate. The server's lists live beside its zod schemas and cannot be
// imported at run time (the bundle would carry zod), so each list here is checked against the
// server's type: a value the server does not know fails the build.

/**
 * A list of every value of a server type, no more and no fewer: a value the server adds (or drops)
 * breaks the build here, naming it, instead of a screen silently leaving it out.
 */
const allOf =
  <T extends string>() =>
  <const L extends readonly T[]>(
    list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): L =>
    list;

/** The metrics a figure can be listed by (every Figures key except `cumulative`). */
export const METRICS = allOf<Metric>()([
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
]);

export const CUMULATIVE = allOf<CumulativeKey>()([
  'localConfirmed',
  'localAsymptomatic',
  'importedConfirmed',
  'importedAsymptomatic',
  'discharged',
  'released',
  'deaths',
]);

/** Cumulative totals as listable metrics (`cumulativeLocalConfirmed` …): each total lists its records too. */
export const cumulativeMetric = (k: CumulativeKey): CumulativeMetric =>
  `cumulative${k[0]?.toUpperCase()}${k.slice(1)}` as CumulativeMetric;
export const RECORD_METRICS: readonly RecordMetric[] = [...METRICS, ...CUMULATIVE.map(cumulativeMetric)];

/** The value of any listable metric in a day's figures. */
export function metricValue(f: Figures, m: RecordMetric): number {
  if (!m.startsWith('cumulative')) return f[m as Metric];
  const k = `${m[10]?.toLowerCase()}${m.slice(11)}` as CumulativeKey;
  return f.cumulative[k];
}

export const BRIEFING_LANGS = allOf<BriefingLang>()(['zh-CN', 'zh-TW', 'en']);
export const ZONE_LEVELS = allOf<ZoneLevel>()(['high', 'medium', 'low']);
export const RANKS = allOf<Rank>()(['clerk', 'section', 'division', 'bureau']);
export const WORKING_GROUPS = allOf<WorkingGroup>()([
  'coordination',
  'health-monitoring',
  'medical',
  'disinfection',
  'transfer',
  'logistics',
  'security',
]);
/** What a zone is drawn around (the server's list; an unknown one is shown as sent). */
export const ZONE_UNITS = allOf<ZoneUnit>()([
  'compound',
  'building',
  'unit',
  'floor',
  'household',
  'village',
  'street-section',
]);
export const DUTY_KINDS = allOf<DutyKind>()(['screening', 'garbage', 'supplies', 'request']);

/** Whether the user's role carries a permission. */
export const can = (user: User, permission: string): boolean => user.permissions.includes(permission);
