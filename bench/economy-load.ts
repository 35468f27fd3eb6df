// The economy bench's raw load for the views at the issue's size: 50,000 accounts × 365 days (18 M
// readings) generated inside the database in one statement, as fast as the engine writes, so the
// views and flags of a day can be timed at that size on a shared 2-core machine. The readings are
// the same as bench/economy.ts sends through the import (a tenth of the accounts at half their
// level in the last fortnight, Sundays at 90 %). The import's own speed is measured there, on a
// size that fits in memory twice (CSV and rows).
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/db.ts';

/** The same district and industry of account `a` as the CSV bench gives it (SQL CASE over a % n). */
function pick(list: string[], expr: string): string {
  return `case ${expr} % ${list.length} ${list.map((v, i) => `when ${i} then '${v}'`).join(' ')} end`;
}

/**
 * Fills power_accounts and power_readings with `accounts × days` rows from `first`, the day index
 * built after the rows (as a bulk load does), then the kept daily totals through the app's own
 * rebuild. Answers the seconds each step took.
 */
export async function loadRaw(
  db: Db,
  o: { accounts: number; days: number; first: string; districts: string[]; divisions: string[] },
): Promise<Record<string, number>> {
  const t: Record<string, number> = {};
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    t[name] = Number(((performance.now() - t0) / 1000).toFixed(1));
  };
  const now = '2022-11-30T04:00:00.000Z';
  const no = (a: string) => (db.sqlite ? `'B' || substr('0000000' || ${a}, -7)` : `'B' || lpad(${a}::text, 7, '0')`);
  const district = pick(o.districts, 'a');
  const division = pick(o.divisions, 'a');
  const kwh = (wd: string, d: string) =>
    `round((1000 + (a * 7919) % 50000) * (case when ${wd} = 0 then 0.9 else 1 end) * (case when a % 10 = 0 and ${d} >= ${o.days - 14} then 0.5 else 1 end))`;
  await sql.raw('drop index power_readings_day').execute(db.k);
  if (db.sqlite) {
    const s = db.sqlite;
    const acc = `with recursive acc(a) as (select 0 union all select a + 1 from acc where a < ${o.accounts - 1})`;
    await step('accounts', async () =>
      s.exec(`insert into power_accounts (account_no, credit_code, enterprise_id, district_code, industry_section,
          industry_division, created_at, updated_at)
        ${acc} select ${no('a')}, null, null, ${district}, 'C', ${division}, '${now}', '${now}' from acc`),
    );
    // Day-major, as the grid's daily files arrive: a day's rows lie together. The key (account, day)
    // then grows everywhere at once, so the load gets a page cache that holds it.
    const cache = s.pragma('cache_size', { simple: true });
    s.pragma('cache_size = -3000000');
    await step('readings', async () =>
      s.exec(`insert into power_readings (account_no, day, wd, kwh, import_id)
        ${acc}, accm(a) as materialized (select a from acc),
        dd(d, day) as (select 0, '${o.first}' union all select d + 1, date(day, '+1 day') from dd where d < ${o.days - 1}),
        ddw(d, day, wd) as materialized (select d, day, cast(strftime('%w', day) as integer) from dd)
        select ${no('a')}, day, wd, ${kwh('wd', 'd')}, null from ddw cross join accm`),
    );
    await step('dayIndex', async () => s.exec('create index power_readings_day on power_readings (day, account_no)'));
    s.pragma(`cache_size = ${Number(cache)}`);
  } else {
    await step('accounts', () =>
      sql
        .raw(`insert into power_accounts (account_no, credit_code, enterprise_id, district_code, industry_section,
          industry_division, created_at, updated_at)
        select ${no('a')}, null, null, ${district}, 'C', ${division}, '${now}', '${now}'
        from generate_series(0, ${o.accounts - 1}) a`)
        .execute(db.k),
    );
    await step('readings', async () => {
      await sql.raw('alter table power_readings drop constraint power_readings_pk').execute(db.k);
      await sql
        .raw(`insert into power_readings (account_no, day, wd, kwh, import_id)
          select ${no('x.a')}, to_char(date '${o.first}' + d, 'YYYY-MM-DD'),
            extract(dow from date '${o.first}' + d)::int, ${kwh(`extract(dow from date '${o.first}' + d)::int`, 'd')}, null
          from generate_series(0, ${o.days - 1}) d
          cross join lateral (select a, d as dref from generate_series(0, ${o.accounts - 1}) a) x`)
        .execute(db.k);
    });
    await step('keyAndDayIndex', async () => {
      // One statement string: the setting holds on the pooled connection that builds the indexes.
      await sql
        .raw(`set maintenance_work_mem = '512MB';
          alter table power_readings add constraint power_readings_pk primary key (account_no, day);
          create index power_readings_day on power_readings (day, account_no)`)
        .execute(db.k);
    });
    // Autovacuum would analyse a table this size on its own within a minute; the bench does not wait.
    await step('analyze', () => sql.raw('analyze power_readings; analyze power_accounts').execute(db.k));
  }
  return t;
}
