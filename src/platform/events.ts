import { EventEmitter } from 'node:events';
import type { Ctx } from './context.ts';

/**
 * In-process notifications between modules ("cases changed", "venue changed"), so that a module
 * holding an in-memory index can refresh it without the writer knowing who listens. Another
 * process on the same database (a second API process, or a CLI import beside `banyan serve`)
 * reaches this one through the channel of events.channel.ts: NOTIFY on PostgreSQL, the
 * `announcements` table on SQLite.
 */
export const events = new EventEmitter();
events.setMaxListeners(50);

/**
 * 'person-status' carries the person ids whose test facts changed (the status index);
 * 'clock-changed' says the business clock kept in the database was set or cleared.
 */
export type BanyanEvent =
  | 'cases-changed'
  | 'venues-changed'
  | 'overrides-changed'
  | 'zones-changed'
  | 'marks-changed'
  | 'policies-changed'
  | 'person-status'
  | 'clock-changed';
export const BANYAN_EVENTS: readonly BanyanEvent[] = [
  'cases-changed',
  'venues-changed',
  'overrides-changed',
  'zones-changed',
  'marks-changed',
  'policies-changed',
  'person-status',
  'clock-changed',
];

/** The channel on which this process's own announcements are handed to the cross-process bridge. */
export const LOCAL_ANNOUNCEMENT = 'local-announcement';

/** How this process's announcements reach the other processes on its database, and theirs reach it. */
export interface EventChannel {
  /** Settles once the channel carries announcements. */
  ready: Promise<void>;
  /** Sends what is still pending (a CLI's last import), then stops. */
  close(): Promise<void>;
}

/** Announces a change after its transaction committed; `ids` names what changed when the listener can use it. */
export function announce(e: BanyanEvent, ids?: number[]): void {
  events.emit(e, ids);
  events.emit(LOCAL_ANNOUNCEMENT, e, ids);
}

/**
 * What a module does with a change another process announced before this process is told of it
 * (e.g. re-read the named persons into an index that the in-process listeners then read). Without
 * ids: everything of that kind may have changed.
 */
export type AnnouncementHandler = (ctx: Ctx, ids?: number[]) => void | Promise<void>;

// Each handler with the number of its registrations: two apps in one process (tests) register the
// same handler, run it once, and the first to close leaves it to the other.
const handlers = new Map<BanyanEvent, Map<AnnouncementHandler, number>>();

/**
 * Registers a module's handler for another process's announcements of `kind` (a module's
 * `listeners` entry calls it when the server starts); returns its removal.
 */
export function onAnnouncement(kind: BanyanEvent, handle: AnnouncementHandler): () => void {
  let m = handlers.get(kind);
  if (!m) {
    m = new Map();
    handlers.set(kind, m);
  }
  m.set(handle, (m.get(handle) ?? 0) + 1);
  let removed = false;
  return () => {
    const of = handlers.get(kind);
    const n = of?.get(handle);
    if (removed || !of || n === undefined) return;
    removed = true;
    if (n > 1) of.set(handle, n - 1);
    else of.delete(handle);
  };
}

/**
 * Applies a change announced by another process: each registered handler in turn, then the
 * in-process notification, so that in-process listeners read state that is already reloaded. A
 * failing handler rejects, and the notification is then not given.
 */
export async function receiveAnnouncement(ctx: Ctx, kind: BanyanEvent, ids?: number[]): Promise<void> {
  for (const handle of [...(handlers.get(kind)?.keys() ?? [])]) await handle(ctx, ids);
  events.emit(kind, ids);
}

/** Applies "everything may have changed" for every kind: after announcements were possibly missed. */
export async function receiveEverything(ctx: Ctx): Promise<void> {
  const failed: unknown[] = [];
  // One kind failing to reload must not keep the others stale.
  for (const kind of BANYAN_EVENTS) await receiveAnnouncement(ctx, kind).catch((e) => failed.push(e));
  if (failed.length) throw failed[0];
}
