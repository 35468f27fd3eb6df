import { PeopleErrors } from '../people/people.errors.ts';
import { personIdsByIndex } from '../people/people.repo.ts';
import { maskIdNumber, maskName, maskPhone, normalisePhone, parseResidentId } from '../people/people.rules.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, messagesOf } from '../platform/errors.ts';
import type { SheetIssue } from '../platform/files/sheet.ts';
import { freshState } from './checks.service.ts';
import { existingScanIds, insertPaperScans, personsByPhone } from './paper.repo.ts';
import { VenueErrors } from './venues.errors.ts';
import { ownVenues, venueVisible } from './venues.service.ts';
import type { ScanRow } from './venues.tables.ts';

/** One line of a paper sign-in sheet, as typed in afterwards. */
export interface PaperRecord {
  venue: string;
  at: string;
  idNumber?: string;
  name?: string;
  phone?: string;
}

/** A problem with one record: its row (1-based in the batch, or the file row), column and catalogued message. */
export type PaperIssue = SheetIssue;

const TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$/;
const SKEW_MS = 5 * 60_000;

/** An ISO instant from a sheet's time; without an offset it is Beijing time, as the sheet was written. */
function parseTime(raw: string): number | null {
  const m = TIME.exec(raw.trim());
  if (!m) return null;
  const t = Date.parse(`${m[1]}T${m[2]}${m[3] ?? '+08:00'}`);
  return Number.isNaN(t) ? null : t;
}

/**
 * Enters paper registrations (the sheet at a door where scanning failed) as scans with source
 * 'paper', the entering user and the sealed identity. All or nothing: any bad row refuses the whole
 * batch with every problem listed by row. A re-submitted sheet is recognised (the scan id is a keyed
 * hash of venue, time and identity) and not recorded twice. The verdict is 'allow': the person was let in.
 */
export async function enterPaperRecords(
  ctx: Ctx,
  actor: Actor,
  records: Array<PaperRecord & { row?: number }>,
  now = nowMs(),
): Promise<{ entered: number; duplicates: number; scanIds: string[] }> {
  requirePermission(actor, 'scans:paper');
  const s = await freshState(ctx);
  const own = await ownVenues(ctx, actor);
  const issues: PaperIssue[] = [];
  const problem = (row: number, column: string, code: string, params: Record<string, unknown> = {}) =>
    issues.push({ row, column, code, message: messagesOf(code, params) });
  const parsed = records.map((r, i) => {
    const row = r.row ?? i + 1;
    const venue = s.venues.get(r.venue.trim());
    if (!venue) problem(row, 'venue', VenueErrors.VENUE_UNKNOWN, { code: r.venue });
    else if (!venueVisible(actor, own, venue))
      problem(row, 'venue', own ? VenueErrors.VENUE_NOT_YOURS : AuthErrors.OUT_OF_SCOPE);
    const at = parseTime(r.at);
    if (at === null) problem(row, 'at', VenueErrors.PAPER_TIME_INVALID);
    else if (at > now + SKEW_MS) problem(row, 'at', VenueErrors.PAPER_TIME_FUTURE);
    const idNumber = r.idNumber?.trim().toUpperCase() || null;
    const name = r.name?.trim() || null;
    const phone = r.phone?.trim() ? normalisePhone(r.phone) : null;
    if (idNumber) {
      const id = parseResidentId(idNumber);
      if (!id.ok) {
        const { code, ...params } = id.problem;
        problem(row, 'idNumber', code, params);
      }
    } else if (!name || !r.phone?.trim()) problem(row, 'idNumber', VenueErrors.PAPER_WHO_MISSING);
    if (r.phone?.trim() && !phone) problem(row, 'phone', VenueErrors.PAPER_PHONE_INVALID);
    return { row, venue, at: at ?? 0, idNumber, name, phone };
  });
  if (issues.length) throw new AppError(VenueErrors.PAPER_ROWS_INVALID, { count: issues.length }, { issues });

  const idIndexes = parsed.flatMap((p) => (p.idNumber ? [ctx.crypto.blindIndex('id', p.idNumber)] : []));
  const byId = await personIdsByIndex(ctx.db.k, idIndexes);
  const phoneIndexes = parsed.flatMap((p) => (!p.idNumber && p.phone ? [ctx.crypto.blindIndex('phone', p.phone)] : []));
  const byPhone = await personsByPhone(ctx.db, phoneIndexes);
  const enteredAt = new Date(now).toISOString();
  const rows = parsed.map((p) => {
    const idIndex = p.idNumber ? ctx.crypto.blindIndex('id', p.idNumber) : null;
    const phoneIndex = !p.idNumber && p.phone ? ctx.crypto.blindIndex('phone', p.phone) : null;
    // Without an ID a person matches only on phone and the exact name they are registered with.
    const personId = idIndex
      ? (byId.get(idIndex) ?? null)
      : (byPhone.find((x) => x.phone_index === phoneIndex && ctx.crypto.decrypt(x.name_cipher) === p.name)?.id ?? null);
    const at = new Date(p.at).toISOString();
    const who = idIndex ? `id:${idIndex}` : `np:${p.name}|${p.phone}`;
    const id = `paper-${ctx.crypto.mac(`${p.venue?.code}|${at}|${who}`).slice(0, 40)}`;
    const scan: ScanRow = {
      id,
      venue_id: p.venue?.id as number,
      person_id: personId === null ? null : Number(personId),
      at,
      day: new Date(p.at + 8 * 3600_000).toISOString().slice(0, 10),
      verdict: 'allow',
      colour: 'unknown',
      reasons: '[]',
      proxy: 0,
      source: 'paper',
      request_hash: null,
      reply: null,
      // Written on paper at the door: no version decided it, the guard did.
      policy_id: null,
      policy_rule: null,
    };
    const masked = [
      p.idNumber ? maskIdNumber(p.idNumber) : null,
      p.name ? maskName(p.name) : null,
      p.phone ? maskPhone(p.phone) : null,
    ].filter(Boolean);
    return {
      scan,
      paper: {
        scan_id: id,
        entered_by: actorLabel(actor),
        entered_at: enteredAt,
        id_cipher: p.idNumber ? ctx.crypto.encrypt(p.idNumber) : null,
        name_cipher: p.name ? ctx.crypto.encrypt(p.name) : null,
        phone_cipher: p.phone ? ctx.crypto.encrypt(p.phone) : null,
        identity_masked: masked.join(' '),
      },
    };
  });
  // The same line twice in one sheet is one registration.
  const unique = [...new Map(rows.map((r) => [r.scan.id, r])).values()];
  const stored = await existingScanIds(
    ctx.db,
    unique.map((r) => r.scan.id),
  );
  const fresh = unique.filter((r) => !stored.has(r.scan.id));
  if (fresh.length)
    await ctx.db.k.transaction().execute(async (trx) => {
      await insertPaperScans(
        trx,
        fresh.map((r) => r.scan),
        fresh.map((r) => r.paper),
      );
      await recordAudit(ctx.db, ctx.crypto, trx, {
        actor: actorLabel(actor),
        action: 'paper-registrations-entered',
        entity: 'venue',
        entityId: fresh[0]?.scan.venue_id ?? null,
        detail: {
          count: fresh.length,
          duplicates: rows.length - fresh.length,
          venues: [...new Set(fresh.map((r) => r.scan.venue_id))],
        },
      });
    });
  return { entered: fresh.length, duplicates: rows.length - fresh.length, scanIds: rows.map((r) => r.scan.id) };
}

export { PeopleErrors };
