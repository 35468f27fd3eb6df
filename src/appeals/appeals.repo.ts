import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../platform/audit/audit.repo.ts';
import type {
  AppealAccountRow,
  AppealDeadlineRow,
  AppealEventRow,
  AppealRow,
  EnterpriseRow,
  LiaisonTaskRow,
  OutboxRow,
  WhitelistReportRow,
} from './appeals.tables.ts';
import './appeals.tables.ts';
import '../zones/zones.tables.ts';
import { applyAppealCountDeltas } from './counts.repo.ts';
import { addContribution, type Countable, type CountRow, countDeltas, overdueAt } from './counts.rules.ts';
import { writeOverdue, writeSearch } from './search.repo.ts';

export { type AppealFilter, listAppeals, overdueUnescalated } from './queue.repo.ts';

const CHUNK = 500;
type WithId<T> = Omit<Selectable<T>, 'id'> & { id: number };
export type StoredEnterprise = WithId<EnterpriseRow>;
export type StoredAppeal = WithId<AppealRow>;
export type StoredEvent = WithId<AppealEventRow>;
export type StoredTask = WithId<LiaisonTaskRow>;
export type StoredReport = WithId<WhitelistReportRow>;
const num = <T extends { id: unknown }>(r: T) => ({ ...r, id: Number(r.id) });

// ---------------------------------------------------------------- enterprises

export async function enterpriseByCode(db: Executor, code: string): Promise<StoredEnterprise | undefined> {
  const r = await db.selectFrom('enterprises').selectAll().where('credit_code', '=', code).executeTakeFirst();
  return r && num(r);
}

export async function enterpriseById(db: Executor, id: number): Promise<StoredEnterprise | undefined> {
  const r = await db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();
  return r && num(r);
}

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

export async function accountOf(db: Executor, username: string): Promise<Selectable<AppealAccountRow> | undefined> {
  return db.selectFrom('appeal_accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function upsertAccount(trx: Executor, row: AppealAccountRow): Promise<void> {
  await trx
    .insertInto('appeal_accounts')
    .values(row)
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({ unit: row.unit, enterprise_id: row.enterprise_id, cadre_id: row.cadre_id }),
    )
    .execute();
}

// ---------------------------------------------------------------- appeals

/** A new appeal: the repository derives its overdue instant and search tokens. */
export type NewAppeal = Omit<Insertable<AppealRow>, 'overdue_at'>;

/** Inserts appeals with their derived columns, search tokens and counter contributions; returns their ids. */
export async function insertAppeals(trx: Executor, rows: NewAppeal[]): Promise<number[]> {
  const ids: number[] = [];
  const deltas = new Map<string, CountRow>();
  const full = rows.map((r) => ({ ...r, overdue_at: overdueAt(r as Countable) }));
  for (let i = 0; i < full.length; i += 200) {
    const chunk = full.slice(i, i + 200);
    for (const r of chunk) addContribution(deltas, r as Countable, 1);
    const r = await trx.insertInto('appeals').values(chunk).returning('id').execute();
    ids.push(...r.map((x) => Number(x.id)));
  }
  await writeSearch(
    trx,
    full.map((r, i) => ({ ...r, id: ids[i] as number })),
    false,
  );
  await applyAppealCountDeltas(trx, [...deltas.values()]);
  return ids;
}

export async function appealById(db: Executor, id: number): Promise<StoredAppeal | undefined> {
  const r = await db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
  return r && num(r);
}

export async function appealsByIds(db: Executor, ids: number[]): Promise<StoredAppeal[]> {
  const out: StoredAppeal[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('appeals')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    out.push(...rows.map(num));
  }
  return out;
}

export async function appealByTracking(db: Executor, trackingNo: string): Promise<StoredAppeal | undefined> {
  const r = await db.selectFrom('appeals').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst();
  return r && num(r);
}

export async function appealByIdemKey(db: Executor, key: string): Promise<StoredAppeal | undefined> {
  const r = await db.selectFrom('appeals').selectAll().where('idem_key', '=', key).executeTakeFirst();
  return r && num(r);
}

