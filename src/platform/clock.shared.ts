// The business clock is one for every process on a database. `banyan serve` asked for a scenario
// clock (BANYAN_NOW, --scenario-clock) keeps it in the database and announces it; every other
// process (a later `serve`, a worker, a CLI command) reads it there, so that a personal code one
// process issues is this minute's code in all of them. Without this, a process started a minute
// later ran a minute behind and refused the other's codes as expired (issue 23).

import { clearKeptClock, readKeptClock, writeKeptClock } from './clock.repo.ts';
import { parseInstant, setClock } from './clock.ts';
import type { Db } from './db/db.ts';

/** Sets the business clock of every process on the database to start at `startAt` now (null: the machine's time). */
export async function keepClock(db: Db, startAt: string | null, realNow = Date.now()): Promise<void> {
  if (startAt === null) {
    await clearKeptClock(db);
    setClock(null);
    return;
  }
  parseInstant(startAt);
  await writeKeptClock(db, { start_at: startAt, set_at: new Date(realNow).toISOString() });
  setClock(startAt, realNow);
}

/** Runs this process on the clock kept in the database, or on the machine's time when none is kept. */
export async function followKeptClock(db: Db): Promise<void> {
  const kept = await readKeptClock(db);
  setClock(kept ? kept.start_at : null, kept ? Date.parse(kept.set_at) : undefined);
}

/**
 * A command's clock: the kept one, also when BANYAN_NOW names the same instant (the command and the
 * server it runs beside then agree); a different BANYAN_NOW runs this process alone from there.
 */
export async function joinClock(db: Db, requested: string | null): Promise<void> {
  const kept = await readKeptClock(db);
  if (requested && (!kept || parseInstant(kept.start_at) !== parseInstant(requested))) setClock(requested);
  else setClock(kept ? kept.start_at : null, kept ? Date.parse(kept.set_at) : undefined);
}
