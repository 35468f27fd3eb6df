import { insertPersons, personIdsByIndex } from '../people/people.repo.ts';
import { normalisePhone, parseResidentId } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { readSheet } from '../platform/files/sheet.ts';
import { allVenues } from '../venues/venues.repo.ts';
import { EventErrors } from './events.errors.ts';
import { Issues } from './events.import.ts';
import { maskedPersons } from './events.repo.ts';
import { ExitErrors } from './exit.errors.ts';
import { insertShifts, setShiftOut, shiftsOf, staffOf, upsertStaff } from './institutions.repo.ts';
import { overlaps } from './institutions.rules.ts';
import type { RosterImportResult } from './institutions.schema.ts';

type RosterKey = 'venue' | 'idNumber' | 'name' | 'phone' | 'role' | 'in' | 'out';
// Institutions send their rosters with Chinese or English headers; both name the same columns.
const ROSTER_COLUMNS: Record<string, RosterKey> = {
  venue_code: 'venue',
  机构编码: 'venue',
  场所编码: 'venue',
  id_number: 'idNumber',
  身份证号码: 'idNumber',
  身份证号: 'idNumber',
  name: 'name',
  姓名: 'name',
  phone: 'phone',
  电话: 'phone',
  联系电话: 'phone',
  role: 'role',
  岗位: 'role',
  in_date: 'in',
  进环日期: 'in',
  out_date: 'out',
  出环日期: 'out',
};

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/**
 * A roster of closed-loop staff from a CSV/XLSX sheet, one row per rotation (`venue_code,
 * id_number, name, phone, role, in_date, out_date`): each venue must be a closed-loop institution
 * in the caller's area; persons are matched by the blind index of their ID or registered through
 * `people` (encrypted, masked); a person's rotations at one institution may not overlap. All or
 * nothing, every bad row named; keyed by (institution, person, in_date), so re-sending changes nothing.
 */
