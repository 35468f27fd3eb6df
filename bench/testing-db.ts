// Where the testing benchmark runs: a temporary SQLite file, or (BENCH_DIALECT=postgres) a random
// PostgreSQL database that it creates and drops. Each side also has its raw baselines.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { MIGRATIONS } from '../src/migrations.ts';
import { openDb } from '../src/platform/db/db.ts';
import { migrate } from '../src/platform/db/migrations.repo.ts';

const ADMIN_URL = process.env.PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PERSON_FIELDS =
  '(id_index, id_cipher, id_masked, name_cipher, name_masked, sex, birth_date, district_code, street_code, community_code, created_at, updated_at)';
const PERSON_REST = "'x', 'x', 'x', 'x', 'male', '1985-01-01', '350102', '350102001', '350102001001', '', ''";

/** What Banyan writes for one sample (the sample, its tube, the person's facts), for the raw baselines. */
export interface RawRows {
  samples: number;
  tubes: number;
  /** The i-th sample: tube code, person id, sampling time. */
  sample(i: number): [string, number, string];
  /** The i-th tube: code, number of samples. */
  tube(i: number): [string, number];
}

/** Rows start…end of a generated list, as columns. */
function part<T extends unknown[]>(get: (i: number) => T, start: number, end: number): T[] {
  return Array.from({ length: end - start }, (_, j) => get(start + j));
}

export interface BenchDb {
  dialect: 'sqlite' | 'postgres';
  /** The SQLite file's folder (banyan.db), for raw readers; '' on PostgreSQL. */
  dir: string;
  /** The PostgreSQL database's URL, for raw readers; '' on SQLite. */
  url: string;
  db: ReturnType<typeof openDb>;
  /** Loads persons by blind index (setup, not timed); person ids are 1…n in order. */
  loadPersons(indexes: string[]): Promise<void>;
  /** Raw inserts of the sample rows alone into a table of the same shape and its two indexes (rows/s). */
  rawSamplesOnly(rows: RawRows): Promise<number>;
  /** Raw inserts of the same samples, their tubes and person facts into the full migrated schema (samples/s). */
  rawSameSchema(rows: RawRows): Promise<number>;
  close(): Promise<void>;
}

const SAMPLE_DDL =
  'create table samples (tube_code text, person_id integer, sampled_at text, repeat_in_round integer, primary key (tube_code, person_id)); create index samples_person on samples (person_id, sampled_at)';

/** A fresh migrated database of the chosen dialect. */
export async function benchDb(dialect: 'sqlite' | 'postgres'): Promise<BenchDb> {
  return dialect === 'postgres' ? pgBench() : sqliteBench();
}

