import type BetterSqlite3 from 'better-sqlite3';
import type { Insertable, Selectable } from 'kysely';
import type { Fact, NewTube, ResultFields, SampleColumns } from './testing.repo.ts';
import type { PersonTestRow, TubeResultRow, TubeRow } from './testing.tables.ts';

// The embedded database's fast path of testing.repo.ts, which dispatches here when it runs on
// SQLite. Cached prepared statements on the same connection (inside the caller's transaction) run
// several times faster than Kysely's multi-row statements, and one statement over a JSON list of
// codes replaces one statement per code; each function gives what its Kysely twin gives.

type Sqlite = BetterSqlite3.Database;

const cache = new WeakMap<object, Map<string, BetterSqlite3.Statement<unknown[]>>>();
function prepared(db: Sqlite, text: string) {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  let st = m.get(text);
  if (!st) {
    st = db.prepare<unknown[]>(text);
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
  db: Sqlite,
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

/** Tubes by code, one `json_each` join per 50,000 codes. */
export function tubesByCode(db: Sqlite, codes: string[]): Map<string, Selectable<TubeRow>> {
  // One statement, not one per code: outside a transaction each statement opens its own read.
  const st = prepared(db, 'select t.* from json_each(?) as j join tubes as t on t.code = j.value');
  const out = new Map<string, Selectable<TubeRow>>();
  for (let i = 0; i < codes.length; i += 50_000)
    for (const r of st.all(JSON.stringify(codes.slice(i, i + 50_000))) as Selectable<TubeRow>[]) out.set(r.code, r);
  return out;
}

/** Calls `add` for each (tube, person) already sampled into the given tubes. */
export function existingSamples(db: Sqlite, tubes: string[], add: (tube: string, person: number) => void): void {
  const st = prepared(
    db,
    'select s.tube_code, s.person_id from json_each(?) as j join samples as s on s.tube_code = j.value',
  ).raw();
  for (let i = 0; i < tubes.length; i += 50_000)
    for (const [tube, p] of st.all(JSON.stringify(tubes.slice(i, i + 50_000))) as Array<[string, number]>)
      add(tube, Number(p));
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
  'samples_from',
  'samples_until',
] as const satisfies ReadonlyArray<keyof NewTube>;

/** Inserts new tubes and adds sample counts to existing ones. */
export function upsertTubes(db: Sqlite, rows: NewTube[]): void {
  manyRows(
    db,
    `insert into tubes (${TUBE_COLUMNS.join(', ')}) values `,
    TUBE_COLUMNS.length,
    // min/max of two values is null when either is: a span unknown (before 0202) stays unknown.
    ' on conflict (code) do update set samples = tubes.samples + excluded.samples, samples_from = min(tubes.samples_from, excluded.samples_from), samples_until = max(tubes.samples_until, excluded.samples_until)',
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
      args[at + 9] = r.samples_from;
      args[at + 10] = r.samples_until;
    },
  );
}

/** Inserts samples given as columns. */
export function insertSamples(db: Sqlite, rows: SampleColumns): void {
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
}

const FACTS = [
  'last_sampled_at',
  'last_negative_sampled_at',
  'positive_pool_at',
  'positive_at',
] as const satisfies readonly Fact[];

/** The later of the stored and the new time of a fact (a missing new time keeps the stored one). */
const LATER_SQL = (c: Fact) =>
  `case when excluded.${c} is null then person_tests.${c} when person_tests.${c} is null or excluded.${c} > person_tests.${c} then excluded.${c} else person_tests.${c} end`;

/** Moves one test fact of persons forward (never back). */
export function upsertFact(db: Sqlite, fact: Fact, ids: ArrayLike<number>, times: ArrayLike<string>): void {
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
}

/** A member row: [position of the tube in the list, person, sampled at, district?, community?]. */
export type MemberRow = [number, number, string, string?, string?];

/**
 * The members of a list of tubes, with home divisions or without; `each` gets the rows of each
 * statement and the position in `codes` their first field counts from.
 */
export function membersOf(
  db: Sqlite,
  codes: string[],
  withHome: boolean,
  each: (rows: MemberRow[], base: number) => void,
): void {
  // One statement per 50,000 tubes instead of one per tube: the per-statement cost was most of the read.
  const st = withHome
    ? prepared(
        db,
        'select j.key, s.person_id, s.sampled_at, p.district_code, p.community_code from json_each(?) as j join samples as s on s.tube_code = j.value join persons as p on p.id = s.person_id',
      ).raw()
    : prepared(
        db,
        'select j.key, s.person_id, s.sampled_at from json_each(?) as j join samples as s on s.tube_code = j.value',
      ).raw();
  for (let i = 0; i < codes.length; i += 50_000)
    each(st.all(JSON.stringify(codes.slice(i, i + 50_000))) as MemberRow[], i);
}

/** Moves the latest negative of every member of some negative tubes forward; returns them as stored. */
export function advanceNegatives(db: Sqlite, tubes: string[]): { person: number[]; at: string[] } {
  const out = { person: [] as number[], at: [] as string[] };
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

/** Records tubes' results; a receipt is only filled in where the tube has none yet. */
export function setTubeResults(db: Sqlite, rows: ResultFields[]): void {
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
}

/** Appends to tubes' result history. */
export function insertTubeResults(db: Sqlite, rows: Insertable<TubeResultRow>[]): void {
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
}

/** Moves each person's test facts forward (never back). */
export function upsertPersonTests(db: Sqlite, rows: PersonTestRow[]): void {
  const st = prepared(
    db,
    `insert into person_tests (person_id, ${FACTS.join(', ')}) values (?, ?, ?, ?, ?) on conflict (person_id) do update set ${FACTS.map((c) => `${c} = ${LATER_SQL(c)}`).join(', ')}`,
  );
  for (const r of rows)
    st.run(r.person_id, r.last_sampled_at, r.last_negative_sampled_at, r.positive_pool_at, r.positive_at);
}