/** The appeal, locked for the rest of the transaction on PostgreSQL (SQLite has one writer). */
export async function lockAppeal(trx: Executor, id: number, dialect: string): Promise<StoredAppeal | undefined> {
  const q = trx.selectFrom('appeals').selectAll().where('id', '=', id);
  const r = await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  return r && num(r);
}

/**
 * Writes a change to an appeal read in the same transaction (locked): the patch, the derived
 * columns, and the counters moved from its old contribution to its new one. Returns the new row.
 */
export async function updateAppeal(
  trx: Executor,
  before: StoredAppeal,
  patch: Updateable<AppealRow>,
): Promise<StoredAppeal> {
  const after = { ...before, ...patch } as StoredAppeal;
  const overdue_at = overdueAt(after);
  await trx
    .updateTable('appeals')
    .set({ ...patch, overdue_at })
    .where('id', '=', before.id)
    .execute();
  const fields = ['title', 'content', 'status', 'district_code', 'category', 'channel', 'unit', 'received_at'] as const;
  if (fields.some((k) => after[k] !== before[k])) await writeSearch(trx, [{ ...after, overdue_at }], true);
  else if (overdue_at !== before.overdue_at) await writeOverdue(trx, before.id, overdue_at);
  await applyAppealCountDeltas(trx, countDeltas(before, after));
  return { ...after, overdue_at };
}

