import type { Db } from '../platform/db/db.ts';
import type { Division } from './geo.data.ts';
import './geo.tables.ts';

function toDivision(r: { code: string; name: string; level: string; parent_code: string }): Division {
  return { code: r.code, name: r.name, level: r.level as Division['level'], parentCode: r.parent_code };
}

/** Divisions filtered by level and/or parent, ordered by code. */
export async function findDivisions(db: Db, opts: { level?: Division['level']; parent?: string }): Promise<Division[]> {
  let q = db.k.selectFrom('divisions').selectAll();
  if (opts.level) q = q.where('level', '=', opts.level);
  if (opts.parent) q = q.where('parent_code', '=', opts.parent);
  return (await q.orderBy('code').execute()).map(toDivision);
}

/** One division, or undefined. */
export async function findDivision(db: Db, code: string): Promise<Division | undefined> {
  const r = await db.k.selectFrom('divisions').selectAll().where('code', '=', code).executeTakeFirst();
  return r && toDivision(r);
}
