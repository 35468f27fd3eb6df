import { DIVISIONS } from '../geo/geo.data.ts';
import { checkCharOf, countyCodes } from '../people/people.rules.ts';
import type { PersonInput } from '../people/people.schema.ts';
import { DISTRICT_POPULATION, nameFor } from './fuzhou.ts';
import type { Rng } from './rng.ts';

const AGE_BANDS: Array<[number, number]> = [
  [0, 14],
  [15, 59],
  [60, 79],
  [80, 99],
];
const AGE_WEIGHTS = [0.15, 0.65, 0.16, 0.04];
const REFERENCE_DAY = Date.UTC(2022, 10, 7);

/** How many synthetic residents each district gets at a scale (at least one per district). */
export function residentQuota(scale: number): Array<{ district: string; count: number }> {
  return Object.entries(DISTRICT_POPULATION).map(([district, pop]) => ({
    district,
    count: Math.max(1, Math.round(pop * scale)),
  }));
}

/** Generates residents of one district, deterministic for a given RNG state. */
export function* residentsOf(rng: Rng, district: string, count: number, usedIds: Set<string>): Generator<PersonInput> {
  const communities = DIVISIONS.filter((d) => d.level === 'community' && d.code.startsWith(district)).map(
    (d) => d.code,
  );
  const fujian = countyCodes().filter((c) => c.startsWith('35'));
  const elsewhere = countyCodes().filter((c) => !c.startsWith('35'));
  for (let i = 0; i < count; i++) {
    // Most residents were registered in their own district; many migrated in from elsewhere.
    const roll = rng.next();
    const area = roll < 0.78 ? district : roll < 0.9 ? rng.pick(fujian) : rng.pick(elsewhere);
    const [lo, hi] = rng.weighted(AGE_BANDS, AGE_WEIGHTS);
    const age = rng.int(lo, hi);
    const birth = new Date(REFERENCE_DAY - (age * 365.25 + rng.int(0, 364)) * 86_400_000);
    const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
    let id = '';
    do {
      const first17 = `${area}${ymd}${String(rng.int(0, 999)).padStart(3, '0')}`;
      id = first17 + checkCharOf(first17);
    } while (usedIds.has(id));
    usedIds.add(id);
    const phone =
      age >= 12 || rng.next() < 0.2
        ? `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`
        : null;
    yield { idNumber: id, name: nameFor(rng), phone, communityCode: rng.pick(communities), address: null };
  }
}
