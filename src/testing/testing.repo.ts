import { type Insertable, type Selectable, type SqlBool, sql } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import * as fast from './testing.sqlite.repo.ts';
import type { CampaignRow, PersonTestRow, TubeResultRow, TubeRow } from './testing.tables.ts';
import './testing.tables.ts';
import '../people/people.tables.ts';

// Campaigns, tubes, samples, results and each person's test facts. Every bulk function runs on
// SQLite through testing.sqlite.repo.ts (prepared statements on the caller's connection) and on
// PostgreSQL through the statements here. Sites are in sites.repo.ts, retest tasks in
// retests.repo.ts, who was not sampled in coverage.repo.ts.

const CHUNK = 500;
const k = (db: Db | Executor) => ('k' in db ? db.k : db);
export type StoredCampaign = Omit<Selectable<CampaignRow>, 'id'> & { id: number };

/** Runs `fn` over `xs` in parts of `size` and joins what it returns. */
export async function chunked<T, R>(xs: T[], size: number, fn: (part: T[]) => Promise<R[]>): Promise<R[]> {
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

/** Tubes by code (on SQLite by one `json_each` join per 50,000 codes when read outside a transaction). */
export async function tubesByCode(db: Db | Executor, codes: string[]): Promise<Map<string, Selectable<TubeRow>>> {
  if ('k' in db && db.sqlite) return fast.tubesByCode(db.sqlite, codes);
  const rows = await chunked(codes, CHUNK, (part) =>
    k(db).selectFrom('tubes').selectAll().where('code', 'in', part).execute(),
  );
  return new Map(rows.map((r) => [r.code, r]));
}

/**
 * Bounds a statement's samples (as `s`) to the span of some tubes' samples (0202), or leaves them
 * unbounded when a tube's span is unknown. The bounds are init plans, known once the statement
 * starts: PostgreSQL then reads only the day partitions they cover, instead of probing every day's
 * index for each tube.
 */
export function withinSpanOf(codes: string[]) {
  return sql<SqlBool>`s.sampled_at between
    (select case when count(*) = count(samples_from) then min(samples_from) else '0000-01-01' end
       from tubes where code = any(${codes}::text[]))
    and (select case when count(*) = count(samples_until) then max(samples_until) else '9999-12-31' end
       from tubes where code = any(${codes}::text[]))`;
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
    fast.existingSamples(db.sqlite, tubes, add);
    return out;
  }
  const rows = await chunked(tubes, CHUNK, (part) =>
    db.k
      .selectFrom('samples as s')
      .select(['s.tube_code', 's.person_id'])
      .where('s.tube_code', 'in', part)
      .where(withinSpanOf(part))
      .execute(),
  );
  for (const r of rows) add(r.tube_code, Number(r.person_id));
  return out;
}

export type NewTube = Pick<
  Insertable<TubeRow>,
  | 'code'
  | 'pool_size'
  | 'site_code'
  | 'campaign_id'
  | 'round'
  | 'district_code'
  | 'first_sampled_at'
  | 'samples_from'
  | 'samples_until'
  | 'samples'
  | 'status'
>;

/** Inserts new tubes and adds sample counts to existing ones. */
export async function upsertTubes(db: Db, trx: Executor, rows: NewTube[]): Promise<void> {
  if (db.sqlite) return fast.upsertTubes(db.sqlite, rows);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('tubes')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          samples: eb('tubes.samples', '+', eb.ref('excluded.samples')),
          // A span left null (a tube stored before 0202) stays null: its lookups read every day.
          // (PostgreSQL's least/greatest skip a null, hence the case.)
          samples_from: sql<string>`case when tubes.samples_from is not null then least(tubes.samples_from, excluded.samples_from) end`,
          samples_until: sql<string>`case when tubes.samples_until is not null then greatest(tubes.samples_until, excluded.samples_until) end`,
        })),
      )
      .execute();
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
  if (db.sqlite) return fast.insertSamples(db.sqlite, rows);
  for (let i = 0; i < rows.n; i += 20_000) {
    const end = Math.min(rows.n, i + 20_000);
    const tubes = Array.from(rows.tube.subarray(i, end), (t) => rows.tubeCodes[t]);
    const times = Array.from(rows.at.subarray(i, end), (t) => rows.times[t]);
    await sql`insert into samples (tube_code, person_id, sampled_at, repeat_in_round)
      select * from unnest(${tubes}::text[], ${Array.from(rows.person.subarray(i, end))}::int[],
                           ${times}::text[], ${Array.from(rows.repeat.subarray(i, end))}::int[])`.execute(trx);
  }
}

