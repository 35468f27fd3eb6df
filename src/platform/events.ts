import { EventEmitter } from 'node:events';

/**
 * In-process notifications between modules ("cases changed", "venue changed"), so that a module
 * holding an in-memory index can refresh it without the writer knowing who listens. With several
 * API processes on PostgreSQL, the same names would travel over LISTEN/NOTIFY.
 */
export const events = new EventEmitter();
events.setMaxListeners(50);

export type BanyanEvent = 'cases-changed' | 'venues-changed' | 'overrides-changed';

/** Announces a change after its transaction committed. */
export function announce(e: BanyanEvent): void {
  events.emit(e);
}
