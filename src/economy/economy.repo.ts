import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';
import * as fast from './economy.sqlite.repo.ts';
import type {
  EconomySettingsRow,
  PowerAccountRow,
  PowerFlagRow,
  PowerImportRow,
  PowerReadingHistoryRow,
  PowerReadingRow,
} from './economy.tables.ts';
import './economy.tables.ts';
import '../cases/cases.tables.ts';
import '../appeals/appeals.tables.ts';

// 5 columns × 2,000 rows stays under both SQLite's and PostgreSQL's bound-parameter limits.
const ROWS = 2000;
const KEYS = 500;

export type StoredAccount = Selectable<PowerAccountRow>;

/** The accounts among some account numbers, by number. */
export async function accountsByNo(db: Executor, nos: string[]): Promise<Map<string, StoredAccount>> {
  const out = new Map<string, StoredAccount>();
  for (let i = 0; i < nos.length; i += KEYS) {
    const rows = await db
      .selectFrom('power_accounts')
      .selectAll()
      .where('account_no', 'in', nos.slice(i, i + KEYS))
      .execute();
    for (const r of rows) out.set(r.account_no, r);
  }
  return out;
}

/** Inserts new accounts and replaces the attributes of known ones (the grid's latest file is right). */
export async function upsertAccounts(trx: Executor, rows: Insertable<PowerAccountRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('power_accounts')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('account_no').doUpdateSet((eb) => ({
          credit_code: eb.ref('excluded.credit_code'),
          enterprise_id: eb.ref('excluded.enterprise_id'),
          district_code: eb.ref('excluded.district_code'),
          industry_section: eb.ref('excluded.industry_section'),
          industry_division: eb.ref('excluded.industry_division'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
}

/** Stored readings of some accounts between two days, keyed `account|day`. */
export async function readingsOf(
  db: Executor,
  accounts: string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < accounts.length; i += KEYS) {
    const rows = await db
      .selectFrom('power_readings')
      .select(['account_no', 'day', 'kwh'])
      .where('account_no', 'in', accounts.slice(i, i + KEYS))
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute();
    for (const r of rows) out.set(`${r.account_no}|${r.day}`, Number(r.kwh));
  }
  return out;
}

/** Inserts readings in multi-row statements (on SQLite through prepared statements on the same connection). */
export async function insertReadings(db: Db, trx: Executor, rows: PowerReadingRow[]): Promise<void> {
  if (db.sqlite) return fast.insertReadings(db.sqlite, rows);
  for (let i = 0; i < rows.length; i += ROWS)
    await trx
      .insertInto('power_readings')
      .values(rows.slice(i, i + ROWS))
      .execute();
}

/** Replaces a day's reading of an account. */
export async function updateReading(trx: Executor, r: PowerReadingRow): Promise<void> {
  await trx
    .updateTable('power_readings')
    .set({ kwh: r.kwh, import_id: r.import_id })
    .where('account_no', '=', r.account_no)
    .where('day', '=', r.day)
    .execute();
}

/** Keeps the values corrections replaced. */
export async function insertHistory(trx: Executor, rows: Insertable<PowerReadingHistoryRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto('power_reading_history')
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** An account's corrected values, latest first. */
export async function historyOf(db: Executor, account: string) {
  return db
    .selectFrom('power_reading_history')
    .select(['day', 'old_kwh', 'new_kwh', 'replaced_at'])
    .where('account_no', '=', account)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** Records an import and returns its id. */
export async function insertImport(trx: Executor, row: Insertable<PowerImportRow>): Promise<number> {
  return Number((await trx.insertInto('power_imports').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

/** Recomputes the district × industry totals of some days from their readings. */
export async function rebuildDaily(trx: Executor, days: string[]): Promise<void> {
  for (let i = 0; i < days.length; i += KEYS) {
    const some = days.slice(i, i + KEYS);
    await trx.deleteFrom('power_daily').where('day', 'in', some).execute();
    await trx
      .insertInto('power_daily')
      .columns(['day', 'wd', 'district_code', 'industry_division', 'kwh', 'accounts'])
      .expression(
        trx
          .selectFrom('power_readings as r')
          .innerJoin('power_accounts as a', 'a.account_no', 'r.account_no')
          .select((eb) => [
            'r.day',
            'r.wd',
            'a.district_code',
            'a.industry_division',
            eb.fn.sum<number>('r.kwh').as('kwh'),
            eb.fn.countAll<number>().as('accounts'),
          ])
          .where('r.day', 'in', some)
          .groupBy(['r.day', 'r.wd', 'a.district_code', 'a.industry_division']),
      )
      .execute();
  }
}

/** Recomputes every account's weekday baseline over a window. */
export async function rebuildBaselines(trx: Executor, from: string, to: string): Promise<void> {
  await trx.deleteFrom('power_baselines').execute();
  await trx
    .insertInto('power_baselines')
    .columns(['account_no', 'wd', 'kwh'])
    .expression(
      trx
        .selectFrom('power_readings')
        .select((eb) => ['account_no', 'wd', eb.fn.avg<number>('kwh').as('kwh')])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy(['account_no', 'wd']),
    )
    .execute();
}

/** Weekday baselines of some accounts (seven values each; a weekday the window lacks is absent). */
export async function baselinesOf(db: Executor, accounts: string[]): Promise<Map<string, Array<number | undefined>>> {
  const out = new Map<string, Array<number | undefined>>();
  for (let i = 0; i < accounts.length; i += KEYS) {
    const rows = await db
      .selectFrom('power_baselines')
      .select(['account_no', 'wd', 'kwh'])
      .where('account_no', 'in', accounts.slice(i, i + KEYS))
      .execute();
    for (const r of rows) {
      const b = out.get(r.account_no) ?? Array(7).fill(undefined);
      b[r.wd] = Number(r.kwh);
      out.set(r.account_no, b);
    }
  }
  return out;
}

/** Accounts whose reading on a day is below `share` of their baseline for its weekday. */
export async function belowOnDay(db: Executor, day: string, share: number, areaPrefix = '') {
  let q = db
    .selectFrom('power_readings as r')
    .innerJoin('power_baselines as b', (j) => j.onRef('b.account_no', '=', 'r.account_no').onRef('b.wd', '=', 'r.wd'))
    .innerJoin('power_accounts as a', 'a.account_no', 'r.account_no')
    .select(['r.account_no', 'a.enterprise_id', 'a.district_code'])
    .where('r.day', '=', day)
    .where((eb) => eb('r.kwh', '<', eb(eb.val(share), '*', eb.ref('b.kwh'))));
  if (areaPrefix) q = q.where('a.district_code', 'like', `${areaPrefix}%`);
  return q.execute();
}

/** The bureau's settings row, if one was stored. */
export async function settingsRow(db: Executor): Promise<Selectable<EconomySettingsRow> | undefined> {
  return db.selectFrom('economy_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** Stores the settings row. */
export async function putSettings(trx: Executor, row: EconomySettingsRow): Promise<void> {
  await trx
    .insertInto('economy_settings')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...row }))
    .execute();
}

/** The day of the first local case, which opens "the outbreak". */
export async function firstLocalCaseDay(db: Executor): Promise<string | null> {
  const r = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.min<string>('reported_on').as('d'))
    .where('origin', '=', 'local')
    .executeTakeFirst();
  return r?.d ?? null;
}

/** Daily totals grouped by day and (optionally) district or industry, over a range, within an area. */
export async function dailyTotals(
  db: Executor,
  from: string,
  to: string,
  by: 'city' | 'district' | 'industry',
  areaPrefix = '',
) {
  const col = by === 'district' ? 'district_code' : 'industry_division';
  let q = db
    .selectFrom('power_daily')
    .select((eb) => [
      'day',
      'wd',
      eb.fn.sum<number>('kwh').as('kwh'),
      eb.fn.sum<number>('accounts').as('accounts'),
      ...(by === 'city' ? [] : [eb.ref(col).as('subject')]),
    ])
    .where('day', '>=', from)
    .where('day', '<=', to);
  if (areaPrefix) q = q.where('district_code', 'like', `${areaPrefix}%`);
  q = q.groupBy(by === 'city' ? ['day', 'wd'] : ['day', 'wd', col]);
  const rows = await q.orderBy('day').execute();
  return rows.map((r) => ({
    day: r.day,
    wd: Number(r.wd),
    kwh: Number(r.kwh),
    accounts: Number(r.accounts),
    subject: (r as { subject?: string }).subject ?? '',
  }));
}

/** The latest day with readings. */
export async function latestReadingDay(db: Executor): Promise<string | null> {
  const r = await db
    .selectFrom('power_daily')
    .select((eb) => eb.fn.max<string>('day').as('d'))
    .executeTakeFirst();
  return r?.d ?? null;
}

/** Readings of accounts over a range, for curves. */
export async function curvesOf(db: Executor, accounts: string[], from: string, to: string) {
  const out: Array<{ account_no: string; day: string; kwh: number }> = [];
  for (let i = 0; i < accounts.length; i += KEYS) {
    const rows = await db
      .selectFrom('power_readings')
      .select(['account_no', 'day', 'kwh'])
      .where('account_no', 'in', accounts.slice(i, i + KEYS))
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .execute();
    out.push(...rows.map((r) => ({ ...r, kwh: Number(r.kwh) })));
  }
  return out;
}

/** Replaces a day's flags. */
export async function replaceFlags(trx: Executor, day: string, rows: PowerFlagRow[]): Promise<void> {
  await trx.deleteFrom('power_flags').where('day', '=', day).execute();
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('power_flags')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** A day's flags, with the account's enterprise and district where the subject is an account. */
export async function flagsOf(db: Executor, day: string) {
  const rows = await db
    .selectFrom('power_flags as f')
    .leftJoin('power_accounts as a', (j) => j.onRef('a.account_no', '=', 'f.subject').on('f.kind', '=', 'account'))
    .leftJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .select([
      'f.day',
      'f.kind',
      'f.subject',
      'f.rule',
      'f.kwh',
      'f.baseline',
      'f.share',
      'f.threshold',
      'f.days',
      'f.enterprise_id',
      'f.task_id',
      'a.district_code',
      'a.industry_division',
      'a.credit_code',
      'e.name',
      'e.whitelisted',
    ])
    .where('f.day', '=', day)
    .orderBy('f.kind')
    .orderBy('f.share')
    .execute();
  return rows.map((r) => ({
    ...r,
    kwh: Number(r.kwh),
    baseline: Number(r.baseline),
    share: Number(r.share),
    threshold: Number(r.threshold),
    enterprise_id: r.enterprise_id === null ? null : Number(r.enterprise_id),
    task_id: r.task_id === null ? null : Number(r.task_id),
  }));
}

/** Open liaison tasks of some enterprises: enterprise id → task id (the oldest open one). */
export async function openTasksOf(db: Executor, enterpriseIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!enterpriseIds.length) return out;
  const rows = await db
    .selectFrom('liaison_tasks')
    .select(['id', 'enterprise_id'])
    .where('enterprise_id', 'in', enterpriseIds)
    .where('closed_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
  for (const r of rows) out.set(Number(r.enterprise_id), Number(r.id));
  return out;
}

/** Enterprises by id with what a liaison task needs. */
export async function enterprisesByIds(db: Executor, ids: number[]) {
  if (!ids.length) return [];
  return (
    await db
      .selectFrom('enterprises')
      .select(['id', 'name', 'credit_code', 'whitelisted', 'liaison_cadre_id'])
      .where('id', 'in', ids)
      .execute()
  ).map((r) => ({ ...r, id: Number(r.id) }));
}

/** The accounts of an enterprise. */
export async function accountsOfEnterprise(db: Executor, enterpriseId: number): Promise<StoredAccount[]> {
  return db.selectFrom('power_accounts').selectAll().where('enterprise_id', '=', enterpriseId).execute();
}

/** Counts readings (for summaries and benches). */
export async function countReadings(db: Db): Promise<number> {
  const r = await db.k
    .selectFrom('power_readings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The registry's enterprises, for the demo to tie accounts to (whitelisted first, by id). */
export async function seedEnterprises(db: Executor) {
  return (
    await db
      .selectFrom('enterprises')
      .select(['id', 'credit_code', 'district_code', 'whitelisted'])
      .orderBy('id')
      .execute()
  ).map((r) => ({ ...r, id: Number(r.id), whitelisted: Number(r.whitelisted) }));
}
