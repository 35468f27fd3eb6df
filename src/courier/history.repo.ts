import type { Executor } from '../platform/audit/audit.repo.ts';
import type { Db } from '../platform/db/db.ts';

/** Sets outlets' status from a day on (a second change on the same day replaces the first). */
export async function recordStatuses(
  trx: Executor,
  rows: Array<{ outlet_id: number; from_day: string; status: string }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('courier_outlet_status')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['outlet_id', 'from_day']).doUpdateSet((e) => ({ status: e.ref('excluded.status') })),
      )
      .execute();
}

/** Outlets open on a day within a division prefix and the couriers they declare: each outlet's latest status up to it. */
export async function openOutletsOn(db: Db, day: string, prefix: string): Promise<{ open: number; staff: number }> {
  const r = await db.k
    .selectFrom('courier_outlet_status as h')
    .innerJoin('courier_outlets as o', 'o.id', 'h.outlet_id')
    .select((e) => [e.fn.countAll<number>().as('n'), e.fn.sum<number>('o.staff').as('staff')])
    .where('h.status', '=', 'open')
    .where('o.district_code', 'like', `${prefix}%`)
    .where('h.from_day', '=', (e) =>
      e
        .selectFrom('courier_outlet_status as l')
        .select((x) => x.fn.max('l.from_day').as('d'))
        .whereRef('l.outlet_id', '=', 'h.outlet_id')
        .where('l.from_day', '<=', day),
    )
    .executeTakeFirst();
  return { open: Number(r?.n ?? 0), staff: Number(r?.staff ?? 0) };
}
