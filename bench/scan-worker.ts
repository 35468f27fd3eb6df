// Drives POST /api/v1/scans from its own process with autocannon: a fresh personal code for a
// random resident at a random venue in every request; closed loop, or paced to an overall rate.
import autocannon from 'autocannon';
import { codeKeys, personalCode, signVenueCode } from '../src/venues/venues.codes.ts';

const { url, secret, venues, people, seconds, concurrency, rate, roundRobin, amount, keyed } = JSON.parse(
  process.argv[2] as string,
) as {
  url: string;
  secret: string;
  venues: string[];
  people: number;
  seconds: number;
  concurrency: number;
  rate?: number;
  /** Venues in turn rather than at random: a warm-up that reaches every venue code once. */
  roundRobin?: boolean;
  /** A number of requests instead of a duration. */
  amount?: number;
  /** Every request with an Idempotency-Key of its own, as the guard's scanner sends. */
  keyed?: boolean;
};
const keys = codeKeys(secret);
const venueCodes = venues.map((v) => signVenueCode(keys, v, 1));
let turn = 0;
let sent = 0;
const body = () =>
  JSON.stringify({
    venueCode: venueCodes[roundRobin ? turn++ % venueCodes.length : Math.floor(Math.random() * venueCodes.length)],
    personalCode: personalCode(keys, 1 + Math.floor(Math.random() * people)),
  });
const cpu = process.cpuUsage();
const clientCpu = (requests: number) => {
  const u = process.cpuUsage(cpu);
  return Number(((u.user + u.system) / Math.max(1, requests)).toFixed(1));
};
const r = await autocannon({
  url,
  method: 'POST',
  connections: concurrency,
  duration: seconds,
  ...(rate ? { overallRate: rate } : {}),
  ...(amount ? { amount } : {}),
  headers: { 'content-type': 'application/json' },
  requests: [
    {
      setupRequest: (req) =>
        keyed
          ? { ...req, body: body(), headers: { ...req.headers, 'idempotency-key': `b${process.pid}-${++sent}` } }
          : { ...req, body: body() },
    },
  ],
});
console.log(
  JSON.stringify({
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    // This process's own CPU a request (autocannon and the bodies it signs): the load generator shares the cores.
    clientCpuUsPerRequest: clientCpu(r.requests.total),
  }),
);