export async function importRoster(
  ctx: Ctx,
  actor: Actor | 'system' | 'cli',
  buf: Buffer,
  opts: { dryRun?: boolean; filename?: string } = {},
): Promise<RosterImportResult> {
  if (typeof actor !== 'string') requirePermission(actor, 'venues:write');
  const rows = await readSheet(buf, ROSTER_COLUMNS, ['venue', 'idNumber', 'name', 'role', 'in']);
  const venues = new Map((await allVenues(ctx.db)).map((v) => [v.code, v]));
  const issues = new Issues();
  type Good = {
    row: number;
    venueId: number;
    idNumber: string;
    index: string;
    name: string;
    phone: string | null;
    role: string;
    community: string;
    in: string;
    out: string | null;
  };
  const good: Good[] = [];
  for (const r of rows) {
    const code = (r.venue ?? '').toUpperCase();
    const v = venues.get(code);
    if (!v) issues.add(r.row, 'venue_code', 'VENUE_UNKNOWN', { code });
    else if (v.status !== 'closed-loop') issues.add(r.row, 'venue_code', ExitErrors.LOOP_NOT_INSTITUTION, { code });
    else if (typeof actor !== 'string' && !scopeCoversDivision(actor.scope, v.community_code))
      issues.add(r.row, 'venue_code', 'OUT_OF_SCOPE');
    const parsed = parseResidentId((r.idNumber ?? '').toUpperCase());
    if (!parsed.ok) {
      const { code: c, ...params } = parsed.problem;
      issues.add(r.row, 'id_number', c, params);
    }
    const name = r.name ?? '';
    if (!name) issues.add(r.row, 'name', EventErrors.EXAM_VALUE_MISSING);
    const role = r.role ?? '';
    if (!role) issues.add(r.row, 'role', EventErrors.EXAM_VALUE_MISSING);
    const phone = r.phone ? normalisePhone(r.phone) : null;
    if (r.phone && !phone) issues.add(r.row, 'phone', 'PERSON_PHONE_INVALID');
    const inDate = r.in ?? '';
    const outDate = r.out || null;
    if (!isDay(inDate)) issues.add(r.row, 'in_date', ExitErrors.LOOP_DATE_INVALID, { value: inDate });
    if (outDate !== null && !isDay(outDate))
      issues.add(r.row, 'out_date', ExitErrors.LOOP_DATE_INVALID, { value: outDate });
    else if (outDate !== null && isDay(inDate) && outDate < inDate)
      issues.add(r.row, 'out_date', ExitErrors.LOOP_SHIFT_ORDER, { in: inDate, out: outDate });
    if (
      v &&
      v.status === 'closed-loop' &&
      parsed.ok &&
      name &&
      role &&
      isDay(inDate) &&
      (outDate === null || isDay(outDate))
    )
      good.push({
        row: r.row,
        venueId: v.id,
        idNumber: parsed.facts.idNumber,
        index: ctx.crypto.blindIndex('id', parsed.facts.idNumber),
        name,
        phone,
        role,
        community: v.community_code,
        in: inDate,
        out: outDate,
      });
  }
  const persons = await personIdsByIndex(
    ctx.db.k,
    good.map((g) => g.index),
  );
  const known = await maskedPersons(ctx.db, [...new Set(persons.values())]);
  for (const g of good) {
    const pid = persons.get(g.index);
    const p = pid === undefined ? undefined : known.get(pid);
    if (p && ctx.crypto.decrypt(p.nameCipher) !== g.name)
      issues.add(g.row, 'name', ExitErrors.LOOP_PERSON_NAME_MISMATCH);
  }
  // Rotations after the import: stored ones (a row with the same in date replaces its out date) and the file's.
  const venueIds = [...new Set(good.map((g) => g.venueId))];
  const stored = await shiftsOf(ctx.db, venueIds);
  const staff = new Set((await staffOf(ctx.db, venueIds)).map((s) => `${s.venue_id}/${s.person_id}/${s.role}`));
  const byKey = new Map(stored.map((s) => [`${s.venue_id}/${s.person_id}/${s.in_date}`, s]));
  const seen: Array<{ g: Good; pid: number | undefined }> = [];
  for (const g of good) {
    const pid = persons.get(g.index);
    const mine = { in_date: g.in, out_date: g.out };
    // Within the file: the same person's rotations at one institution must not share a day.
    const clash = seen.find(
      (o) =>
        o.g.venueId === g.venueId && o.g.index === g.index && overlaps({ in_date: o.g.in, out_date: o.g.out }, mine),
    );
    if (clash) issues.add(g.row, 'in_date', ExitErrors.LOOP_SHIFT_OVERLAP, { other: clash.g.row });
    else if (
      pid !== undefined &&
      stored.some(
        (s) =>
          s.venue_id === g.venueId &&
          s.person_id === pid &&
          s.in_date !== g.in &&
          !good.some((x) => x.venueId === g.venueId && x.index === g.index && x.in === s.in_date) &&
          overlaps(s, mine),
      )
    )
      issues.add(g.row, 'in_date', ExitErrors.LOOP_SHIFT_OVERLAP, { other: '—' });
    seen.push({ g, pid });
  }
  issues.throwIfAny();
  const fresh = [...new Map(good.filter((g) => !persons.has(g.index)).map((g) => [g.index, g])).values()];
  const keyOf = (g: Good, pid: number) => `${g.venueId}/${pid}/${g.in}`;
  const isNewShift = (g: Good) => {
    const pid = persons.get(g.index);
    return pid === undefined || !byKey.has(keyOf(g, pid));
  };
  const changedShift = (g: Good) => {
    const pid = persons.get(g.index);
    const s = pid === undefined ? undefined : byKey.get(keyOf(g, pid));
    return s !== undefined && s.out_date !== g.out;
  };
  const newStaff = good.filter((g) => {
    const pid = persons.get(g.index);
    return pid === undefined || ![...staff].some((k) => k.startsWith(`${g.venueId}/${pid}/`));
  });
  const roleChanged = good.filter((g) => {
    const pid = persons.get(g.index);
    return pid !== undefined && !staff.has(`${g.venueId}/${pid}/${g.role}`);
  });
  const adds = good.filter(isNewShift);
  const updates = good.filter(changedShift);
  const result: RosterImportResult = {
    rows: rows.length,
    staffAdded: new Set(newStaff.map((g) => `${g.venueId}/${g.index}`)).size,
    shiftsAdded: adds.length,
    shiftsUpdated: updates.length,
    unchanged: rows.length - adds.length - updates.length,
    personsCreated: fresh.length,
    dryRun: !!opts.dryRun,
  };
  if (opts.dryRun || (!adds.length && !updates.length && !roleChanged.length)) return result;
  const now = nowIso();
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertPersons(
      trx,
      fresh.map((g) =>
        sealPerson(
          ctx.crypto,
          { idNumber: g.idNumber, name: g.name, phone: g.phone ?? undefined, communityCode: g.community },
          now,
        ),
      ),
    );
    const ids = fresh.length
      ? await personIdsByIndex(
          trx,
          fresh.map((g) => g.index),
        )
      : new Map<string, number>();
    const pidOf = (g: Good) => (persons.get(g.index) ?? ids.get(g.index)) as number;
    const roster = new Map(good.map((g) => [`${g.venueId}/${pidOf(g)}`, g]));
    await upsertStaff(
      trx,
      [...roster.values()].map((g) => ({ venue_id: g.venueId, person_id: pidOf(g), role: g.role, created_at: now })),
    );
    await insertShifts(
      trx,
      adds.map((g) => ({ venue_id: g.venueId, person_id: pidOf(g), in_date: g.in, out_date: g.out })),
    );
    for (const g of updates) {
      const s = byKey.get(keyOf(g, pidOf(g)));
      if (s) await setShiftOut(trx, s.id, g.out);
    }
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: actorLabel(actor),
      action: 'loop-roster-imported',
      entity: 'venue',
      entityId: null,
      detail: { filename: opts.filename ?? null, ...result },
    });
  });
  return result;
}
