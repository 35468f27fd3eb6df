import { divisionOf } from '../geo/geo.data.ts';
import {
  type CaseRecord,
  DETECTED_VIA,
  type Figures,
  FOUND_IN_QUARANTINE,
  KINDS,
  ORIGINS,
  type RecordMetric,
} from './cases.schema.ts';

/** A problem with one field of one case, rendered later through the error catalogue. */
export interface CaseIssue {
  column: string;
  code: string;
  params?: Record<string, unknown>;
}

const DATE_FIELDS = ['reportedOn', 'reclassifiedOn', 'dischargedOn', 'releasedOn', 'diedOn'] as const;
const COLUMN: Record<string, string> = {
  caseNo: 'case_no',
  kind: 'kind',
  origin: 'origin',
  reportedOn: 'reported_on',
  districtCode: 'district_code',
  streetCode: 'street_code',
  communityCode: 'community_code',
  detectedVia: 'detected_via',
  reclassifiedOn: 'reclassified_on',
  dischargedOn: 'discharged_on',
  releasedOn: 'released_on',
  diedOn: 'died_on',
};

/** Whether a string is a real calendar date in YYYY-MM-DD. */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Checks one case for consistency: known values and divisions, real dates, and the order of events
 * (nothing before the report; discharge only for confirmed, release only for asymptomatic cases).
 */
export function validateCase(c: CaseRecord, today: string): CaseIssue[] {
  const issues: CaseIssue[] = [];
  const bad = (field: string, code: string, params?: Record<string, unknown>) =>
    issues.push({ column: COLUMN[field] ?? field, code, params });
  if (!c.caseNo) bad('caseNo', 'CASE_NO_MISSING');
  if (!(KINDS as readonly string[]).includes(c.kind)) bad('kind', 'CASE_KIND_INVALID', { value: c.kind });
  if (!(ORIGINS as readonly string[]).includes(c.origin)) bad('origin', 'CASE_ORIGIN_INVALID', { value: c.origin });
  if (!(DETECTED_VIA as readonly string[]).includes(c.detectedVia))
    bad('detectedVia', 'CASE_DETECTED_VIA_INVALID', { value: c.detectedVia });
  const district = divisionOf(c.districtCode);
  if (district?.level !== 'district')
    bad('districtCode', 'CASE_DIVISION_UNKNOWN', { code: c.districtCode, level: 'district', levelZh: '区县' });
  const street = c.streetCode ? divisionOf(c.streetCode) : undefined;
  if (c.streetCode && street?.level !== 'street')
    bad('streetCode', 'CASE_DIVISION_UNKNOWN', { code: c.streetCode, level: 'street', levelZh: '街道（乡镇）' });
  else if (street && street.parentCode !== c.districtCode)
    bad('streetCode', 'CASE_DIVISION_MISMATCH', { code: c.streetCode, parent: c.districtCode });
  const community = c.communityCode ? divisionOf(c.communityCode) : undefined;
  if (c.communityCode && community?.level !== 'community') {
    bad('communityCode', 'CASE_DIVISION_UNKNOWN', { code: c.communityCode, level: 'community', levelZh: '社区（村）' });
  } else if (community && !community.code.startsWith(c.districtCode)) {
    bad('communityCode', 'CASE_DIVISION_MISMATCH', { code: c.communityCode, parent: c.districtCode });
  } else if (community && c.streetCode && community.parentCode !== c.streetCode) {
    bad('communityCode', 'CASE_DIVISION_MISMATCH', { code: c.communityCode, parent: c.streetCode });
  }
  let datesOk = true;
  for (const f of DATE_FIELDS) {
    const v = c[f];
    if (v === null || (f !== 'reportedOn' && v === '')) continue;
    if (!isDay(v)) {
      bad(f, 'CASE_DATE_INVALID', { value: v });
      datesOk = false;
    } else if (v > today) {
      bad(f, 'CASE_DATE_FUTURE', { value: v });
      datesOk = false;
    }
  }
  if (!datesOk) return issues;
  const before = (f: (typeof DATE_FIELDS)[number], ref: string | null, code: string) => {
    const v = c[f];
    if (v && ref && v < ref) bad(f, code, { value: v, ref });
  };
  if (c.reclassifiedOn) {
    if (c.kind !== 'confirmed') bad('reclassifiedOn', 'CASE_RECLASSIFIED_NOT_CONFIRMED');
    else if (c.reclassifiedOn <= c.reportedOn)
      bad('reclassifiedOn', 'CASE_RECLASSIFIED_NOT_AFTER_REPORT', { value: c.reclassifiedOn, ref: c.reportedOn });
  }
  if (c.dischargedOn && c.kind !== 'confirmed') bad('dischargedOn', 'CASE_DISCHARGE_NOT_CONFIRMED');
  if (c.releasedOn && c.kind !== 'asymptomatic') bad('releasedOn', 'CASE_RELEASE_NOT_ASYMPTOMATIC');
  before('dischargedOn', c.reclassifiedOn ?? c.reportedOn, 'CASE_DATE_BEFORE');
  before('releasedOn', c.reportedOn, 'CASE_DATE_BEFORE');
  before('diedOn', c.reclassifiedOn ?? c.reportedOn, 'CASE_DATE_BEFORE');
  if (c.diedOn && (c.dischargedOn || c.releasedOn)) bad('diedOn', 'CASE_DIED_AND_CLOSED');
  return issues;
}

