import type BetterSqlite3 from 'better-sqlite3';
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { PersonRow } from './people.tables.ts';
import './people.tables.ts';

export type StoredPerson = Omit<Selectable<PersonRow>, 'id'> & { id: number };
export type NewPerson = Insertable<PersonRow>;

/** Where a list may look: exact division filters, already checked against the actor's scope. */
export interface PersonFilter {
  district?: string;
  street?: string;
  community?: string;
  idIndex?: string;
}

const num = <T extends { id: number | bigint | string }>(r: T) => ({ ...r, id: Number(r.id) });

/** One person by id. */
export async function findPerson(db: Db, id: number): Promise<StoredPerson | undefined> {
  const r = await db.k.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
  return r && num(r);
}

/** One person by the blind index of their resident ID. */
export async function findPersonByIndex(db: Db | Executor, idIndex: string): Promise<StoredPerson | undefined> {
  const k = 'k' in db ? db.k : db;
  const r = await k.selectFrom('persons').selectAll().where('id_index', '=', idIndex).executeTakeFirst();
  return r && num(r);
}

/** A page of persons matching the filter, by id, with the total count. */
export async function listPersons(
  db: Db,
  f: PersonFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: StoredPerson[]; total: number }> {
  let q = db.k.selectFrom('persons');
  if (f.district) q = q.where('district_code', '=', f.district);
  if (f.street) q = q.where('street_code', '=', f.street);
  if (f.community) q = q.where('community_code', '=', f.community);
  if (f.idIndex) q = q.where('id_index', '=', f.idIndex);
  const rows = await q.selectAll().orderBy('id').offset(page.offset).limit(page.limit).execute();
  const total = await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows: rows.map(num), total: Number(total.n) };
}

/** Inserts one person and returns the id. */
export async function insertPerson(trx: Executor, p: NewPerson): Promise<number> {
  const r = await trx.insertInto('persons').values(p).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Persons of some districts in id order, at most `limit` (the demo picks its scanners and samplers so). */
export async function personsOfDistricts(db: Db, districts: string[], limit?: number) {
  let q = db.k
    .selectFrom('persons')
    .select(['id', 'id_cipher', 'street_code'])
    .where('district_code', 'in', districts)
    .orderBy('id');
  if (limit !== undefined) q = q.limit(limit);
  return (await q.execute()).map(num);
}

/** Bulk insert for imports and the demo; callers chunk to stay under parameter limits. */
export async function insertPersons(trx: Executor, rows: NewPerson[]): Promise<void> {
  if (rows.length) await trx.insertInto('persons').values(rows).execute();
}

const PERSON_COLUMNS = [
  'id_index',
  'id_cipher',
  'id_masked',
  'name_cipher',
  'name_masked',
  'phone_index',
  'phone_cipher',
  'phone_masked',
  'sex',
  'birth_date',
  'district_code',
  'street_code',
  'community_code',
  'address_cipher',
  'created_at',
  'updated_at',
] as const;
const PER_STATEMENT = 64;
const bulkStatements = new WeakMap<
  object,
  { many: BetterSqlite3.Statement<unknown[]>; one: BetterSqlite3.Statement<unknown[]> }
>();

/**
 * Inserts many persons in one transaction of its own (the city's seed, 8.4 M). On SQLite through
 * two cached statements of 64 rows and one row (Kysely compiled and SQLite prepared each 500-row
 * statement anew: half the residents' time went there); on PostgreSQL 1,000 rows a statement.
 */
export async function bulkInsertPersons(db: Db, rows: NewPerson[]): Promise<void> {
  const width = PERSON_COLUMNS.length;
  const handle = db.sqlite;
  if (!handle) {
    await db.k.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 1000) await insertPersons(trx, rows.slice(i, i + 1000));
    });
    return;
  }
  let st = bulkStatements.get(handle);
  if (!st) {
    const head = `insert into persons (${PERSON_COLUMNS.join(', ')}) values `;
    const tuple = `(${Array(width).fill('?').join(', ')})`;
    st = {
      many: handle.prepare<unknown[]>(head + Array(PER_STATEMENT).fill(tuple).join(', ')),
      one: handle.prepare<unknown[]>(head + tuple),
    };
    bulkStatements.set(handle, st);
  }
  const { many, one } = st;
  const fill = (args: unknown[], at: number, p: NewPerson) => {
    for (let c = 0; c < width; c++) args[at + c] = p[PERSON_COLUMNS[c] as (typeof PERSON_COLUMNS)[number]] ?? null;
  };
  handle.transaction(() => {
    const args: unknown[] = new Array(PER_STATEMENT * width);
    let i = 0;
    for (; i + PER_STATEMENT <= rows.length; i += PER_STATEMENT) {
      for (let j = 0; j < PER_STATEMENT; j++) fill(args, j * width, rows[i + j] as NewPerson);
      many.run(args);
    }
    const arg: unknown[] = new Array(width);
    for (; i < rows.length; i++) {
      fill(arg, 0, rows[i] as NewPerson);
      one.run(arg);
    }
  })();
}