/** A person's test fact: each moves forward only. */
export type Fact = 'last_sampled_at' | 'last_negative_sampled_at' | 'positive_pool_at' | 'positive_at';

/** Moves one test fact of persons forward (never back); their other facts are left as they are. */
export async function upsertFact(
  db: Db,
  trx: Executor,
  fact: Fact,
  ids: ArrayLike<number>,
  times: ArrayLike<string>,
): Promise<void> {
  if (db.sqlite) return fast.upsertFact(db.sqlite, fact, ids, times);
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
  const add = (at: number[], rows: fast.MemberRow[], base: number) => {
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
    for (const at of [plain, homed])
      fast.membersOf(db.sqlite, codes(at, 0, at.length), at === homed, (rows, base) => add(at, rows, base));
  } else {
    for (let i = 0; i < plain.length; i += 5000) {
      const part = codes(plain, i, 5000);
      const r = await sql<{ i: number; person_id: number; sampled_at: string }>`
        select u.i - 1 as i, s.person_id, s.sampled_at
        from unnest(${part}::text[]) with ordinality as u(code, i) join samples as s on s.tube_code = u.code
        where ${withinSpanOf(part)}`.execute(trx);
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
        join samples as s on s.tube_code = u.code join persons as p on p.id = s.person_id
        where ${withinSpanOf(codes(homed, i, CHUNK))}`.execute(trx);
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
  if (db.sqlite) return fast.advanceNegatives(db.sqlite, tubes);
  const out = { person: [] as number[], at: [] as string[] };
  // One row a person per statement: PostgreSQL refuses to update a row twice in one.
  for (let i = 0; i < tubes.length; i += 5000) {
    const r = await sql<{ person_id: number; at: string }>`
      insert into person_tests (person_id, last_negative_sampled_at)
      select s.person_id, max(s.sampled_at) from unnest(${tubes.slice(i, i + 5000)}::text[]) as u(code)
      join samples as s on s.tube_code = u.code where ${withinSpanOf(tubes.slice(i, i + 5000))} group by s.person_id
      on conflict (person_id) do update set last_negative_sampled_at = ${later('last_negative_sampled_at')}
      returning person_id, last_negative_sampled_at as at`.execute(trx);
    for (const x of r.rows) {
      out.person.push(Number(x.person_id));
      out.at.push(x.at);
    }
  }
  return out;
}

export type ResultFields = Pick<
  TubeRow,
  'code' | 'result' | 'resulted_at' | 'lab_code' | 'ct_value' | 'status' | 'received_at' | 'receiving_lab'
>;

/** Records tubes' results in bulk; a receipt is only filled in where the tube has none yet. */
export async function setTubeResults(db: Db, trx: Executor, rows: ResultFields[]): Promise<void> {
  if (db.sqlite) return fast.setTubeResults(db.sqlite, rows);
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
  if (db.sqlite) return fast.insertTubeResults(db.sqlite, rows);
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

const later = (col: Fact) =>
  sql<
    string | null
  >`case when excluded.${sql.ref(col)} is null then person_tests.${sql.ref(col)} when person_tests.${sql.ref(col)} is null or excluded.${sql.ref(col)} > person_tests.${sql.ref(col)} then excluded.${sql.ref(col)} else person_tests.${sql.ref(col)} end`;

/** Moves each person's test facts forward (never back); missing facts are left as they are. */
export async function upsertPersonTests(db: Db, trx: Executor, rows: PersonTestRow[]): Promise<void> {
  if (db.sqlite) return fast.upsertPersonTests(db.sqlite, rows);
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

/** Marks pools closed. */
export async function closePools(trx: Executor, pools: string[]): Promise<void> {
  for (let i = 0; i < pools.length; i += CHUNK)
    await trx
      .updateTable('tubes')
      .set({ status: 'closed' })
      .where('code', 'in', pools.slice(i, i + CHUNK))
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
