import { type Actor, actorLabel, scopeCoversDivision } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { caseRow, firstPositiveSampling, scansAtVenue, scansOfPerson } from './copresence.repo.ts';
import { TracingErrors } from './tracing.errors.ts';
import { personsBrief } from './tracing.repo.ts';
import { coPresent, daysOf, lookBack } from './tracing.rules.ts';
import { storeMarks } from './tracing.service.ts';

const DAY = 86_400_000;
const SHOWN = 200;

/** What a co-presence run found and recorded. */
export interface TraceResult {
  caseNo: string;
  window: { from: string; until: string; anchor: string; anchorKind: string; minutes: number };
  caseScans: number;
  venues: number;
  found: number;
  added: number;
  existing: number;
  unidentified: number;
  contacts: Array<{ name: string; idNumber: string; lastContact: string }>;
}

/**
 * Co-presence tracing of one case: the case person's scans in the look-back window, everyone
 * scanned at the same venue within ± `minutes` of them, put on the trace list (source co-presence,
 * counting from their last contact). Running it again records nothing twice.
 */
export async function traceCase(
  ctx: Ctx,
  actor: Actor | 'system',
  by: { id?: number; caseNo?: string },
  opts: { minutes?: number; onsetOn?: string | null; now?: number } = {},
): Promise<TraceResult> {
  return (await traceCaseContacts(ctx, actor, by, opts)).result;
}

/** The same run, also handing back who (person id → last contact) for a caller that goes on (the demo). */
export async function traceCaseContacts(
  ctx: Ctx,
  actor: Actor | 'system',
  by: { id?: number; caseNo?: string },
  opts: { minutes?: number; onsetOn?: string | null; now?: number } = {},
): Promise<{ result: TraceResult; contacts: Map<number, number> }> {
  if (actor !== 'system') requirePermission(actor, 'tracing:write');
  const c = await caseRow(ctx.db, { id: by.id, no: by.caseNo });
  if (!c || (actor !== 'system' && !scopeCoversDivision(actor.scope, c.district_code)))
    throw new AppError(TracingErrors.TRACE_CASE_UNKNOWN, { id: by.id ?? by.caseNo });
  if (c.person_id === null) throw new AppError(TracingErrors.TRACE_CASE_NO_PERSON, { caseNo: c.case_no });
  const now = opts.now ?? nowMs();
  // The windows are those of the version in force on the report day, unless the tracer widens them.
  const tracing = policyOn(await listPolicies(ctx), c.reported_on).params.tracing;
  const minutes = opts.minutes ?? tracing.coPresenceMinutes;
  const reportEnd = Date.parse(`${c.reported_on}T23:59:59.999+08:00`);
  const sampled = await firstPositiveSampling(
    ctx.db,
    c.person_id,
    new Date(reportEnd - 14 * DAY).toISOString(),
    new Date(reportEnd).toISOString(),
  );
  const w = lookBack(
    {
      kind: c.kind,
      reportedOn: c.reported_on,
      onsetOn: opts.onsetOn ?? null,
      positiveSampledAt: sampled ? Date.parse(sampled) : null,
    },
    now,
    tracing.lookBackDays,
  );
  const iso = (t: number) => new Date(t).toISOString();
  const own = (await scansOfPerson(ctx.db, c.person_id, iso(w.from), iso(w.until), daysOf(w.from, w.until))).map(
    (s) => ({ venueId: Number(s.venue_id), at: Date.parse(s.at) }),
  );
  const nearby = new Map<number, Array<{ personId: number | null; at: number }>>();
  for (const s of own) {
    const rows = await scansAtVenue(
      ctx.db,
      s.venueId,
      iso(s.at - minutes * 60_000),
      iso(s.at + minutes * 60_000),
      daysOf(s.at - minutes * 60_000, s.at + minutes * 60_000),
    );
    const list = nearby.get(s.venueId) ?? [];
    for (const r of rows)
      list.push({ personId: r.person_id === null ? null : Number(r.person_id), at: Date.parse(r.at) });
    nearby.set(s.venueId, list);
  }
  const { contacts, unidentified } = coPresent(own, nearby, c.person_id, minutes);
  const at = iso(now);
  const ids = await storeMarks(
    ctx,
    actor,
    [...contacts].map(([person_id, last]) => ({
      person_id,
      kind: 'trace-list',
      since: iso(last),
      index_case_id: c.id,
      zone_code: null,
      origin: null,
      source: 'co-presence',
      note: null,
      created_by: actorLabel(actor),
      created_at: at,
      status: 'active',
      closed_by: null,
      closed_at: null,
      close_reason: null,
    })),
    { action: 'co-presence-traced', entityId: c.case_no, detail: { caseScans: own.length, minutes, unidentified } },
  );
  const shown = [...contacts].sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, SHOWN);
  const brief = new Map(
    (
      await personsBrief(
        ctx.db,
        shown.map(([id]) => id),
      )
    ).map((p) => [p.id, p]),
  );
  const result: TraceResult = {
    caseNo: c.case_no,
    window: { from: iso(w.from), until: iso(w.until), anchor: w.anchor, anchorKind: w.anchorKind, minutes },
    caseScans: own.length,
    venues: nearby.size,
    found: contacts.size,
    added: ids.length,
    existing: contacts.size - ids.length,
    unidentified,
    contacts: shown.map(([id, last]) => ({
      name: brief.get(id)?.name_masked ?? '',
      idNumber: brief.get(id)?.id_masked ?? '',
      lastContact: iso(last),
    })),
  };
  return { result, contacts };
}
