import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { OverrideRow } from './overrides.tables.ts';
import './overrides.tables.ts';

export type StoredOverride = Omit<Selectable<OverrideRow>, 'id'> & { id: number };
const num = (r: Selectable<OverrideRow>): StoredOverride => ({
  ...r,
  id: Number(r.id),
  person_id: Number(r.person_id),
});

/** Inserts a requested override and returns its id. */
export async function insertOverride(trx: Executor, row: Insertable<OverrideRow>): Promise<number> {
  return Number((await trx.insertInto('colour_overrides').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

/** One override. */
export async function overrideById(db: Db | Executor, id: number): Promise<StoredOverride | undefined> {
  const k = 'k' in db ? db.k : db;
  const r = await k.selectFrom('colour_overrides').selectAll().where('id', '=', id).executeTakeFirst();
  return r && num(r);
}

/** Sets an override's status (approved, rejected, revoked) with who and when. */
export async function setOverrideStatus(
  trx: Executor,
  id: number,
  patch: Partial<Pick<OverrideRow, 'status' | 'approved_by' | 'approved_at'>> & {
    revoked_by?: string;
    revoked_at?: string;
    revoke_reason?: string;
  },
): Promise<void> {
  await trx.updateTable('colour_overrides').set(patch).where('id', '=', id).execute();
}

/** Approved overrides not yet expired at `now` (the check keeps them in memory). */
export async function activeOverrides(db: Db, now: string): Promise<StoredOverride[]> {
  return (
    await db.k
      .selectFrom('colour_overrides')
      .selectAll()
      .where('status', '=', 'approved')
      .where('expires_at', '>', now)
      .execute()
  ).map(num);
}

/** Overrides of one person, newest first (shown to the person and to staff). */
export async function overridesOf(db: Db, personId: number): Promise<StoredOverride[]> {
  return (
    await db.k
      .selectFrom('colour_overrides')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('id', 'desc')
      .execute()
  ).map(num);
}

/** What a list row carries of the person: masked, as every staff list shows people. */
export type ListedOverride = StoredOverride & { id_masked: string; name_masked: string; community_code: string };

/**
 * The newest overrides of a state among persons whose community starts with `prefix`, at most
 * `limit`: `expired` is an approval past its expiry and `approved` one still in force at `now`
 * (the stored status stays `approved` either way).
 */
export async function overridesByStatus(
  db: Db,
  q: {
    status: 'pending' | 'approved' | 'expired' | 'rejected' | 'revoked';
    prefix: string;
    now: string;
    limit: number;
  },
): Promise<ListedOverride[]> {
  let sel = db.k
    .selectFrom('colour_overrides as o')
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .selectAll('o')
    .select(['p.id_masked', 'p.name_masked', 'p.community_code'])
    .where('p.community_code', 'like', `${q.prefix}%`);
  if (q.status === 'approved') sel = sel.where('o.status', '=', 'approved').where('o.expires_at', '>', q.now);
  else if (q.status === 'expired') sel = sel.where('o.status', '=', 'approved').where('o.expires_at', '<=', q.now);
  else sel = sel.where('o.status', '=', q.status);
  return (await sel.orderBy('o.id', 'desc').limit(q.limit).execute()).map((r) => ({
    ...num(r),
    ...r,
    id: Number(r.id),
    person_id: Number(r.person_id),
  }));
}