/** Submissions from one phone since an instant (flood control). */
export async function countByPhoneSince(db: Executor, phoneHash: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('appeals')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('phone_hash', '=', phoneHash)
    .where('received_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertEvents(trx: Executor, rows: Insertable<AppealEventRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('appeal_events')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export async function eventsOf(db: Executor, appealId: number): Promise<StoredEvent[]> {
  return (
    await db.selectFrom('appeal_events').selectAll().where('appeal_id', '=', appealId).orderBy('id').execute()
  ).map((r) => ({ ...num(r), appeal_id: Number(r.appeal_id) }));
}

// ---------------------------------------------------------------- deadlines

export async function listDeadlines(db: Executor): Promise<Selectable<AppealDeadlineRow>[]> {
  return db.selectFrom('appeal_deadlines').selectAll().orderBy('urgency').orderBy('category').execute();
}

export async function upsertDeadline(trx: Executor, row: AppealDeadlineRow): Promise<void> {
  const { urgency, category, ...rest } = row;
  await trx
    .insertInto('appeal_deadlines')
    .values(row)
    .onConflict((oc) => oc.columns(['urgency', 'category']).doUpdateSet(rest))
    .execute();
}

// ---------------------------------------------------------------- outbox

export async function insertOutbox(trx: Executor, rows: Insertable<OutboxRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('appeal_outbox')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export async function pendingOutbox(db: Executor, limit: number) {
  return (
    await db
      .selectFrom('appeal_outbox')
      .innerJoin('appeals', 'appeals.id', 'appeal_outbox.appeal_id')
      .select([
        'appeal_outbox.id',
        'appeal_outbox.appeal_id',
        'appeal_outbox.kind',
        'appeal_outbox.body_zh',
        'appeal_outbox.attempts',
        'appeals.phone_enc',
        'appeals.tracking_no',
      ])
      .where('appeal_outbox.status', '=', 'pending')
      .orderBy('appeal_outbox.id')
      .limit(limit)
      .execute()
  ).map((r) => ({ ...r, id: Number(r.id) }));
}

export async function recordDelivery(
  trx: Executor,
  outboxId: number,
  d: { at: string; sender: string; ok: boolean; detail: string; giveUp: boolean },
): Promise<void> {
  await trx
    .insertInto('appeal_deliveries')
    .values({ outbox_id: outboxId, at: d.at, sender: d.sender, ok: d.ok ? 1 : 0, detail: d.detail })
    .execute();
  await trx
    .updateTable('appeal_outbox')
    .set((e) => ({
      status: d.ok ? 'sent' : d.giveUp ? 'failed' : 'pending',
      attempts: sql<number>`${e.ref('attempts')} + 1`,
      sent_at: d.ok ? d.at : null,
    }))
    .where('id', '=', outboxId)
    .execute();
}

export async function outboxOf(db: Executor, appealId: number) {
  const rows = await db
    .selectFrom('appeal_outbox')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .orderBy('id')
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const deliveries = ids.length
    ? await db.selectFrom('appeal_deliveries').selectAll().where('outbox_id', 'in', ids).orderBy('id').execute()
    : [];
  return rows.map((r) => ({
    ...num(r),
    deliveries: deliveries.filter((d) => Number(d.outbox_id) === Number(r.id)).map(num),
  }));
}

// ---------------------------------------------------------------- whitelist reports and liaison tasks

export async function insertReport(trx: Executor, row: Insertable<WhitelistReportRow>): Promise<number> {
  return Number((await trx.insertInto('whitelist_reports').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function reportOn(db: Executor, enterpriseId: number, day: string): Promise<StoredReport | undefined> {
  const r = await db
    .selectFrom('whitelist_reports')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('day', '=', day)
    .executeTakeFirst();
  return r && num(r);
}

export async function linkReport(trx: Executor, id: number, appealId: number | null, taskId: number | null) {
  await trx
    .updateTable('whitelist_reports')
    .set({ appeal_id: appealId, task_id: taskId })
    .where('id', '=', id)
    .execute();
}

/** The reports of a day joined to their enterprise (for the status board). */
export async function reportsOfDay(db: Executor, day: string, areaPrefix?: string) {
  let q = db
    .selectFrom('whitelist_reports as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select([
      'r.id',
      'r.enterprise_id',
      'r.production',
      'r.capacity_pct',
      'r.material_days',
      'r.logistics_blocked',
      'r.staff_on_site',
      'r.staff_closed_loop',
      'r.appeal_id',
      'r.task_id',
      'e.name',
      'e.credit_code',
      'e.district_code',
      'e.tiers',
    ])
    .where('r.day', '=', day);
  if (areaPrefix) q = q.where('e.district_code', 'like', `${areaPrefix}%`);
  return (await q.orderBy('e.district_code').orderBy('e.name').execute()).map(num);
}

export async function insertTasks(trx: Executor, rows: Insertable<LiaisonTaskRow>[]): Promise<number[]> {
  const ids: number[] = [];
  for (const r of rows)
    ids.push(Number((await trx.insertInto('liaison_tasks').values(r).returning('id').executeTakeFirstOrThrow()).id));
  return ids;
}

export async function taskById(db: Executor, id: number): Promise<StoredTask | undefined> {
  const r = await db.selectFrom('liaison_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  return r && num(r);
}

export async function closeTaskRow(trx: Executor, id: number, at: string, note: string): Promise<void> {
  await trx.updateTable('liaison_tasks').set({ closed_at: at, closing_note: note }).where('id', '=', id).execute();
}

export async function tasksOfCadre(db: Executor, cadreId: number | null, openOnly: boolean, areaPrefix?: string) {
  let q = db
    .selectFrom('liaison_tasks as t')
    .innerJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .select([
      't.id',
      't.enterprise_id',
      't.title',
      't.due_at',
      't.closed_at',
      't.closing_note',
      't.created_at',
      'e.name',
    ])
    .orderBy('t.due_at');
  if (cadreId !== null) q = q.where('t.cadre_id', '=', cadreId);
  if (openOnly) q = q.where('t.closed_at', 'is', null);
  if (areaPrefix) q = q.where('e.district_code', 'like', `${areaPrefix}%`);
  return (await q.limit(1000).execute()).map(num);
}

/** Whitelisted enterprises of a cadre with no report on a day. */
export async function missingReports(db: Executor, day: string, cadreId: number | null, areaPrefix?: string) {
  let q = db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.name', 'e.credit_code', 'e.district_code'])
    .where('e.whitelisted', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('whitelist_reports as r')
            .select('r.id')
            .whereRef('r.enterprise_id', '=', 'e.id')
            .where('r.day', '=', day),
        ),
      ),
    );
  if (cadreId !== null) q = q.where('e.liaison_cadre_id', '=', cadreId);
  if (areaPrefix) q = q.where('e.district_code', 'like', `${areaPrefix}%`);
  return (await q.orderBy('e.name').limit(1000).execute()).map(num);
}
