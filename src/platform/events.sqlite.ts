import { randomUUID } from 'node:crypto';
import type { Ctx } from './context.ts';
import { appendAnnouncement, openAnnouncementTail, type StoredAnnouncement } from './events.repo.ts';
import {
  BANYAN_EVENTS,
  type BanyanEvent,
  type EventChannel,
  events,
  LOCAL_ANNOUNCEMENT,
  receiveAnnouncement,
  receiveEverything,
} from './events.ts';

// Well under the 1 s target. A poll is one pragma when nothing was committed (8 µs), and the
// pragma and one indexed read when anything was, as under the scan writer's load (70 µs, both at a
// load of 16 on 2 cores): under 1 ms of the server thread a second.
const POLL_MS = 100;
const BATCH = 500;
// Past this many persons, one full reload of the status index is cheaper than naming them.
const MAX_IDS = 1_000_000;

/** Ids as the announcements table keeps them: base-36, comma-separated; null names everything. */
export function encodeIds(ids?: number[]): string | null {
  if (!ids || ids.length > MAX_IDS) return null;
  return ids.map((id) => id.toString(36)).join(',');
}

/** The ids of a stored announcement (undefined = everything of its kind). */
export function decodeIds(text: string | null): number[] | undefined {
  if (text === null) return undefined;
  return text ? text.split(',').map((s) => Number.parseInt(s, 36)) : [];
}

/**
 * The cross-process channel of the embedded database, which has no NOTIFY: every local
 * announcement is appended to `announcements` after its write committed, and a listening process
 * (the server) polls that table from a read-only connection of its own — `PRAGMA data_version`
 * first, which only moves when another connection committed — and hands every other process's
 * announcement to the modules' handlers and then to this process (receiveAnnouncement). A CLI
 * import, mark or zone change beside `banyan serve` thus reaches the server's checks within about
 * POLL_MS. A gap in the ids (the reader fell more than the kept rows behind) reloads everything.
 */
export function startSqliteEvents(
  ctx: Ctx,
  file: string,
  opts: { listen: boolean; log?: (msg: string) => void },
): EventChannel {
  const log = opts.log ?? (() => {});
  const origin = randomUUID();
  let sending: Promise<unknown> = Promise.resolve();
  let receiving: Promise<unknown> = Promise.resolve();
  // In order, one after another, on the server's connection: after any transaction open there.
  const send = (e: BanyanEvent, ids?: number[]) => {
    const row = { origin, kind: e, ids: encodeIds(ids) };
    sending = sending.then(() => appendAnnouncement(ctx.db, row)).catch((err) => log(`announce ${e}: ${err.message}`));
  };
  events.on(LOCAL_ANNOUNCEMENT, send);

  let timer: NodeJS.Timeout | null = null;
  let closeTail = () => {};
  if (opts.listen) {
    const tail = openAnnouncementTail(file);
    closeTail = () => tail.close();
    // The version first: a commit between the two reads is then seen on the next poll.
    let version = tail.version();
    let seen = tail.newest();
    const apply = (rows: StoredAnnouncement[]) => {
      if ((rows[0] as StoredAnnouncement).id !== seen + 1) {
        log(
          `announcements ${seen + 1}–${(rows[0] as StoredAnnouncement).id - 1} were dropped before read; reloading everything`,
        );
        receiving = receiving.then(() => receiveEverything(ctx)).catch((err) => log(`full reload: ${err}`));
      }
      for (const r of rows) {
        if (r.origin === origin || !BANYAN_EVENTS.includes(r.kind as BanyanEvent)) continue;
        const kind = r.kind as BanyanEvent;
        const ids = decodeIds(r.ids);
        receiving = receiving
          .then(() => receiveAnnouncement(ctx, kind, ids))
          .catch((err) => log(`${kind} reload: ${err}`));
      }
      seen = (rows[rows.length - 1] as StoredAnnouncement).id;
    };
    const poll = () => {
      try {
        const v = tail.version();
        if (v === version) return;
        version = v;
        for (;;) {
          const rows = tail.after(seen, BATCH);
          if (rows.length) apply(rows);
          if (rows.length < BATCH) return;
        }
      } catch (e) {
        // A busy or locked read: the version is read again next time and the rows after `seen` too.
        version = -1;
        log(`announcements: ${(e as Error).message}`);
      }
    };
    timer = setInterval(poll, POLL_MS);
    // Never what keeps a process alive.
    timer.unref();
  }
  return {
    ready: Promise.resolve(),
    async close() {
      // The status index announces a write's persons on the next turn of the event loop: let it.
      await new Promise((r) => setImmediate(r));
      if (timer) clearInterval(timer);
      events.off(LOCAL_ANNOUNCEMENT, send);
      await sending;
      await receiving;
      closeTail();
    },
  };
}
