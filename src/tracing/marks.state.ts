import { feedMarks } from '../health-code/colour.state.ts';
import type { ActiveMark, MarkKind, PersonMarks } from '../health-code/marks.rules.ts';
import type { Db } from '../platform/db/db.ts';
import { activeMarkRows, markRowsAt, markRowsOfPersonAt, negativesSince } from './tracing.repo.ts';

/**
 * The active marks of everyone marked, with the negatives the rules need (more than the latest one:
 * "2 negatives ≥ 24 h apart"). Marks are few next to the population, so they live in a map rather
 * than in the status index's per-person arrays.
 */
export async function loadMarks(db: Db): Promise<Map<number, PersonMarks>> {
  const out = new Map<number, PersonMarks>();
  for (const r of await activeMarkRows(db)) {
    const m: ActiveMark = {
      id: r.id,
      kind: r.kind as MarkKind,
      since: Date.parse(r.since),
      indexCase: r.case_no ?? null,
      zone: r.zone_code,
      origin: r.origin,
    };
    const p = out.get(r.person_id);
    if (p) p.marks.push(m);
    else out.set(r.person_id, { marks: [m], negatives: [] });
  }
  await reloadNegatives(db, out, [...out.keys()]);
  return out;
}

/** Re-reads the negatives of some marked persons (a result or a correction changed them). */
export async function reloadNegatives(db: Db, marks: Map<number, PersonMarks>, ids: number[]): Promise<void> {
  const marked = ids.filter((id) => marks.has(id));
  if (!marked.length) return;
  const since = Math.min(...marked.flatMap((id) => marks.get(id)?.marks.map((m) => m.since) ?? []));
  const found = await negativesSince(db, marked, new Date(since).toISOString());
  for (const id of marked) {
    const p = marks.get(id) as PersonMarks;
    p.negatives = (found.get(id) ?? []).sort((a, b) => a - b);
  }
}

/** A person's marks as they stood at a past instant (a withdrawn mark was a mistake: never counted). */
export async function marksAt(db: Db, personId: number, at: number): Promise<ActiveMark[]> {
  return (await markRowsOfPersonAt(db, personId, new Date(at).toISOString())).map((r) => ({
    id: r.id,
    kind: r.kind as MarkKind,
    since: Date.parse(r.since),
    indexCase: r.case_no ?? null,
    zone: r.zone_code,
    origin: r.origin,
  }));
}

/** Everyone's marks as they stood at a past instant (a replay of the whole city). */
export async function allMarksAt(db: Db, at: number): Promise<Map<number, ActiveMark[]>> {
  const out = new Map<number, ActiveMark[]>();
  for (const r of await markRowsAt(db, new Date(at).toISOString())) {
    const m: ActiveMark = {
      id: r.id,
      kind: r.kind as MarkKind,
      since: Date.parse(r.since),
      indexCase: r.case_no ?? null,
      zone: r.zone_code,
      origin: r.origin,
    };
    out.set(r.person_id, [...(out.get(r.person_id) ?? []), m]);
  }
  return out;
}

// Tracing feeds the colour state: health-code reads the marks through this, never tracing's files.
feedMarks({ load: loadMarks, reloadNegatives, marksAt, allMarksAt });
