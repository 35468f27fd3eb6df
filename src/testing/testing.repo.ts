import type BetterSqlite3 from 'better-sqlite3';
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import type { CampaignRow, PersonTestRow, RetestTaskRow, SiteRow, TubeResultRow, TubeRow } from './testing.tables.ts';
import './testing.tables.ts';
import '../people/people.tables.ts';

const CHUNK = 500;
const k = (db: Db | Executor) => ('k' in db ? db.k : db);
export type StoredCampaign = Omit<Selectable<CampaignRow>, 'id'> & { id: number };
export type StoredSite = Omit<Selectable<SiteRow>, 'id'> & { id: number };

async function chunked<T, R>(xs: T[], size: number, fn: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < xs.length; i += size) out.push(...(await fn(xs.slice(i, i + size))));
  return out;
}

/** Inserts a campaign and returns its id. */
export async function insertCampaign(trx: Executor, row: Insertable<CampaignRow>): Promise<number> {
  return Number((await trx.insertInto('testing_campaigns').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

/** All campaigns, newest first. */
export async function listCampaigns(db: Db): Promise<StoredCampaign[]> {
  return (await db.k.selectFrom('testing_campaigns').selectAll().orderBy('start_on', 'desc').execute()).map((r) => ({
    ...r,
    id: Number(r.id),
  }));
}

/** Inserts sampling sites. */
export async function insertSites(trx: Executor, rows: Insertable<SiteRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('sampling_sites')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Sites, optionally of one district. */
export async function listSites(db: Db, district?: string): Promise<StoredSite[]> {
  let q = db.k.selectFrom('sampling_sites').selectAll();
  if (district) q = q.where('district_code', '=', district);
  return (await q.orderBy('code').execute()).map((r) => ({ ...r, id: Number(r.id) }));
}

/** Sets a site's reported queue length. */
export async function updateQueue(db: Db, code: string, queue: number, at: string): Promise<number> {
  const r = await db.k
    .updateTable('sampling_sites')
    .set({ queue_length: queue, queue_updated_at: at })
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Tubes by code (on SQLite by one `json_each` join per 50,000 codes when read outside a transaction). */
export async function tubesByCode(db: Db | Executor, codes: string[]): Promise<Map<string, Selectable<TubeRow>>> {
  if ('k' in db && db.sqlite) {
    // One statement, not one per code: outside a transaction each statement opens its own read.
    const st = prepared(db, 'select t.* from json_each(?) as j join tubes as t on t.code = j.value');
    const out = new Map<string, Selectable<TubeRow>>();
    for (let i = 0; i < codes.length; i += 50_000)
      for (const r of st.all(JSON.stringify(codes.slice(i, i + 50_000))) as Selectable<TubeRow>[]) out.set(r.code, r);
    return out;
  }
  const rows = await chunked(codes, CHUNK, (part) =>
    k(db).selectFrom('tubes').selectAll().where('code', 'in', part).execute(),
  );
  return new Map(rows.map((r) => [r.code, r]));
}

/** The persons already sampled into each of the given tubes. */
export async function existingSamples(db: Db, tubes: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const add = (tube: string, person: number) => {
    const xs = out.get(tube);
    if (xs) xs.push(person);
    else out.set(tube, [person]);
  };
  if (db.sqlite) {
    const st = prepared(
      db,
      'select s.tube_code, s.person_id from json_each(?) as j join samples as s on s.tube_code = j.value',
    ).raw();
    for (let i = 0; i < tubes.length; i += 50_000)
      for (const [tube, p] of st.all(JSON.stringify(tubes.slice(i, i + 50_000))) as Array<[string, number]>)
        add(tube, Number(p));
    return out;
  }
  const rows = await chunked(tubes, CHUNK, (part) =>
    db.k.selectFrom('samples').select(['tube_code', 'person_id']).where('tube_code', 'in', part).execute(),
  );
  for (const r of rows) add(r.tube_code, Number(r.person_id));
  return out;
}

const TUBE_COLUMNS = [
  'code',
  'pool_size',
  'site_code',
  'campaign_id',
  'round',
  'district_code',
  'first_sampled_at',
  'samples',
  'status',
] as const;
export type NewTube = Pick<Insertable<TubeRow>, (typeof TUBE_COLUMNS)[number]>;

/** Inserts new tubes and adds sample counts to existing ones. */
export async function upsertTubes(db: Db, trx: Executor, rows: NewTube[]): Promise<void> {
  if (db.sqlite) {
    manyRows(
      db,
      `insert into tubes (${TUBE_COLUMNS.join(', ')}) values `,
      TUBE_COLUMNS.length,
      ' on conflict (code) do update set samples = tubes.samples + excluded.samples',
      rows.length,
      (args, at, i) => {
        const r = rows[i] as NewTube;
        args[at] = r.code;
        args[at + 1] = r.pool_size;
        args[at + 2] = r.site_code;
        args[at + 3] = r.campaign_id;
        args[at + 4] = r.round;
        args[at + 5] = r.district_code;
        args[at + 6] = r.first_sampled_at;
        args[at + 7] = r.samples;
        args[at + 8] = r.status;
      },
    );
    return;
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('tubes')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({ samples: eb('tubes.samples', '+', eb.ref('excluded.samples')) })),
      )
      .execute();
  }
}

// Bulk paths: on the embedded database, cached prepared statements on the same connection (inside
// the caller's transaction) run several times faster than building multi-row statements.
const cache = new WeakMap<object, Map<string, BetterSqlite3.Statement<unknown[]>>>();
function prepared(db: Db, text: string) {
  const handle = db.sqlite as NonNullable<Db['sqlite']>;
  let m = cache.get(handle);
  if (!m) {
    m = new Map();
    cache.set(handle, m);
  }
  let st = m.get(text);
  if (!st) {
    st = handle.prepare<unknown[]>(text);
    m.set(text, st);
  }
  return st;
}

const PER_STATEMENT = 64;

/**
 * Runs `head (?, …), (?, …) … tail` over n rows, 64 rows a statement (the engine's per-statement
 * work is paid once for all of them), the rest one by one; `fill` writes row i's values at args[at].
 */
function manyRows(
  db: Db,
  head: string,
  width: number,
  tail: string,
  n: number,
  fill: (args: unknown[], at: number, i: number) => void,
): void {
  const tuple = `(${Array(width).fill('?').join(', ')})`;
  const many = prepared(db, head + Array(PER_STATEMENT).fill(tuple).join(', ') + tail);
  const args: unknown[] = new Array(PER_STATEMENT * width);
  let i = 0;
  for (; i + PER_STATEMENT <= n; i += PER_STATEMENT) {
    for (let j = 0; j < PER_STATEMENT; j++) fill(args, j * width, i + j);
    many.run(args);
  }
  if (i === n) return;
  const one = prepared(db, head + tuple + tail);
  const arg: unknown[] = new Array(width);
  for (; i < n; i++) {
    fill(arg, 0, i);
    one.run(arg);
  }
}

/** Samples to write, as columns (no object per sample): rows 0…n-1; tube and time as indexes into short lists. */
export interface SampleColumns {
  n: number;
  tube: Int32Array;
  tubeCodes: string[];
  person: Float64Array;
  at: Int32Array;
  times: string[];
  repeat: Uint8Array;
}

/** Inserts samples (the caller has removed those already stored). */
export async function insertSamples(db: Db, trx: Executor, rows: SampleColumns): Promise<void> {
  if (db.sqlite) {
    manyRows(
      db,
      'insert into samples (tube_code, person_id, sampled_at, repeat_in_round) values ',
      4,
      '',
      rows.n,
      (args, at, i) => {
        args[at] = rows.tubeCodes[rows.tube[i] as number];
        args[at + 1] = rows.person[i];
        args[at + 2] = rows.times[rows.at[i] as number];
        args[at + 3] = rows.repeat[i];
      },
    );
    return;
  }
  for (let i = 0; i < rows.n; i += 20_000) {
    const end = Math.min(rows.n, i + 20_000);
    const tubes = Array.from(rows.tube.subarray(i, end), (t) => rows.tubeCodes[t]);
    const times = Array.from(rows.at.subarray(i, end), (t) => rows.times[t]);
    await sql`insert into samples (tube_code, person_id, sampled_at, repeat_in_round)
      select * from unnest(${tubes}::text[], ${Array.from(rows.person.subarray(i, end))}::int[],
                           ${times}::text[], ${Array.from(rows.repeat.subarray(i, end))}::int[])`.execute(trx);
  }
}

/** Moves one test fact of persons forward (never back); their other facts are left as they are. */
export async function upsertFact(
  db: Db,
  trx: Executor,
  fact: (typeof FACTS)[number],
  ids: ArrayLike<number>,
  times: ArrayLike<string>,
): Promise<void> {
  if (db.sqlite) {
    // Rows of one statement are applied in order, so a person twice in it ends at the later time.
    manyRows(
      db,
      `insert into person_tests (person_id, ${fact}) values `,
      2,
      ` on conflict (person_id) do update set ${fact} = ${LATER_SQL(fact)}`,
      ids.length,
      (args, at, i) => {
        args[at] = ids[i];
        args[at + 1] = times[i];
      },
    );
    return;
  }
  for (let i = 0; i < ids.length; i += 20_000)
    await sql`insert into person_tests (person_id, ${sql.ref(fact)})
      select * from unnest(${Array.prototype.slice.call(ids, i, i + 20_000)}::int[], ${Array.prototype.slice.call(times, i, i + 20_000)}::text[])
      on conflict (person_id) do update set ${sql.ref(fact)} = ${later(fact)}`.execute(trx);
}

/** Refreshes the planner's statistics of the sampling tables (PostgreSQL, after a bulk load). */
export async function analyzeSampling(db: Db): Promise<void> {
  await sql`analyze samples, tubes, person_tests`.execute(db.k);
}

/**
 * The members of some tubes as columns (no object per sample): sample i is of `tubes[tube[i]]`;
 * home divisions are '' unless its tube was asked for with them.
 */
export interface Members {
  n: number;
  tube: number[];
  person: number[];
  sampledAt: string[];
  district: string[];
  community: string[];
}

/**
 * The members of some tubes with their sampling times; home divisions only for the tubes in
 * `withHome` (those that open retest tasks). A negative tube needs no visit to persons, whose pages
 * are scattered over a table of the whole city.
 */
export async function membersOf(db: Db, trx: Executor, tubes: string[], withHome: Set<string>): Promise<Members> {
  const out: Members = { n: 0, tube: [], person: [], sampledAt: [], district: [], community: [] };
  // Each statement reads the samples of a list of tubes; `at` maps a position in that list back to `tubes`.
  const plain: number[] = [];
  const homed: number[] = [];
  for (let i = 0; i < tubes.length; i++) (withHome.has(tubes[i] as string) ? homed : plain).push(i);
  const add = (at: number[], rows: Array<[number, number, string, string?, string?]>, base: number) => {
    for (const r of rows) {
      out.tube.push(at[base + Number(r[0])] as number);
      out.person.push(Number(r[1]));
      out.sampledAt.push(r[2]);
      out.district.push(r[3] ?? '');
      out.community.push(r[4] ?? '');
    }
  };
  const codes = (at: number[], i: number, size: number) => at.slice(i, i + size).map((t) => tubes[t] as string);
  if (db.sqlite) {
    // One statement per 50,000 tubes instead of one per tube: the per-statement cost was most of the read.
    const bare = prepared(
      db,
      'select j.key, s.person_id, s.sampled_at from json_each(?) as j join samples as s on s.tube_code = j.value',
    ).raw();
    const home = prepared(
      db,
      'select j.key, s.person_id, s.sampled_at, p.district_code, p.community_code from json_each(?) as j join samples as s on s.tube_code = j.value join persons as p on p.id = s.person_id',
    ).raw();
    for (const [at, st] of [
      [plain, bare],
      [homed, home],
    ] as const)
      for (let i = 0; i < at.length; i += 50_000)
        add(at, st.all(JSON.stringify(codes(at, i, 50_000))) as Array<[number, number, string, string?, string?]>, i);
  } else {
    for (let i = 0; i < plain.length; i += 5000) {
      const r = await sql<{ i: number; person_id: number; sampled_at: string }>`
        select u.i - 1 as i, s.person_id, s.sampled_at
        from unnest(${codes(plain, i, 5000)}::text[]) with ordinality as u(code, i) join samples as s on s.tube_code = u.code`.execute(
        trx,
      );
      add(
        plain,
        r.rows.map((x) => [Number(x.i), x.person_id, x.sampled_at]),
        i,
      );
    }
    for (let i = 0; i < homed.length; i += CHUNK) {
      const r = await sql<{
        i: number;
        person_id: number;
        sampled_at: string;
        district_code: string;
        community_code: string;
      }>`
        select u.i - 1 as i, s.person_id, s.sampled_at, p.district_code, p.community_code
        from unnest(${codes(homed, i, CHUNK)}::text[]) with ordinality as u(code, i)
        join samples as s on s.tube_code = u.code join persons as p on p.id = s.person_id`.execute(trx);
      add(
        homed,
        r.rows.map((x) => [Number(x.i), x.person_id, x.sampled_at, x.district_code, x.community_code]),
        i,
      );
    }
  }
  out.n = out.person.length;
  return out;
}

/**
 * Moves the latest negative of every member of some negative tubes forward to that sampling, in the
 * statement that reads the members (no row crosses to JavaScript and back); returns each member with
 * their latest negative as stored after it (a person in two of the tubes may come twice).
 */
export async function advanceNegatives(
  db: Db,
  trx: Executor,
  tubes: string[],
): Promise<{ person: number[]; at: string[] }> {
  const out = { person: [] as number[], at: [] as string[] };
  if (db.sqlite) {
    // "where true": without it SQLite would read "on conflict" as part of the join.
    const st = prepared(
      db,
      `insert into person_tests (person_id, last_negative_sampled_at)
       select s.person_id, s.sampled_at from json_each(?) as j join samples as s on s.tube_code = j.value where true
       on conflict (person_id) do update set last_negative_sampled_at = ${LATER_SQL('last_negative_sampled_at')}
       returning person_id, last_negative_sampled_at`,
    ).raw();
    for (let i = 0; i < tubes.length; i += 50_000)
      for (const [p, at] of st.all(JSON.stringify(tubes.slice(i, i + 50_000))) as Array<[number, string]>) {
        out.person.push(p);
        out.at.push(at);
      }
    return out;
  }
  // One row a person per statement: PostgreSQL refuses to update a row twice in one.
  for (let i = 0; i < tubes.length; i += 5000) {
    const r = await sql<{ person_id: number; at: string }>`
      insert into person_tests (person_id, last_negative_sampled_at)
      select s.person_id, max(s.sampled_at) from unnest(${tubes.slice(i, i + 5000)}::text[]) as u(code)
      join samples as s on s.tube_code = u.code group by s.person_id
      on conflict (person_id) do update set last_negative_sampled_at = ${later('last_negative_sampled_at')}
      returning person_id, last_negative_sampled_at as at`.execute(trx);
    for (const x of r.rows) {
      out.person.push(Number(x.person_id));
      out.at.push(x.at);
    }
  }
  return out;
}

type ResultFields = Pick<
  TubeRow,
  'code' | 'result' | 'resulted_at' | 'lab_code' | 'ct_value' | 'status' | 'received_at' | 'receiving_lab'
>;

/** Records tubes' results in bulk; a receipt is only filled in where the tube has none yet. */
export async function setTubeResults(db: Db, trx: Executor, rows: ResultFields[]): Promise<void> {
  if (db.sqlite) {
    // 64 tubes a statement, joined to their new values by code.
    manyRows(
      db,
      'update tubes set result = v.column2, resulted_at = v.column3, lab_code = v.column4, ct_value = v.column5, status = v.column6, received_at = coalesce(tubes.received_at, v.column7), receiving_lab = coalesce(tubes.receiving_lab, v.column8) from (values ',
      8,
      ') as v where tubes.code = v.column1',
      rows.length,
      (args, at, i) => {
        const r = rows[i] as ResultFields;
        args[at] = r.code;
        args[at + 1] = r.result;
        args[at + 2] = r.resulted_at;
        args[at + 3] = r.lab_code;
        args[at + 4] = r.ct_value;
        args[at + 5] = r.status;
        args[at + 6] = r.received_at;
        args[at + 7] = r.receiving_lab;
      },
    );
    return;
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    const col = <K extends keyof ResultFields>(key: K) => part.map((r) => r[key]);
    await sql`update tubes set result = v.result, resulted_at = v.resulted_at, lab_code = v.lab_code, ct_value = v.ct_value, status = v.status,
        received_at = coalesce(tubes.received_at, v.received_at), receiving_lab = coalesce(tubes.receiving_lab, v.receiving_lab)
      from (select unnest(${col('code')}::text[]) as code, unnest(${col('result')}::text[]) as result, unnest(${col('resulted_at')}::text[]) as resulted_at,
                   unnest(${col('lab_code')}::text[]) as lab_code, unnest(${col('ct_value')}::float8[]) as ct_value, unnest(${col('status')}::text[]) as status,
                   unnest(${col('received_at')}::text[]) as received_at, unnest(${col('receiving_lab')}::text[]) as receiving_lab) v
      where tubes.code = v.code`.execute(trx);
  }
}

/** Appends to a tube's result history. */
export async function insertTubeResults(db: Db, trx: Executor, rows: Insertable<TubeResultRow>[]): Promise<void> {
  if (db.sqlite) {
    manyRows(
      db,
      'insert into tube_results (tube_code, result, resulted_at, lab_code, ct_value, correction_reason, actor, recorded_at) values ',
      8,
      '',
      rows.length,
      (args, at, i) => {
        const r = rows[i] as Insertable<TubeResultRow>;
        args[at] = r.tube_code;
        args[at + 1] = r.result;
        args[at + 2] = r.resulted_at;
        args[at + 3] = r.lab_code;
        args[at + 4] = r.ct_value ?? null;
        args[at + 5] = r.correction_reason ?? null;
        args[at + 6] = r.actor;
        args[at + 7] = r.recorded_at;
      },
    );
    return;
  }
  for (let i = 0; i < rows.length; i += 20_000) {
    const part = rows.slice(i, i + 20_000);
    const col = <K extends keyof Insertable<TubeResultRow>>(key: K) => part.map((r) => r[key] ?? null);
    await sql`insert into tube_results (tube_code, result, resulted_at, lab_code, ct_value, correction_reason, actor, recorded_at)
      select * from unnest(${col('tube_code')}::text[], ${col('result')}::text[], ${col('resulted_at')}::text[], ${col('lab_code')}::text[],
                           ${col('ct_value')}::float8[], ${col('correction_reason')}::text[], ${col('actor')}::text[], ${col('recorded_at')}::text[])`.execute(
      trx,
    );
  }
}

const later = (col: 'last_sampled_at' | 'last_negative_sampled_at' | 'positive_pool_at' | 'positive_at') =>
  sql<
    string | null
  >`case when excluded.${sql.ref(col)} is null then person_tests.${sql.ref(col)} when person_tests.${sql.ref(col)} is null or excluded.${sql.ref(col)} > person_tests.${sql.ref(col)} then excluded.${sql.ref(col)} else person_tests.${sql.ref(col)} end`;

const LATER_SQL = (c: string) =>
  `case when excluded.${c} is null then person_tests.${c} when person_tests.${c} is null or excluded.${c} > person_tests.${c} then excluded.${c} else person_tests.${c} end`;
const FACTS = ['last_sampled_at', 'last_negative_sampled_at', 'positive_pool_at', 'positive_at'] as const;

/** Moves each person's test facts forward (never back); missing facts are left as they are. */
export async function upsertPersonTests(db: Db, trx: Executor, rows: PersonTestRow[]): Promise<void> {
  if (db.sqlite) {
    const st = prepared(
      db,
      `insert into person_tests (person_id, ${FACTS.join(', ')}) values (?, ?, ?, ?, ?) on conflict (person_id) do update set ${FACTS.map((c) => `${c} = ${LATER_SQL(c)}`).join(', ')}`,
    );
    for (const r of rows)
      st.run(r.person_id, r.last_sampled_at, r.last_negative_sampled_at, r.positive_pool_at, r.positive_at);
    return;
  }
  for (let i = 0; i < rows.length; i += 2000) {
    await trx
      .insertInto('person_tests')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) =>
        oc.column('person_id').doUpdateSet({
          last_sampled_at: later('last_sampled_at'),
          last_negative_sampled_at: later('last_negative_sampled_at'),
          positive_pool_at: later('positive_pool_at'),
          positive_at: later('positive_at'),
        }),
      )
      .execute();
  }
}

/** Clears the pool flag of people whose retest came back negative. */
export async function clearPoolFlags(trx: Executor, personIds: number[]): Promise<void> {
  for (let i = 0; i < personIds.length; i += CHUNK)
    await trx
      .updateTable('person_tests')
      .set({ positive_pool_at: null })
      .where('person_id', 'in', personIds.slice(i, i + CHUNK))
      .execute();
}

/** Every row of person_tests, in pages (for loading the status index). */
export async function* allPersonTests(db: Db): AsyncGenerator<PersonTestRow> {
  let after = 0;
  for (;;) {
    const rows = await db.k
      .selectFrom('person_tests')
      .selectAll()
      .where('person_id', '>', after)
      .orderBy('person_id')
      .limit(20_000)
      .execute();
    if (!rows.length) return;
    for (const r of rows) yield { ...r, person_id: Number(r.person_id) };
    after = Number(rows[rows.length - 1]?.person_id);
  }
}

/** Creates retest or resample tasks. */
export async function insertTasks(trx: Executor, rows: Insertable<RetestTaskRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('retest_tasks')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Open tasks of some people. */
export async function openTasksOf(trx: Executor, personIds: number[]) {
  return chunked(personIds, CHUNK, (part) =>
    trx.selectFrom('retest_tasks').selectAll().where('person_id', 'in', part).where('done_at', 'is', null).execute(),
  );
}

/** Marks tasks done with an outcome. */
export async function closeTasks(trx: Executor, ids: number[], at: string, outcome: string): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK)
    await trx
      .updateTable('retest_tasks')
      .set({ done_at: at, outcome })
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
}

