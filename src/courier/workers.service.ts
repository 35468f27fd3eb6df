import { PeopleErrors } from '../people/people.errors.ts';
import { insertPerson, personIdsByIndex } from '../people/people.repo.ts';
import { normalisePhone, parseResidentId } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { writeFilterOf } from './courier.access.ts';
import { CourierErrors } from './courier.errors.ts';
import type { ImportAnswer } from './courier.schema.ts';
import { existingWorkers, insertWorkers, outletsByCode, setOnDuty } from './registry.repo.ts';
import { RowIssues } from './registry.service.ts';

/** One worker line of a sheet or a request. */
export interface WorkerRecord {
  row?: number;
  outlet?: string;
  idNumber?: string;
  name?: string;
  phone?: string;
  communityCode?: string;
  onDuty?: string;
}

const YES = new Set(['', '1', 'yes', 'true', '是', '在岗', 'y']);
const NO = new Set(['0', 'no', 'false', '否', '不在岗', '离岗', 'n']);

/**
 * Links workers to outlets, each matched by resident ID to a person of the register or registered
 * there (encrypted, masked) when new. All or nothing with every problem by row; a manager may load
 * workers for their own outlet only; re-sending the sheet changes nothing.
 */
export async function importWorkers(ctx: Ctx, actor: Actor, records: WorkerRecord[]): Promise<ImportAnswer> {
  const f = await writeFilterOf(ctx, actor);
  const outlets = await outletsByCode(ctx.db, [...new Set(records.map((r) => (r.outlet ?? '').trim()))]);
  const issues = new RowIssues();
  const seen = new Map<string, number>();
  const parsed = records.map((r, i) => {
    const row = r.row ?? i + 1;
    const code = (r.outlet ?? '').trim();
    const o = outlets.get(code);
    if (!o) issues.add(row, 'outlet', CourierErrors.COURIER_OUTLET_UNKNOWN, { code });
    else if (f.outletIds && !f.outletIds.includes(o.id))
      issues.add(row, 'outlet', CourierErrors.COURIER_OUTLET_NOT_YOURS, { code });
    else if (!o.district_code.startsWith(f.prefix)) issues.add(row, 'outlet', AuthErrors.OUT_OF_SCOPE);
    const idNumber = (r.idNumber ?? '').trim().toUpperCase();
    const id = parseResidentId(idNumber);
    if (!id.ok) {
      const { code: c, ...params } = id.problem;
      issues.add(row, 'idNumber', c, params);
    }
    const key = `${code}|${idNumber}`;
    if (seen.has(key)) issues.add(row, 'idNumber', CourierErrors.COURIER_DUPLICATE_IN_FILE, { first: seen.get(key) });
    else seen.set(key, row);
    const name = (r.name ?? '').trim();
    if (!name) issues.add(row, 'name', CourierErrors.COURIER_FIELD_MISSING, { field: 'name' });
    const phone = r.phone?.trim() ? normalisePhone(r.phone) : null;
    if (r.phone?.trim() && !phone) issues.add(row, 'phone', PeopleErrors.PERSON_PHONE_INVALID);
    const duty = (r.onDuty ?? '').trim().toLowerCase();
    if (!YES.has(duty) && !NO.has(duty))
      issues.add(row, 'onDuty', CourierErrors.COURIER_STATUS_INVALID, { value: duty });
    return {
      row,
      outlet: o,
      idNumber,
      name,
      phone,
      community: (r.communityCode ?? '').trim(),
      onDuty: NO.has(duty) ? 0 : 1,
    };
  });
  issues.throwIfAny();
  const now = nowIso();
  const byIndex = await personIdsByIndex(
    ctx.db.k,
    parsed.map((p) => ctx.crypto.blindIndex('id', p.idNumber)),
  );
  // New persons are sealed before the transaction, so a bad community is a row problem too.
  const sealed = new Map<string, ReturnType<typeof sealPerson>>();
  for (const p of parsed) {
    const ix = ctx.crypto.blindIndex('id', p.idNumber);
    if (byIndex.has(ix) || sealed.has(ix)) continue;
    if (!p.community) {
      issues.add(p.row, 'communityCode', CourierErrors.COURIER_WORKER_COMMUNITY_NEEDED);
      continue;
    }
    try {
      sealed.set(
        ix,
        sealPerson(ctx.crypto, { idNumber: p.idNumber, name: p.name, phone: p.phone, communityCode: p.community }, now),
      );
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      issues.add(p.row, 'communityCode', e.code, e.params);
    }
  }
  issues.throwIfAny();
  let inserted = 0;
  let updated = 0;
  await ctx.db.k.transaction().execute(async (trx) => {
    for (const [ix, row] of sealed) {
      const id = await insertPerson(trx, row);
      byIndex.set(ix, id);
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'person-created',
        entity: 'person',
        entityId: id,
        detail: { idNumberMasked: row.id_masked, communityCode: row.community_code, via: 'courier-workers' },
      });
    }
    const links = await existingWorkers(trx, [...new Set(parsed.map((p) => Number(p.outlet?.id)))]);
    const fresh: Array<{ outlet_id: number; person_id: number; on_duty: number; created_at: string }> = [];
    for (const p of parsed) {
      const personId = byIndex.get(ctx.crypto.blindIndex('id', p.idNumber)) as number;
      const outletId = Number(p.outlet?.id);
      const key = `${outletId}|${personId}`;
      if (!links.has(key)) {
        fresh.push({ outlet_id: outletId, person_id: personId, on_duty: p.onDuty, created_at: now });
        links.set(key, p.onDuty);
      } else if (links.get(key) !== p.onDuty) {
        await setOnDuty(trx, outletId, personId, p.onDuty);
        updated++;
      }
    }
    await insertWorkers(trx, fresh);
    inserted = fresh.length;
    if (inserted || updated || sealed.size)
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'courier-workers-imported',
        entity: 'courier-outlet',
        entityId: parsed[0]?.outlet?.code ?? null,
        detail: { linked: inserted, updated, personsCreated: sealed.size },
      });
  });
  return {
    rows: records.length,
    inserted,
    updated,
    unchanged: records.length - inserted - updated,
    personsCreated: sealed.size,
  };
}
