import type { Db } from '../platform/db/db.ts';
import { personIdsByIndexBulk, personIndexPage, topPersonId } from './people.repo.ts';
import { hex8, PersonIdTable, wordAt } from './person-ids.rules.ts';

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
  const cache: Cache = { table: new PersonIdTable(), ready: Promise.resolve(), loaded: false };
  cache.ready = (async () => {
    // Sized once; persons come in blind-index order, so the table fills front to back.
    const table = new PersonIdTable(await topPersonId(db));
    cache.table = table;
    for (let after = ''; ; ) {
      const { packed, last } = await personIndexPage(db, after, PAGE);
      for (let at = 0; at < packed.length; at += 24)
        table.addWords(hex8(packed, at), hex8(packed, at + 8), hex8(packed, at + 16));
      if (last === null) return;
      after = last;
      await new Promise((r) => setImmediate(r));
    }
  })();
  c = cache;
  caches.set(db, c);
  cache.ready.then(
    () => {
      cache.loaded = true;
    },
    // A failed load must not poison later imports: forget it, the next large import tries again.
    () => caches.delete(db),
  );
  return c;
}

/** Blind indexes as 32 raw bytes each (`digests[32 * i]`), and which positions hold one. */
export interface Digests {
  digests: Uint8Array;
  valid: Uint8Array;
}

/**
 * Person ids of blind indexes given as raw digests, position by position (0: no such person, or no
 * valid digest there). A large import warms a process-wide cache of the register; what the cache
 * cannot answer goes to the database.
 */
export async function personIdsOfDigests(db: Db, d: Digests, opts: { warm: boolean }): Promise<Float64Array> {
  // A small import does not wait for a load that a large one started.
  let c = opts.warm ? warm(db) : caches.get(db);
  if (c && opts.warm) await c.ready;
  else if (c && !c.loaded) c = undefined;
  const n = d.valid.length;
  const out = new Float64Array(n);
  const misses: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!d.valid[i]) continue;
    const id = c ? c.table.getWords(wordAt(d.digests, 32 * i), wordAt(d.digests, 32 * i + 4)) : 0;
    if (id) out[i] = id;
    else misses.push(i);
  }
  if (!misses.length) return out;
  const hex = (i: number) => Buffer.from(d.digests.buffer, d.digests.byteOffset + 32 * i, 32).toString('hex');
  const found = await personIdsByIndexBulk(db, misses.map(hex));
  for (const i of misses) {
    const id = found.get(hex(i));
    if (id === undefined) continue;
    out[i] = id;
    c?.table.add(hex(i), id);
  }
  return out;
}

/** Person ids of hex blind indexes, position by position (undefined: no such person). */
export async function personIdsOf(
  db: Db,
  indexes: string[],
  opts: { warm: boolean },
): Promise<Array<number | undefined>> {
  const digests = new Uint8Array(32 * indexes.length);
  for (let i = 0; i < indexes.length; i++) digests.set(Buffer.from(indexes[i] as string, 'hex'), 32 * i);
  const ids = await personIdsOfDigests(db, { digests, valid: new Uint8Array(indexes.length).fill(1) }, opts);
  return Array.from(ids, (id) => (id === 0 ? undefined : id));
}

/** Drops a database's cache (tests; a register restored from a backup). */
export function forgetPersonIds(db: Db): void {
  caches.delete(db);
}