async function sqliteBench(): Promise<BenchDb> {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-bench-'));
  const file = join(dir, 'banyan.db');
  const first = openDb({ file });
  await migrate(first, MIGRATIONS);
  await first.close();
  const raw = (name: string) => {
    const d = new Database(join(dir, name));
    d.pragma('journal_mode = WAL');
    return d;
  };
  let db: ReturnType<typeof openDb> | undefined;
  return {
    dialect: 'sqlite',
    dir,
    url: '',
    get db() {
      db ??= openDb({ file });
      return db;
    },
    async loadPersons(indexes) {
      const d = raw('banyan.db');
      const ins = d.prepare(`insert into persons ${PERSON_FIELDS} values (?, ${PERSON_REST})`);
      d.transaction(() => {
        for (const ix of indexes) ins.run(ix);
      })();
      d.close();
    },
    async rawSamplesOnly(rows) {
      const d = raw('raw.db');
      d.exec(SAMPLE_DDL);
      const ins = d.prepare('insert into samples values (?, ?, ?, 0)');
      const t0 = performance.now();
      d.transaction(() => {
        for (let i = 0; i < rows.samples; i++) ins.run(...rows.sample(i));
      })();
      const rate = rows.samples / ((performance.now() - t0) / 1000);
      d.close();
      return rate;
    },
    async rawSameSchema(rows) {
      const m = openDb({ file: join(dir, 'same.db') });
      await migrate(m, MIGRATIONS);
      await m.close();
      const d = raw('same.db');
      const s = d.prepare(
        'insert into samples (tube_code, person_id, sampled_at, repeat_in_round) values (?, ?, ?, 0)',
      );
      const t = d.prepare(
        "insert into tubes (code, pool_size, site_code, campaign_id, round, district_code, first_sampled_at, samples, status) values (?, 10, 'S1', 1, 1, '350102', '2022-11-08T01:00:00.000Z', ?, 'sampled')",
      );
      const p = d.prepare('insert into person_tests (person_id, last_sampled_at) values (?, ?)');
      const t0 = performance.now();
      d.transaction(() => {
        for (let i = 0; i < rows.samples; i++) {
          const r = rows.sample(i);
          s.run(r[0], r[1], r[2]);
          p.run(r[1], r[2]);
        }
        for (let i = 0; i < rows.tubes; i++) t.run(...rows.tube(i));
      })();
      const rate = rows.samples / ((performance.now() - t0) / 1000);
      d.close();
      return rate;
    },
    async close() {
      await db?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function pgBench(): Promise<BenchDb> {
  const name = `banyan_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = openDb({ url: url.toString() });
  await migrate(db, MIGRATIONS);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const chunks = async <T>(xs: T[], size: number, fn: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < xs.length; i += size) await fn(xs.slice(i, i + size));
  };
  const each = async <T extends unknown[]>(n: number, get: (i: number) => T, fn: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < n; i += 10_000) await fn(part(get, i, Math.min(n, i + 10_000)));
  };
  const col = <T>(xs: T[][], i: number) => xs.map((x) => x[i]);
  const samplesInto = (table: string, part: Array<[string, number, string]>) =>
    client.query(
      `insert into ${table} (tube_code, person_id, sampled_at, repeat_in_round) select *, 0 from unnest($1::text[], $2::int[], $3::text[])`,
      [col(part, 0), col(part, 1), col(part, 2)],
    );
  return {
    dialect: 'postgres',
    dir: '',
    url: url.toString(),
    db,
    async loadPersons(indexes) {
      await client.query('begin');
      await chunks(indexes, 20_000, (part) =>
        client.query(`insert into persons ${PERSON_FIELDS} select ix, ${PERSON_REST} from unnest($1::text[]) as ix`, [
          part,
        ]),
      );
      await client.query('commit');
    },
    async rawSamplesOnly(rows) {
      await client.query(
        'create table bench_samples (tube_code text, person_id integer, sampled_at text, repeat_in_round integer, primary key (tube_code, person_id)); create index bench_samples_person on bench_samples (person_id, sampled_at)',
      );
      const t0 = performance.now();
      await client.query('begin');
      await each(rows.samples, rows.sample, (p) => samplesInto('bench_samples', p));
      await client.query('commit');
      return rows.samples / ((performance.now() - t0) / 1000);
    },
    async rawSameSchema(rows) {
      // Copies of the real tables with every index and constraint ("like … including all").
      for (const t of ['samples', 'tubes', 'person_tests'])
        await client.query(`create table same_${t} (like ${t} including all)`);
      const t0 = performance.now();
      await client.query('begin');
      await each(rows.samples, rows.sample, async (p) => {
        await samplesInto('same_samples', p);
        await client.query(
          'insert into same_person_tests (person_id, last_sampled_at) select * from unnest($1::int[], $2::text[])',
          [col(p, 1), col(p, 2)],
        );
      });
      await each(rows.tubes, rows.tube, (part) =>
        client.query(
          "insert into same_tubes (code, pool_size, site_code, campaign_id, round, district_code, first_sampled_at, samples, status) select c, 10, 'S1', 1, 1, '350102', '2022-11-08T01:00:00.000Z', n, 'sampled' from unnest($1::text[], $2::int[]) as u(c, n)",
          [col(part, 0), col(part, 1)],
        ),
      );
      await client.query('commit');
      return rows.samples / ((performance.now() - t0) / 1000);
    },
    async close() {
      await client.end();
      await db.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
