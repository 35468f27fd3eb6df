import { type Infection, infectionsByPerson } from '../cases/cases.service.ts';
import { atBusinessTime, nowIso, nowMs } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import type { Db } from '../platform/db/db.ts';
import { events } from '../platform/events.ts';
import { StaleParts } from '../platform/stale-parts.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { listPolicies, policyOn } from '../policy/policy.service.ts';
import { loadStatusIndex, type StatusIndex, statusIndex } from '../testing/testing.status.ts';
import { restrictedResidentsAt } from '../zones/residents.service.ts';
import type { ActiveMark, PersonMarks } from './marks.rules.ts';
import { activeOverrides, type StoredOverride } from './overrides.repo.ts';

/**
 * What a person's colour is derived from, kept in memory (the entrance check reads it without a
 * database round trip) and refreshed when its sources announce a change: test facts (the status
 * index, kept current by testing), cases, residents of restricted zones, risk marks with their
 * negatives, and approved manual colours.
 */
export interface ColourState {
  /** The status index of the database (one object for the database's life). */
  index: StatusIndex;
  infections: Map<number, Infection>;
  overrides: Map<number, StoredOverride>;
  zones: Map<number, { code: string; level: string }>;
  /** Cancels the timer set for the next zone notice on record (which marks the zones stale). */
  zoneTimer?: () => void;
  marks: Map<number, PersonMarks>;
  /** Every policy version (the colour rules are the version in force on the day of the check). */
  policies: Policy[];
  /** The Beijing day last asked about as instants [from, until) and the version in force on it. */
  day?: { from: number; until: number; policy: Policy };
  /** Marked persons whose test facts changed (their negatives are re-read: the `negatives` part). */
  staleNegatives: Set<number>;
  stale: StaleParts<ColourPart>;
}

/** The parts of the colour state a change notification marks stale. */
export type ColourPart = 'cases' | 'overrides' | 'zones' | 'marks' | 'policies' | 'negatives';
const PARTS: readonly ColourPart[] = ['cases', 'overrides', 'zones', 'marks', 'policies', 'negatives'];

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3600_000;

/** The policy version in force at an instant (its Beijing day), worked out once a day, not per check. */
export function versionAt(s: ColourState, now: number): Policy {
  const d = s.day;
  if (d && now >= d.from && now < d.until) return d.policy;
  const from = Math.floor((now + BEIJING_MS) / DAY_MS) * DAY_MS - BEIJING_MS;
  const policy = policyOn(s.policies, new Date(now + BEIJING_MS).toISOString().slice(0, 10));
  // Only the latest day is kept: a replay of another day must not evict today's for long.
  s.day = { from, until: from + DAY_MS, policy };
  return policy;
}

/**
 * Where the risk marks come from. Tracing records them and imports health-code's mark rules, so
 * health-code cannot import tracing: tracing plugs its reader in here instead (`feedMarks`).
 */
export interface MarksFeed {
  /** Every active mark with the negatives sampled since it began, by person. */
  load(db: Db): Promise<Map<number, PersonMarks>>;
  /** Re-reads the negatives of those of `ids` who are marked (a result or a correction changed them). */
  reloadNegatives(db: Db, marks: Map<number, PersonMarks>, ids: number[]): Promise<void>;
  /** A person's marks as they stood at a past instant (a replay). */
  marksAt(db: Db, personId: number, at: number): Promise<ActiveMark[]>;
  /** Everyone's marks as they stood at a past instant (a replay of the whole city), by person. */
  allMarksAt(db: Db, at: number): Promise<Map<number, ActiveMark[]>>;
}

let marksFeed: MarksFeed | undefined;

/** Plugs in the reader of risk marks (tracing does, when it is loaded). */
export function feedMarks(feed: MarksFeed): void {
  marksFeed = feed;
}

/** The reader of risk marks tracing plugged in. */
export function marksSource(): MarksFeed {
  // Colours without the marks would let close contacts in: refuse to build rather than guess.
  if (!marksFeed) throw new Error('no risk marks feed: src/tracing/marks.state.ts must be loaded');
  return marksFeed;
}