/** Counter metrics: each case contributes one event per thing that happened to it on a day. */
export type CounterMetric =
  | 'reported_confirmed'
  | 'reported_asymptomatic'
  | 'reclassified'
  | 'discharged'
  | 'released'
  | 'died_confirmed'
  | 'died_asymptomatic'
  | 'found_quarantine'
  | 'found_community';

export interface CaseEvent {
  day: string;
  district: string;
  origin: string;
  metric: CounterMetric;
}

/**
 * A case as it stood at the end of a day (YYYY-MM-DD, Beijing): what happened after it has not yet
 * (a demo's or a late import's records run past the business today), so a reclassification still to
 * come leaves it asymptomatic; null when it was reported after that day.
 */
export function caseAsOf<T extends CaseRecord>(c: T, day: string): T | null {
  if (c.reportedOn > day) return null;
  const by = (d: string | null) => (d !== null && d <= day ? d : null);
  const reclassifiedOn = by(c.reclassifiedOn);
  return {
    ...c,
    kind: c.reclassifiedOn && !reclassifiedOn ? 'asymptomatic' : c.kind,
    reclassifiedOn,
    dischargedOn: by(c.dischargedOn),
    releasedOn: by(c.releasedOn),
    diedOn: by(c.diedOn),
  };
}

/** The events of a (validated) case; the counters are the sums of these. */
export function caseEvents(c: CaseRecord): CaseEvent[] {
  const ev = (day: string, metric: CounterMetric): CaseEvent => ({
    day,
    district: c.districtCode,
    origin: c.origin,
    metric,
  });
  // A reclassified infection was published as asymptomatic on its report day.
  const out = [
    ev(c.reportedOn, c.kind === 'confirmed' && !c.reclassifiedOn ? 'reported_confirmed' : 'reported_asymptomatic'),
  ];
  out.push(ev(c.reportedOn, FOUND_IN_QUARANTINE.includes(c.detectedVia) ? 'found_quarantine' : 'found_community'));
  if (c.reclassifiedOn) out.push(ev(c.reclassifiedOn, 'reclassified'));
  if (c.dischargedOn) out.push(ev(c.dischargedOn, 'discharged'));
  if (c.releasedOn) out.push(ev(c.releasedOn, 'released'));
  if (c.diedOn) out.push(ev(c.diedOn, c.kind === 'confirmed' ? 'died_confirmed' : 'died_asymptomatic'));
  return out;
}

/** Sums of one counter for one origin: on the day, and up to and including it. */
export type Totals = Map<string, { day: number; cum: number }>;

/** The key of a (metric, origin) pair in Totals. */
export const totalsKey = (metric: CounterMetric, origin: string) => `${metric}|${origin}`;