/** Pools with retests still open, among some pools. */
export async function poolsStillOpen(trx: Executor, pools: string[]): Promise<Set<string>> {
  const rows = await chunked(pools, CHUNK, (part) =>
    trx
      .selectFrom('retest_tasks')
      .select('pool_tube')
      .where('pool_tube', 'in', part)
      .where('done_at', 'is', null)
      .execute(),
  );
  return new Set(rows.map((r) => r.pool_tube));
}

/** Marks pools closed. */
export async function closePools(trx: Executor, pools: string[]): Promise<void> {
  for (let i = 0; i < pools.length; i += CHUNK)
    await trx
      .updateTable('tubes')
      .set({ status: 'closed' })
      .where('code', 'in', pools.slice(i, i + CHUNK))
      .execute();
}

/** Tasks of a pool (the retest story of a positive pool). */
export async function tasksOfPool(db: Db, pool: string) {
  return db.k.selectFrom('retest_tasks').selectAll().where('pool_tube', '=', pool).orderBy('id').execute();
}

/** Open tasks in a district or community. */
export async function openTasks(db: Db, f: { district?: string; community?: string }, limit = 1000) {
  let q = db.k.selectFrom('retest_tasks').selectAll().where('done_at', 'is', null);
  if (f.district) q = q.where('district_code', '=', f.district);
  if (f.community) q = q.where('community_code', '=', f.community);
  return q.orderBy('created_at').limit(limit).execute();
}