async function loadOverrides(ctx: Ctx) {
  return new Map((await activeOverrides(ctx.db, nowIso())).map((o) => [o.person_id, o]));
}

/**
 * The residents of high and medium zones now; when a notice on record takes effect later (a lift
 * at 18:00), the zones are marked stale at that moment so the colours follow without a prompt.
 */
async function loadZones(ctx: Ctx, s: Pick<ColourState, 'stale' | 'zoneTimer'>) {
  const { residents, nextChangeAt } = await restrictedResidentsAt(ctx, nowMs());
  s.zoneTimer?.();
  s.zoneTimer = nextChangeAt === null ? undefined : atBusinessTime(nextChangeAt + 1, () => s.stale.mark('zones'));
  return residents;
}

const states = new WeakMap<Db, Promise<ColourState>>();

/**
 * Reads every source of the colour from the database around a status index. The live state is
 * built this way once and then kept current by announcements; `rebuiltColourState` builds it anew
 * to check that the live one has not drifted.
 */
async function buildColourState(ctx: Ctx, index: StatusIndex): Promise<ColourState> {
  const s: ColourState = {
    index,
    infections: await infectionsByPerson(ctx),
    overrides: await loadOverrides(ctx),
    zones: new Map(),
    marks: await marksSource().load(ctx.db),
    policies: await listPolicies(ctx),
    staleNegatives: new Set(),
    stale: new StaleParts(PARTS),
  };
  s.zones = await loadZones(ctx, s);
  return s;
}

/** The colour state read afresh from the database, beside the live one (never kept, never announced). */
export async function rebuiltColourState(ctx: Ctx): Promise<ColourState> {
  const s = await buildColourState(ctx, await loadStatusIndex(ctx.db));
  s.zoneTimer?.();
  return s;
}

/** The colour state of a database: built once, then kept current by change notifications. */
export function colourState(ctx: Ctx): Promise<ColourState> {
  let p = states.get(ctx.db);
  if (!p) {
    p = (async () => {
      const s = await buildColourState(ctx, await statusIndex(ctx.db));
      events.on('cases-changed', () => s.stale.mark('cases'));
      events.on('zones-changed', () => s.stale.mark('zones'));
      events.on('overrides-changed', () => s.stale.mark('overrides'));
      events.on('marks-changed', () => s.stale.mark('marks'));
      events.on('policies-changed', () => s.stale.mark('policies'));
      // A new negative is seen at once through the status index; a corrected one needs the re-read.
      events.on('person-status', (ids?: number[]) => {
        if (!ids) return s.stale.mark('marks');
        let any = false;
        for (const id of ids)
          if (s.marks.has(id)) {
            s.staleNegatives.add(id);
            any = true;
          }
        if (any) s.stale.mark('negatives');
      });
      return s;
    })();
    states.set(ctx.db, p);
  }
  return p;
}

/**
 * Whether nothing of the state awaits a reload, and no reload is under way (one that began before
 * a change may have read before it).
 */
export function colourFresh(s: ColourState): boolean {
  return s.stale.fresh();
}

/**
 * The colour state with every stale part reloaded. One reload at a time, shared by concurrent
 * callers: a caller never gets the state while another's reload of a part it needs is reading.
 */
export async function freshColourState(ctx: Ctx): Promise<ColourState> {
  const s = await colourState(ctx);
  await s.stale.refresh(async (parts) => {
    const stale = new Set(parts);
    if (stale.has('cases')) s.infections = await infectionsByPerson(ctx);
    if (stale.has('zones')) s.zones = await loadZones(ctx, s);
    if (stale.has('overrides')) s.overrides = await loadOverrides(ctx);
    if (stale.has('policies')) {
      s.policies = await listPolicies(ctx);
      s.day = undefined;
    }
    if (stale.has('marks')) {
      // The whole re-read covers every marked person's negatives.
      s.staleNegatives.clear();
      s.marks = await marksSource().load(ctx.db);
    } else if (stale.has('negatives')) {
      const ids = [...s.staleNegatives];
      s.staleNegatives.clear();
      await marksSource().reloadNegatives(ctx.db, s.marks, ids);
    }
  });
  return s;
}
