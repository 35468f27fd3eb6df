import { readFileSync } from 'node:fs';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { CITY, DISTRICT_SHAPES_FILE, DIVISIONS, type Division, divisionOf } from './geo.data.ts';
import { GeoErrors } from './geo.errors.ts';
import { findDivision, findDivisions } from './geo.repo.ts';

// Reference data never changes at run time; an in-memory index keeps lookups off the database.
const byCode = new Map(DIVISIONS.map((d) => [d.code, d]));
let shapes: string | null = null;

export { divisionOf };

/** The city itself as a pseudo-division name, or a division's name; codes outside the city give undefined. */
export function nameOf(code: string): string | undefined {
  return code === CITY.code ? CITY.name : byCode.get(code)?.name;
}

/** The community and its street and district, or throws DIVISION_UNKNOWN / DIVISION_LEVEL. */
export function resolveCommunity(code: string): { community: Division; street: Division; district: Division } {
  const community = byCode.get(code);
  if (!community) throw new AppError(GeoErrors.DIVISION_UNKNOWN, { code });
  if (community.level !== 'community') throw new AppError(GeoErrors.DIVISION_LEVEL, { code, expected: 'community' });
  const street = byCode.get(community.parentCode) as Division;
  const district = byCode.get(street.parentCode) as Division;
  return { community, street, district };
}

/** Lists divisions by level or parent. */
export async function listDivisions(
  ctx: Ctx,
  opts: { level?: Division['level']; parent?: string },
): Promise<Division[]> {
  if (opts.parent && opts.parent !== CITY.code && !byCode.has(opts.parent)) {
    throw new AppError(GeoErrors.DIVISION_UNKNOWN, { code: opts.parent });
  }
  const parent = opts.parent === CITY.code ? undefined : opts.parent;
  const level = opts.parent === CITY.code && !opts.level ? 'district' : opts.level;
  return findDivisions(ctx.db, { level, parent });
}

/** One division with its children and its path from the district down. */
export async function getDivision(
  ctx: Ctx,
  code: string,
): Promise<{ division: Division; children: Division[]; path: Division[] }> {
  const division = await findDivision(ctx.db, code);
  if (!division) throw new AppError(GeoErrors.DIVISION_UNKNOWN, { code });
  const path: Division[] = [];
  for (let d: Division | undefined = division; d; d = byCode.get(d.parentCode)) path.unshift(d);
  return { division, children: await findDivisions(ctx.db, { parent: code }), path };
}

/** The district shapes as GeoJSON text (served as is; large and immutable). */
export function districtShapes(): string {
  shapes ??= readFileSync(DISTRICT_SHAPES_FILE, 'utf8');
  return shapes;
}
