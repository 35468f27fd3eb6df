import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Ctx } from './context.ts';
import { notify } from './events.repo.ts';
import {
  BANYAN_EVENTS,
  type BanyanEvent,
  type EventChannel,
  events,
  LOCAL_ANNOUNCEMENT,
  receiveAnnouncement,
  receiveEverything,
} from './events.ts';

const CHANNEL = 'banyan_events';
// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay well below.
const MAX_PAYLOAD = 7000;
// Past this many chunks, one "reload everything" is cheaper than a flood of notifications.
const MAX_CHUNKS = 100;
const RETRY_MS = 500;

interface Message {
  o: string;
  e: BanyanEvent;
  ids?: string;
}

/** The NOTIFY payloads for one announcement: ids in base-36 chunks, or none (= reload everything). */
export function payloads(origin: string, e: BanyanEvent, ids?: number[]): string[] {
  if (!ids) return [JSON.stringify({ o: origin, e })];
  const out: string[] = [];
  let chunk: string[] = [];
  let size = 0;
  for (const id of ids) {
    const s = id.toString(36);
    if (size + s.length + 1 > MAX_PAYLOAD - 100) {
      out.push(JSON.stringify({ o: origin, e, ids: chunk.join(',') }));
      chunk = [];
      size = 0;
    }
    chunk.push(s);
    size += s.length + 1;
  }
  if (chunk.length) out.push(JSON.stringify({ o: origin, e, ids: chunk.join(',') }));
  return out.length > MAX_CHUNKS ? [JSON.stringify({ o: origin, e })] : out;
}

/**
 * Sends this process's announcements to the API processes on the same PostgreSQL database without
 * listening (a CLI command): NOTIFY through the pool, in order; `close` waits for the last one.
 */
export function startPgNotifier(ctx: Ctx, log: (msg: string) => void = () => {}): EventChannel {
  const origin = randomUUID();
  let sending: Promise<unknown> = Promise.resolve();
  const send = (e: BanyanEvent, ids?: number[]) => {
    sending = sending.then(async () => {
      for (const p of payloads(origin, e, ids))
        await notify(ctx.db, CHANNEL, p).catch((err) => log(`notify: ${err.message}`));
    });
  };
  events.on(LOCAL_ANNOUNCEMENT, send);
  return {
    ready: Promise.resolve(),
    async close() {
      // The status index announces its changes on the next turn of the event loop: let it.
      await new Promise((r) => setImmediate(r));
      events.off(LOCAL_ANNOUNCEMENT, send);
      await sending;
    },
  };
}

/**
 * Carries status changes between API processes on the same PostgreSQL database: every local
 * announcement is sent with NOTIFY on a dedicated connection that also LISTENs; a notification from
 * another process is handed to the modules' handlers and then told here (receiveAnnouncement): the
 * in-memory state is invalidated (venues, cases, overrides, zones, marks) or the named persons'
 * test facts reloaded. After a lost connection it reconnects and reloads everything, since
 * notifications sent meanwhile are gone.
 */
export function startPgEvents(ctx: Ctx, url: string, log: (msg: string) => void = () => {}) {
  const origin = randomUUID();
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let sending: Promise<unknown> = Promise.resolve();
  // One change applied after the other: a full reload must not be overtaken by the change before it.
  let receiving: Promise<unknown> = Promise.resolve();
  // A change announced while disconnected never reached the others: they reload everything instead.
  let missed = false;

  const receive = (raw: string | undefined) => {
    let m: Message;
    try {
      m = JSON.parse(raw ?? '') as Message;
    } catch {
      return;
    }
    if (m.o === origin || !BANYAN_EVENTS.includes(m.e)) return;
    const ids = m.ids?.split(',').map((s) => Number.parseInt(s, 36));
    const e = m.e;
    receiving = receiving.then(() => receiveAnnouncement(ctx, e, ids)).catch((err) => log(`${e} reload: ${err}`));
  };
  const reloadAll = () => {
    receiving = receiving.then(() => receiveEverything(ctx)).catch((err) => log(`full reload: ${err}`));
  };
  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect(true);
    }, RETRY_MS);
  };
  const connect = async (again: boolean) => {
    const c = new pg.Client({ connectionString: url, application_name: 'banyan-events' });
    c.on('error', (e) => {
      log(`event connection: ${e.message}`);
      if (client === c) client = null;
      c.end().catch(() => {});
      retry();
    });
    c.on('end', () => {
      if (client === c) client = null;
      retry();
    });
    c.on('notification', (n) => {
      if (n.channel === CHANNEL) receive(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      if (closed) return void (await c.end());
      client = c;
      if (again) reloadAll();
      if (missed) {
        missed = false;
        for (const e of BANYAN_EVENTS) send(e);
      }
    } catch (e) {
      log(`event connection: ${(e as Error).message}`);
      c.end().catch(() => {});
      retry();
    }
  };
  const send = (e: BanyanEvent, ids?: number[]) => {
    const c = client;
    if (!c) {
      missed = true;
      return;
    }
    // In order, one after another: a reload notice must not overtake the change it follows.
    sending = sending.then(async () => {
      for (const p of payloads(origin, e, ids))
        await c.query('select pg_notify($1, $2)', [CHANNEL, p]).catch((err) => {
          // Lost on a dropped connection: the reconnect sends everyone a full reload instead.
          missed = true;
          log(`notify: ${err.message}`);
        });
    });
  };
  events.on(LOCAL_ANNOUNCEMENT, send);
  const ready = connect(false);
  return {
    ready,
    /** Stops listening and closes the connection. */
    async close() {
      // The status index announces a write's persons on the next turn of the event loop: let it.
      await new Promise((r) => setImmediate(r));
      closed = true;
      events.off(LOCAL_ANNOUNCEMENT, send);
      if (timer) clearTimeout(timer);
      await sending;
      await receiving;
      await client?.end().catch(() => {});
      client = null;
    },
    /** Drops the connection as a network fault would (tests of the reconnect). */
    drop() {
      client?.emit('error', new Error('connection dropped'));
    },
  };
}