/** Residents per district, optionally limited to one district or one street. */
export async function countByDistrict(
  db: Db,
  f: { district?: string; street?: string },
): Promise<Array<{ code: string; n: number }>> {
  let q = db.k.selectFrom('persons').select(['district_code as code', (e) => e.fn.countAll<number>().as('n')]);
  if (f.district) q = q.where('district_code', '=', f.district);
  if (f.street) q = q.where('street_code', '=', f.street);
  const rows = await q.groupBy('district_code').execute();
  return rows.map((r) => ({ code: r.code, n: Number(r.n) }));
}

/** Total persons (used to decide whether the demo must be seeded). */
export async function countPersons(db: Db): Promise<number> {
  const r = await db.k
    .selectFrom('persons')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Person ids by resident-ID blind index, to link cases to registered persons. */
export async function personIdsByIndex(trx: Executor, indexes: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < indexes.length; i += 500) {
    const rows = await trx
      .selectFrom('persons')
      .select(['id', 'id_index'])
      .where('id_index', 'in', indexes.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id_index, Number(r.id));
  }
  return out;
}

const byIndexStatements = new WeakMap<object, BetterSqlite3.Statement<unknown[]>>();

/**
 * Person ids by blind index for a bulk import, read before its transaction. On SQLite one statement
 * per 50,000 keys joins a JSON array of them, sorted so that consecutive probes share index pages:
 * per-key calls or IN lists of 500 spend most of their time crossing into the engine.
 */
export async function personIdsByIndexBulk(db: Db, indexes: Iterable<string>): Promise<Map<string, number>> {
  if (!db.sqlite) return personIdsByIndex(db.k, [...indexes]);
  let st = byIndexStatements.get(db.sqlite);
  if (!st) {
    st = db.sqlite
      .prepare<unknown[]>(
        'select p.id_index, p.id from json_each(?) as j join persons as p on p.id_index = j.value order by j.key',
      )
      .raw();
    byIndexStatements.set(db.sqlite, st);
  }
  const keys = [...indexes].sort();
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 50_000)
    for (const [ix, id] of st.all(JSON.stringify(keys.slice(i, i + 50_000))) as Array<[string, number]>)
      out.set(ix, Number(id));
  return out;
}

/** Person ids of each community, lowest first (the demo seats zone residents from them). */
/** The community of each of some persons, by id. */
export async function communitiesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.k
      .selectFrom('persons')
      .select(['id', 'community_code'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(Number(r.id), r.community_code);
  }
  return out;
}

/** Persons of some communities, by community. */
export async function personIdsByCommunity(db: Db, communities: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < communities.length; i += 500) {
    const rows = await db.k
      .selectFrom('persons')
      .select(['id', 'community_code'])
      .where('community_code', 'in', communities.slice(i, i + 500))
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.community_code) ?? [];
      list.push(Number(r.id));
      out.set(r.community_code, list);
    }
  }
  return out;
}

/**
 * Persons by blind index, after `afterIndex` ('' for the first), up to `limit`, packed for the id
 * cache without an object per person: 24 hex digits each, the first 16 of the blind index (all the
 * cache keeps) then the id (ids from 2^31 - 1 on, which the cache cannot hold, are left out: the
 * import asks the database). In blind-index order, from the unique index alone; `last` is the
 * page's last blind index, where the next page starts.
 */
export async function personIndexPage(
  db: Db,
  afterIndex: string,
  limit: number,
): Promise<{ packed: string; last: string | null }> {
  if (db.sqlite) {
    let st = pageStatements.get(db.sqlite);
    if (!st) {
      st = db.sqlite
        .prepare<unknown[]>(
          "select group_concat(iif(id < 2147483647, substr(id_index, 1, 16) || printf('%08x', id), ''), ''), max(id_index) from (select id_index, id from persons where id_index > ? order by id_index limit ?)",
        )
        .raw();
      pageStatements.set(db.sqlite, st);
    }
    const [packed, last] = st.get(afterIndex, limit) as [string | null, string | null];
    return { packed: packed ?? '', last };
  }
  const r = await sql<{ packed: string | null; last: string | null }>`select
      string_agg(case when id < 2147483647 then substr(id_index, 1, 16) || lpad(to_hex(id), 8, '0') else '' end, '') as packed,
      max(id_index) as last
    from (select id_index, id from persons where id_index > ${afterIndex} order by id_index limit ${limit}) p`.execute(
    db.k,
  );
  const row = r.rows[0];
  return { packed: row?.packed ?? '', last: row?.last ?? null };
}

/** The highest person id (0 when none): how large the id cache will grow. */
export async function topPersonId(db: Db): Promise<number> {
  const r = await db.k
    .selectFrom('persons')
    .select((e) => e.fn.max('id').as('top'))
    .executeTakeFirst();
  return Number(r?.top ?? 0);
}
const pageStatements = new WeakMap<object, BetterSqlite3.Statement<unknown[]>>();
