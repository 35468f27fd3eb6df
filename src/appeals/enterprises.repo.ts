import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { AppealAccountRow, EnterpriseRow } from './appeals.tables.ts';
import './appeals.tables.ts';
import '../zones/zones.tables.ts';

const CHUNK = 500;
export type StoredEnterprise = Omit<Selectable<EnterpriseRow>, 'id'> & { id: number };
const num = <T extends { id: unknown }>(r: T) => ({ ...r, id: Number(r.id) });

// ---------------------------------------------------------------- enterprises

/** The enterprise with a unified social credit code. */
export async function enterpriseByCode(db: Executor, code: string): Promise<StoredEnterprise | undefined> {
  const r = await db.selectFrom('enterprises').selectAll().where('credit_code', '=', code).executeTakeFirst();
  return r && num(r);
}

/** The enterprise with an id. */
export async function enterpriseById(db: Executor, id: number): Promise<StoredEnterprise | undefined> {
  const r = await db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();
  return r && num(r);
}

/** The enterprises among some credit codes, by code. */
export async function enterprisesByCodes(db: Executor, codes: string[]): Promise<Map<string, StoredEnterprise>> {
  const out = new Map<string, StoredEnterprise>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = await db
      .selectFrom('enterprises')
      .selectAll()
      .where('credit_code', 'in', codes.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.credit_code, num(r));
  }
  return out;
}

/** Inserts enterprises and returns their ids in order. */
export async function insertEnterprises(trx: Executor, rows: Insertable<EnterpriseRow>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const r = await trx
      .insertInto('enterprises')
      .values(rows.slice(i, i + CHUNK))
      .returning('id')
      .execute();
    ids.push(...r.map((x) => Number(x.id)));
  }
  return ids;
}

/** Changes an enterprise's fields. */
export async function updateEnterprise(trx: Executor, id: number, patch: Updateable<EnterpriseRow>): Promise<void> {
  await trx.updateTable('enterprises').set(patch).where('id', '=', id).execute();
}

export interface EnterpriseFilter {
  q?: string;
  district?: string;
  areaPrefix?: string;
  tier?: string;
  whitelisted?: boolean;
  cadreId?: number;
  offset: number;
  limit: number;
}

/** A page of the enterprise registry under a filter, with the filter's total. */
export async function listEnterprises(db: Executor, f: EnterpriseFilter) {
  let q = db.selectFrom('enterprises');
  if (f.q)
    q = q.where((e) => e.or([e('name', 'like', `%${f.q}%`), e('credit_code', 'like', `${f.q?.toUpperCase()}%`)]));
  if (f.district) q = q.where('district_code', '=', f.district);
  if (f.areaPrefix) q = q.where('district_code', 'like', `${f.areaPrefix}%`);
  if (f.tier) q = q.where('tiers', 'like', `%${f.tier}%`);
  if (f.whitelisted !== undefined) q = q.where('whitelisted', '=', f.whitelisted ? 1 : 0);
  if (f.cadreId !== undefined) q = q.where('liaison_cadre_id', '=', f.cadreId);
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('district_code').orderBy('name').offset(f.offset).limit(f.limit).execute();
  return { total, rows: rows.map(num) };
}

/** The ids of the enterprises a liaison cadre looks after. */
export async function enterpriseIdsOfCadre(db: Executor, cadreId: number, areaPrefix = ''): Promise<number[]> {
  return (
    await db
      .selectFrom('enterprises')
      .select('id')
      .where('liaison_cadre_id', '=', cadreId)
      .where('district_code', 'like', `${areaPrefix}%`)
      .execute()
  ).map((r) => Number(r.id));
}

/** Names and ranks of some cadres (the enterprises' liaisons), by id. */
export async function cadreNames(db: Executor, ids: number[]): Promise<Map<number, { name: string; rank: string }>> {
  const out = new Map<number, { name: string; rank: string }>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('cadres')
      .select(['id', 'name', 'rank'])
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(Number(r.id), { name: r.name, rank: r.rank });
  }
  return out;
}

// ---------------------------------------------------------------- accounts

/** What a user account stands for in appeals: a handling unit, an enterprise or a liaison cadre. */
export async function accountOf(db: Executor, username: string): Promise<Selectable<AppealAccountRow> | undefined> {
  return db.selectFrom('appeal_accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

/** Links a user account to its unit, enterprise or cadre (replacing an earlier link). */
export async function upsertAccount(trx: Executor, row: AppealAccountRow): Promise<void> {
  await trx
    .insertInto('appeal_accounts')
    .values(row)
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({ unit: row.unit, enterprise_id: row.enterprise_id, cadre_id: row.cadre_id }),
    )
    .execute();
}
