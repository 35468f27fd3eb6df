import type BetterSqlite3 from 'better-sqlite3';
import type { PowerReadingRow } from './economy.tables.ts';

// The embedded database's fast path for a grid file's readings (economy.repo.ts dispatches here on
// SQLite): one cached prepared statement of 100 rows on the caller's connection, inside its
// transaction, instead of Kysely compiling a 10,000-parameter statement per chunk.

type Sqlite = BetterSqlite3.Database;
const PER_STATEMENT = 100;
const HEAD = 'insert into power_readings (account_no, day, wd, kwh, import_id) values ';
const TUPLE = '(?, ?, ?, ?, ?)';
const cache = new WeakMap<
  Sqlite,
  { many: BetterSqlite3.Statement<unknown[]>; one: BetterSqlite3.Statement<unknown[]> }
>();

/** Inserts readings, 100 a statement (the rest one by one), on the same connection as the transaction. */
export function insertReadings(db: Sqlite, rows: PowerReadingRow[]): void {
  let st = cache.get(db);
  if (!st) {
    st = {
      many: db.prepare<unknown[]>(HEAD + Array(PER_STATEMENT).fill(TUPLE).join(', ')),
      one: db.prepare<unknown[]>(HEAD + TUPLE),
    };
    cache.set(db, st);
  }
  const args: unknown[] = new Array(PER_STATEMENT * 5);
  let i = 0;
  for (; i + PER_STATEMENT <= rows.length; i += PER_STATEMENT) {
    for (let j = 0; j < PER_STATEMENT; j++) {
      const r = rows[i + j] as PowerReadingRow;
      const at = j * 5;
      args[at] = r.account_no;
      args[at + 1] = r.day;
      args[at + 2] = r.wd;
      args[at + 3] = r.kwh;
      args[at + 4] = r.import_id;
    }
    st.many.run(args);
  }
  for (; i < rows.length; i++) {
    const r = rows[i] as PowerReadingRow;
    st.one.run([r.account_no, r.day, r.wd, r.kwh, r.import_id]);
  }
}