/** People of a division not sampled in a campaign round (for the task force to visit). */
export async function unsampled(db: Db, campaignId: number, round: number, communityCode: string, limit: number) {
  return db.k
    .selectFrom('persons as p')
    .select(['p.id', 'p.id_masked', 'p.name_masked', 'p.phone_masked', 'p.community_code'])
    .where('p.community_code', '=', communityCode)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('samples as s')
            .innerJoin('tubes as t', 't.code', 's.tube_code')
            .select('s.person_id')
            .whereRef('s.person_id', '=', 'p.id')
            .where('t.campaign_id', '=', campaignId)
            .where('t.round', '=', round),
        ),
      ),
    )
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

/** Sets each person's latest negative sampling time from their negative tubes (after a correction). */
export async function recomputeNegatives(trx: Executor, personIds: number[]): Promise<Map<number, string | null>> {
  const out = new Map<number, string | null>(personIds.map((id) => [id, null]));
  const rows = await chunked(personIds, CHUNK, (part) =>
    trx
      .selectFrom('samples as s')
      .innerJoin('tubes as t', 't.code', 's.tube_code')
      .select((e) => ['s.person_id', e.fn.max('s.sampled_at').as('at')])
      .where('s.person_id', 'in', part)
      .where('t.result', '=', 'negative')
      .groupBy('s.person_id')
      .execute(),
  );
  for (const r of rows) out.set(Number(r.person_id), r.at as string);
  for (const [id, at] of out)
    await trx.updateTable('person_tests').set({ last_negative_sampled_at: at }).where('person_id', '=', id).execute();
  return out;
}

/** The test facts of some persons (another process changed them; the status index reloads just these). */
export async function personTestsOf(db: Db, ids: number[]): Promise<PersonTestRow[]> {
  const out: PersonTestRow[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.k
      .selectFrom('person_tests')
      .selectAll()
      .where('person_id', 'in', ids.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.push({ ...r, person_id: Number(r.person_id) });
  }
  return out;
}
