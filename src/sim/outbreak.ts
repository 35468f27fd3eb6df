import type { CaseRecord, DetectedVia } from '../cases/cases.schema.ts';
import type { CaseInputRow } from '../cases/cases.service.ts';
import { DIVISIONS } from '../geo/geo.data.ts';
import type { PersonInput } from '../people/people.schema.ts';
import { addDays } from '../platform/dates.ts';
import { residentsOf } from './residents.ts';
import type { Rng } from './rng.ts';

/**
 * The outbreak's daily schedule, 24 Oct – 15 Nov 2022: new confirmed (direct), asymptomatic
 * infections reclassified as confirmed, new asymptomatic, discharges, releases. Shaped like Fuzhou's
 * wave (rising from late October, peaking around 6 November) and fixed so that 6 November reads
 * exactly 3 confirmed (one reclassified) / 35 asymptomatic / 3 discharged / 5 released, as published.
 */
export const SCHEDULE: Array<
  [day: string, confirmed: number, reclassified: number, asymptomatic: number, discharged: number, released: number]
> = [
  ['2022-10-24', 0, 0, 1, 0, 0],
  ['2022-10-25', 0, 0, 3, 0, 0],
  ['2022-10-26', 1, 0, 4, 0, 0],
  ['2022-10-27', 0, 0, 6, 0, 0],
  ['2022-10-28', 1, 0, 9, 0, 0],
  ['2022-10-29', 2, 1, 12, 0, 0],
  ['2022-10-30', 1, 0, 15, 0, 0],
  ['2022-10-31', 2, 1, 18, 0, 1],
  ['2022-11-01', 2, 0, 22, 0, 2],
  ['2022-11-02', 3, 1, 25, 0, 3],
  ['2022-11-03', 2, 1, 28, 0, 3],
  ['2022-11-04', 2, 0, 30, 1, 4],
  ['2022-11-05', 3, 1, 33, 1, 4],
  ['2022-11-06', 2, 1, 35, 3, 5],
  ['2022-11-07', 2, 0, 31, 2, 6],
  ['2022-11-08', 1, 1, 27, 2, 8],
  ['2022-11-09', 2, 0, 24, 3, 10],
  ['2022-11-10', 1, 1, 20, 3, 12],
  ['2022-11-11', 1, 0, 16, 2, 15],
  ['2022-11-12', 0, 1, 12, 3, 18],
  ['2022-11-13', 1, 0, 9, 2, 20],
  ['2022-11-14', 0, 0, 7, 3, 22],
  ['2022-11-15', 0, 0, 5, 2, 24],
];

/** Imported infections found at the port and in hotel quarantine; they never enter the local figures. */
const IMPORTED: Array<[day: string, kind: CaseRecord['kind']]> = [
  ['2022-11-02', 'asymptomatic'],
  ['2022-11-09', 'confirmed'],
];

// Most of the wave sat in the urban districts; a few cases in the counties around them.
const DISTRICT_WEIGHTS: Array<[string, number]> = [
  ['350102', 20],
  ['350103', 15],
  ['350104', 25],
  ['350111', 20],
  ['350105', 5],
  ['350121', 8],
  ['350112', 4],
  ['350181', 3],
];
const VIA: DetectedVia[] = [
  'quarantine',
  'home-isolation',
  'community-screening',
  'key-group-screening',
  'self-presented',
];
const VIA_WEIGHTS = [62, 15, 15, 5, 3];
const OBSERVATION_DAYS = 7;

/** The synthetic outbreak: case rows with identities, and the persons those identities belong to. */
export function outbreak(rng: Rng, usedIds: Set<string>): { cases: CaseInputRow[]; persons: PersonInput[] } {
  const cases: CaseRecord[] = [];
  const persons: PersonInput[] = [];
  const seq = new Map<string, number>();
  const districts = DISTRICT_WEIGHTS.map(([d]) => d);
  const weights = DISTRICT_WEIGHTS.map(([, w]) => w);
  const make = (day: string, kind: CaseRecord['kind'], origin: CaseRecord['origin']): CaseRecord => {
    const district = origin === 'local' ? rng.weighted(districts, weights) : '350105'; // 马尾 holds the port quarantine hotels
    const person = residentsOf(rng, district, 1, usedIds).next().value as PersonInput;
    persons.push(person);
    const community = DIVISIONS.find((d) => d.code === person.communityCode);
    const n = (seq.get(day) ?? 0) + 1;
    seq.set(day, n);
    const rec: CaseRecord = {
      caseNo: `FZ${day.replaceAll('-', '')}-${String(n).padStart(3, '0')}`,
      kind,
      origin,
      reportedOn: day,
      districtCode: district,
      streetCode: community?.parentCode ?? null,
      communityCode: person.communityCode,
      detectedVia: origin === 'imported' ? 'quarantine' : rng.weighted(VIA, VIA_WEIGHTS),
      reclassifiedOn: null,
      dischargedOn: null,
      releasedOn: null,
      diedOn: null,
    };
    cases.push(rec);
    return rec;
  };
  const take = (n: number, what: string, day: string, pool: CaseRecord[]) => {
    if (pool.length < n)
      throw new Error(`outbreak schedule infeasible: ${n} ${what} on ${day}, ${pool.length} eligible`);
    return pool.slice(0, n);
  };
  for (const [day, confirmed, reclassified, asymptomatic, discharged, released] of SCHEDULE) {
    for (let i = 0; i < confirmed; i++) make(day, 'confirmed', 'local');
    // Reclassified infections come from those reported one to four days before.
    const young = cases.filter(
      (c) =>
        c.origin === 'local' && c.kind === 'asymptomatic' && c.reportedOn < day && c.reportedOn >= addDays(day, -4),
    );
    for (const c of take(reclassified, 'reclassifications', day, young)) {
      c.kind = 'confirmed';
      c.reclassifiedOn = day;
    }
    for (let i = 0; i < asymptomatic; i++) make(day, 'asymptomatic', 'local');
    const dueDischarge = cases.filter(
      (c) =>
        c.origin === 'local' &&
        c.kind === 'confirmed' &&
        !c.dischargedOn &&
        (c.reclassifiedOn ?? c.reportedOn) <= addDays(day, -OBSERVATION_DAYS),
    );
    for (const c of take(discharged, 'discharges', day, dueDischarge)) c.dischargedOn = day;
    const dueRelease = cases.filter(
      (c) =>
        c.origin === 'local' &&
        c.kind === 'asymptomatic' &&
        !c.releasedOn &&
        c.reportedOn <= addDays(day, -OBSERVATION_DAYS),
    );
    for (const c of take(released, 'releases', day, dueRelease)) c.releasedOn = day;
    for (const [d, kind] of IMPORTED) if (d === day) make(day, kind, 'imported');
  }
  return {
    cases: cases.map((record, i) => ({
      row: i + 2,
      record,
      identity: {
        idNumber: persons[i]?.idNumber ?? null,
        name: persons[i]?.name ?? null,
        phone: persons[i]?.phone ?? null,
      },
    })),
    persons,
  };
}
