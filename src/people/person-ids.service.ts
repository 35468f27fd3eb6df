import type { Db } from '../platform/db/db.ts';
import { personIdsByIndexBulk, personIndexPage } from './people.repo.ts';
import { PersonIdTable } from './person-ids.rules.ts';

/** Imports at least this large load the whole register once; smaller ones only probe. */
export const WARM_AT = 50_000;
const PAGE = 100_000;

interface Cache {
  table: PersonIdTable;
  ready: Promise<void>;
  loaded: boolean;
}
const caches = new WeakMap<Db, Cache>();

/**
 * Loads blind index → id of every registered person, a page at a time (so a server keeps answering
 * between pages). The mapping never goes stale: Banyan only ever inserts persons and never changes a
 * person's ID number, so a cached pair stays true; persons registered after the load are found by
 * the fallback probe and added then.
 */
function warm(db: Db): Cache {
  let c = caches.get(db);
  if (c) return c;
  const table = new PersonIdTable(1 << 16);
  const ready = (async () => {
    for (let after = 0; ; ) {
      const page = await personIndexPage(db, after, PAGE);
      for (const [ix, id] of page) table.add(ix, id);
      if (page.length < PAGE) return;
      after = (page[page.length - 1] as [string, number])[1];
      await new Promise((r) => setImmediate(r));
    }
  })();
  c = { table, ready, loaded: false };
  const cache = c;
  ready.then(() => {
    cache.loaded = true;
  });
  caches.set(db, c);
  // A failed load must not poison later imports: forget it, the next large import tries again.
  ready.catch(() => caches.delete(db));
  return c;
}

/**
 * Person ids of blind indexes, position by position (undefined: no such person). A large import
 * warms a process-wide cache of the register; what the cache cannot answer goes to the database.
 */
export async function personIdsOf(
  db: Db,
  indexes: string[],
  opts: { warm: boolean },
): Promise<Array<number | undefined>> {
  // A small import does not wait for a load that a large one started.
  let c = opts.warm ? warm(db) : caches.get(db);
  if (c && opts.warm) await c.ready;
  else if (c && !c.loaded) c = undefined;
  const out: Array<number | undefined> = new Array(indexes.length);
  const misses: string[] = [];
  for (let i = 0; i < indexes.length; i++) {
    const id = c?.table.get(indexes[i] as string);
    out[i] = id;
    if (id === undefined) misses.push(indexes[i] as string);
  }
  if (!misses.length) return out;
  const found = await personIdsByIndexBulk(db, misses);
  for (let i = 0; i < indexes.length; i++) {
    if (out[i] !== undefined) continue;
    const id = found.get(indexes[i] as string);
    out[i] = id;
    if (id !== undefined) c?.table.add(indexes[i] as string, id);
  }
  return out;
}

/** Drops a database's cache (tests; a register restored from a backup). */
export function forgetPersonIds(db: Db): void {
  caches.delete(db);
}