/** Builds the published figures from counter sums. */
export function figuresFromTotals(t: Totals): Figures {
  const day = (m: CounterMetric, o: string) => t.get(totalsKey(m, o))?.day ?? 0;
  const cum = (m: CounterMetric, o: string) => t.get(totalsKey(m, o))?.cum ?? 0;
  const both = (f: typeof day, m: CounterMetric) => f(m, 'local') + f(m, 'imported');
  return {
    newLocalConfirmed: day('reported_confirmed', 'local') + day('reclassified', 'local'),
    newLocalConfirmedReclassified: day('reclassified', 'local'),
    newLocalAsymptomatic: day('reported_asymptomatic', 'local'),
    newImportedConfirmed: day('reported_confirmed', 'imported') + day('reclassified', 'imported'),
    newImportedAsymptomatic: day('reported_asymptomatic', 'imported'),
    localDischarged: day('discharged', 'local'),
    localReleased: day('released', 'local'),
    importedDischarged: day('discharged', 'imported'),
    importedReleased: day('released', 'imported'),
    deaths: both(day, 'died_confirmed') + both(day, 'died_asymptomatic'),
    hospitalised:
      both(cum, 'reported_confirmed') +
      both(cum, 'reclassified') -
      both(cum, 'discharged') -
      both(cum, 'died_confirmed'),
    underObservation:
      both(cum, 'reported_asymptomatic') -
      both(cum, 'reclassified') -
      both(cum, 'released') -
      both(cum, 'died_asymptomatic'),
    foundInQuarantine: day('found_quarantine', 'local'),
    foundInCommunity: day('found_community', 'local'),
    cumulative: {
      // Reclassified infections move from the asymptomatic to the confirmed total: never counted twice.
      localConfirmed: cum('reported_confirmed', 'local') + cum('reclassified', 'local'),
      localAsymptomatic: cum('reported_asymptomatic', 'local') - cum('reclassified', 'local'),
      importedConfirmed: cum('reported_confirmed', 'imported') + cum('reclassified', 'imported'),
      importedAsymptomatic: cum('reported_asymptomatic', 'imported') - cum('reclassified', 'imported'),
      discharged: both(cum, 'discharged'),
      released: both(cum, 'released'),
      deaths: both(cum, 'died_confirmed') + both(cum, 'died_asymptomatic'),
    },
  };
}

/** Whether a case counts as confirmed by the end of a day (reported so, or reclassified by then). */
function confirmedBy(c: CaseRecord, d: string): boolean {
  return c.kind === 'confirmed' && !c.reclassifiedOn
    ? c.reportedOn <= d
    : c.reclassifiedOn !== null && c.reclassifiedOn <= d;
}

/** Whether a case is one of the records behind a figure on a day (the definition the SQL mirrors). */
export function caseCounts(c: CaseRecord, metric: RecordMetric, d: string): boolean {
  const local = c.origin === 'local';
  const confirmedDirect = c.kind === 'confirmed' && !c.reclassifiedOn;
  const newConfirmed = (confirmedDirect && c.reportedOn === d) || c.reclassifiedOn === d;
  const newAsymptomatic = c.reportedOn === d && !confirmedDirect;
  const alive = !c.diedOn || c.diedOn > d;
  switch (metric) {
    case 'newLocalConfirmed':
      return local && newConfirmed;
    case 'newLocalConfirmedReclassified':
      return local && c.reclassifiedOn === d;
    case 'newLocalAsymptomatic':
      return local && newAsymptomatic;
    case 'newImportedConfirmed':
      return !local && newConfirmed;
    case 'newImportedAsymptomatic':
      return !local && newAsymptomatic;
    case 'localDischarged':
      return local && c.dischargedOn === d;
    case 'localReleased':
      return local && c.releasedOn === d;
    case 'importedDischarged':
      return !local && c.dischargedOn === d;
    case 'importedReleased':
      return !local && c.releasedOn === d;
    case 'deaths':
      return c.diedOn === d;
    case 'hospitalised':
      return (
        c.kind === 'confirmed' &&
        (confirmedDirect ? c.reportedOn <= d : (c.reclassifiedOn as string) <= d) &&
        (!c.dischargedOn || c.dischargedOn > d) &&
        alive
      );
    case 'underObservation':
      return (
        c.reportedOn <= d &&
        (c.kind === 'asymptomatic' || (c.reclassifiedOn !== null && c.reclassifiedOn > d)) &&
        (!c.releasedOn || c.releasedOn > d) &&
        alive
      );
    case 'foundInQuarantine':
      return local && c.reportedOn === d && FOUND_IN_QUARANTINE.includes(c.detectedVia);
    case 'foundInCommunity':
      return local && c.reportedOn === d && !FOUND_IN_QUARANTINE.includes(c.detectedVia);
    case 'cumulativeLocalConfirmed':
      return local && confirmedBy(c, d);
    case 'cumulativeLocalAsymptomatic':
      return local && c.reportedOn <= d && !confirmedBy(c, d);
    case 'cumulativeImportedConfirmed':
      return !local && confirmedBy(c, d);
    case 'cumulativeImportedAsymptomatic':
      return !local && c.reportedOn <= d && !confirmedBy(c, d);
    case 'cumulativeDischarged':
      return c.dischargedOn !== null && c.dischargedOn <= d;
    case 'cumulativeReleased':
      return c.releasedOn !== null && c.releasedOn <= d;
    case 'cumulativeDeaths':
      return c.diedOn !== null && c.diedOn <= d;
  }
}

/** Where a figure's records are listed in the web app. */
export function recordsHref(date: string, metric: string): string {
  return `/#/cases?date=${date}&metric=${metric}`;
}
