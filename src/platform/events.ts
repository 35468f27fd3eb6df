import { EventEmitter } from 'node:events';

/**
 * In-process notifications between modules ("cases changed", "venue changed"), so that a module
 * holding an in-memory index can refresh it without the writer knowing who listens. With several
 * API processes on PostgreSQL, events.pg.ts carries every announcement to the other processes.
 */
export const events = new EventEmitter();
events.setMaxListeners(50);

/** 'person-status' carries the person ids whose test facts changed (the status index). */
export type BanyanEvent =
  | 'cases-changed'
  | 'venues-changed'
  | 'overrides-changed'
  | 'zones-changed'
  | 'marks-changed'
  | 'policies-changed'
  | 'person-status';
export const BANYAN_EVENTS: readonly BanyanEvent[] = [
  'cases-changed',
  'venues-changed',
  'overrides-changed',
  'zones-changed',
  'marks-changed',
  'policies-changed',
  'person-status',
];

/** The channel on which this process's own announcements are handed to the cross-process bridge. */
export const LOCAL_ANNOUNCEMENT = 'local-announcement';

/** Announces a change after its transaction committed; `ids` names what changed when the listener can use it. */
export function announce(e: BanyanEvent, ids?: number[]): void {
  events.emit(e, ids);
  events.emit(LOCAL_ANNOUNCEMENT, e, ids);
}
