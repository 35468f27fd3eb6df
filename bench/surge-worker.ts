// A surge at the doors, from its own process: `connections` scanners, each on a keep-alive
// connection of its own, scan, wait for the answer and scan the next person at once (a queue at a
// door). A 429 sends a scanner away for its Retry-After, spread ±50 % as real clients spread their
// retries. Scanners join over the first second (a surge ramps; thousands of connects in the same
// millisecond would only measure the listen backlog's SYN retries) and stop at `seconds`. A probe
// scans at a steady `probeRate` from the start until `tailSeconds` after the surge, on connections
// of its own: a person arriving at a door, whose answers time the recovery.
import net from 'node:net';
import { codeKeys, personalCode, signVenueCode } from '../src/venues/venues.codes.ts';

const { url, secret, venues, people, connections, seconds, tailSeconds, probeRate } = JSON.parse(
  process.argv[2] as string,
) as {
  url: string;
  secret: string;
  venues: string[];
  people: number;
  connections: number;
  seconds: number;
  tailSeconds: number;
  probeRate: number;
};
const keys = codeKeys(secret);
const venueCodes = venues.map((v) => signVenueCode(keys, v, 1));
const target = new URL(url);
const TIMEOUT_MS = 10_000;

// Requests are written out in advance and refreshed every 30 s (a personal code scans for a minute
// after the one it was made in): a scanner that signs, stringifies and parses through node:http
// cost this process 300 µs a request, on the two cores the server shares with it.
let requests: Buffer[] = [];
const writeRequests = () => {
  requests = Array.from({ length: 4000 }, () => {
    const body = JSON.stringify({
      venueCode: venueCodes[Math.floor(Math.random() * venueCodes.length)],
      personalCode: personalCode(keys, 1 + Math.floor(Math.random() * people)),
    });
    return Buffer.from(
      `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
};
writeRequests();
setInterval(writeRequests, 30_000).unref();

interface Answer {
  /** When the request was sent, in ms since the surge began. */
  at: number;
  ms: number;
  /** 0: no answer (refused connection, reset, or no answer within 10 s). */
  status: number;
  retryAfter: number;
  /** For the first request on a connection: how long the connection took to open. */
  connectMs: number | null;
}

const started = performance.now();
const since = () => performance.now() - started;

/** One keep-alive connection that sends a request at a time and reads just enough of each answer. */
class Connection {
  private socket: net.Socket | null = null;
  private buffer = '';
  /** How long the last connection took to open (ms), until the send that reports it. */
  private connecting: number | null = null;
  private waiting: ((a: { status: number; retryAfter: number }) => void) | null = null;
  private deadline = Number.POSITIVE_INFINITY;

  constructor() {
    live.add(this);
  }

  private open(): net.Socket {
    const s = net.connect(Number(target.port), target.hostname);
    const opened = since();
    s.once('connect', () => {
      this.connecting = since() - opened;
    });
    s.setNoDelay(true);
    s.setEncoding('latin1');
    s.on('data', (d: string) => {
      this.buffer += d;
      this.parse();
    });
    const lost = () => {
      if (this.socket === s) this.socket = null;
      this.buffer = '';
      this.settle({ status: 0, retryAfter: 0 });
    };
    s.on('error', lost);
    s.on('close', lost);
    return s;
  }

  private settle(a: { status: number; retryAfter: number }) {
    const w = this.waiting;
    this.waiting = null;
    w?.(a);
  }

  // Fastify writes its headers in lower case; only the status, the length and Retry-After matter.
  private parse() {
    const head = this.buffer.indexOf('\r\n\r\n');
    if (head < 0) return;
    const length = headerNumber(this.buffer, head, '\r\ncontent-length:');
    if (this.buffer.length < head + 4 + length) return;
    const status = Number(this.buffer.slice(9, 12));
    const retryAfter = headerNumber(this.buffer, head, '\r\nretry-after:');
    this.buffer = this.buffer.slice(head + 4 + length);
    this.settle({ status, retryAfter });
  }

  send(): Promise<Answer> {
    this.socket ??= this.open();
    const socket = this.socket;
    const at = since();
    return new Promise((resolve) => {
      // One sweep a second times out the connections that waited too long (a timer each cost more).
      this.deadline = at + TIMEOUT_MS;
      this.waiting = (a) => {
        this.deadline = Number.POSITIVE_INFINITY;
        resolve({ at, ms: since() - at, connectMs: this.connecting, ...a });
        this.connecting = null;
      };
      socket.write(requests[Math.floor(Math.random() * requests.length)] as Buffer);
    });
  }

  /** Ends a request that has waited past its deadline. */
  expire(now: number) {
    if (now > this.deadline) this.socket?.destroy();
  }

  close() {
    live.delete(this);
    this.socket?.destroy();
  }
}

/** A header's value as a number (0 if absent), looked for in the head of a response. */
function headerNumber(text: string, head: number, name: string): number {
  const at = text.indexOf(name);
  if (at < 0 || at > head) return 0;
  return Number.parseInt(text.slice(at + name.length, text.indexOf('\r\n', at + 2)), 10) || 0;
}

const live = new Set<Connection>();
const sweep = setInterval(() => {
  const now = since();
  for (const c of live) c.expire(now);
}, 1000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const surgeEnd = seconds * 1000;
const surge: Answer[] = [];
const scanner = async (i: number) => {
  await sleep((i / connections) * 1000);
  const c = new Connection();
  while (since() < surgeEnd) {
    const a = await c.send();
    surge.push(a);
    if (a.status === 429) await sleep(a.retryAfter * 1000 * (0.5 + Math.random()));
    // A lost connection is not retried in a tight loop.
    else if (a.status === 0) await sleep(1000);
  }
  c.close();
};
const probes: Answer[] = [];
// Each probe on a connection of its own, as a phone arriving at a door opens one.
const prober = async () => {
  const pending: Promise<void>[] = [];
  for (let n = 0; n * (1000 / probeRate) < surgeEnd + tailSeconds * 1000; n++) {
    await sleep(Math.max(0, n * (1000 / probeRate) - since()));
    const c = new Connection();
    pending.push(
      c.send().then((a) => {
        probes.push(a);
        c.close();
      }),
    );
  }
  await Promise.all(pending);
};
// This process shares the cores too: how late its own timers ran says how much of a latency is its.
let lagMaxMs = 0;
let tick = performance.now();
const lagTimer = setInterval(() => {
  const t = performance.now();
  lagMaxMs = Math.max(lagMaxMs, t - tick - 50);
  tick = t;
}, 50);
const cpu = process.cpuUsage();
await Promise.all([prober(), ...Array.from({ length: connections }, (_, i) => scanner(i))]);
clearInterval(lagTimer);
clearInterval(sweep);

const share = (xs: Answer[], f: (a: Answer) => boolean) =>
  Number((xs.filter(f).length / Math.max(1, xs.length)).toFixed(3));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? 0);
};
const ok = surge.filter((a) => a.status === 201).map((a) => a.ms);
const refused = surge.filter((a) => a.status === 429).map((a) => a.ms);
// Recovered: from the first probe after the surge from which every probe is admitted within 1 s.
const good = (a: Answer) => a.status === 201 && a.ms <= 1000;
const after = probes.filter((a) => a.at >= surgeEnd).sort((a, b) => a.at - b.at);
let from = after.length;
while (from > 0 && good(after[from - 1] as Answer)) from--;
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    connections,
    requests: surge.length,
    answeredWithin1s: share(surge, (a) => a.status !== 0 && a.ms <= 1000),
    admitted: share(surge, (a) => a.status === 201),
    refused429: share(surge, (a) => a.status === 429),
    unanswered: share(surge, (a) => a.status === 0),
    admittedPerSecond: Math.round(ok.length / seconds),
    admittedP50ms: pct(ok, 0.5),
    admittedP99ms: pct(ok, 0.99),
    refusedP99ms: pct(refused, 0.99),
    // Connections open slowly when the listen backlog overflows (SYNs dropped and resent after 1 s, 3 s…).
    connects: surge.filter((a) => a.connectMs !== null).length,
    connectP50ms: pct(
      surge.flatMap((a) => (a.connectMs === null ? [] : [a.connectMs])),
      0.5,
    ),
    connectP99ms: pct(
      surge.flatMap((a) => (a.connectMs === null ? [] : [a.connectMs])),
      0.99,
    ),
    admittedOnOpenConnectionP99ms: pct(
      surge.filter((a) => a.status === 201 && a.connectMs === null).map((a) => a.ms),
      0.99,
    ),
    probe: {
      duringSurgeAdmittedWithin1s: share(
        probes.filter((a) => a.at < surgeEnd),
        good,
      ),
      duringSurgeP99ms: pct(
        probes.filter((a) => a.at < surgeEnd).map((a) => a.ms),
        0.99,
      ),
      duringSurgeConnectP99ms: pct(
        probes.filter((a) => a.at < surgeEnd).map((a) => a.connectMs ?? 0),
        0.99,
      ),
      duringSurgeRefused: share(
        probes.filter((a) => a.at < surgeEnd),
        (a) => a.status === 429,
      ),
      recoverySeconds:
        from >= after.length ? null : Number((Math.max(0, (after[from] as Answer).at - surgeEnd) / 1000).toFixed(2)),
    },
    clientLoopLagMaxMs: Math.round(lagMaxMs),
    clientCpuUsPerRequest: Number(((used.user + used.system) / Math.max(1, surge.length + probes.length)).toFixed(1)),
  }),
);
