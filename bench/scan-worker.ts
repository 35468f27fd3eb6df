// Drives POST /api/v1/scans from its own process: fresh personal codes for random residents at
// random venues, closed loop (as fast as answered) or paced to a target rate. Prints JSON.
import { codeKeys, personalCode, signVenueCode } from '../src/venues/venues.codes.ts';

const { url, secret, venues, people, seconds, concurrency, rate } = JSON.parse(process.argv[2] as string) as {
  url: string;
  secret: string;
  venues: string[];
  people: number;
  seconds: number;
  concurrency: number;
  rate?: number;
};
const keys = codeKeys(secret);
const venueCodes = venues.map((v) => signVenueCode(keys, v, 1));
const lat: number[] = [];
const status = new Map<number, number>();
const deadline = performance.now() + seconds * 1000;
const perLoopGap = rate ? (1000 * concurrency) / rate : 0;
const loop = async () => {
  let next = performance.now();
  while (performance.now() < deadline) {
    if (perLoopGap) {
      next += perLoopGap;
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const body = JSON.stringify({
      venueCode: venueCodes[Math.floor(Math.random() * venueCodes.length)],
      personalCode: personalCode(keys, 1 + Math.floor(Math.random() * people)),
    });
    const t0 = performance.now();
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await r.arrayBuffer();
    lat.push(performance.now() - t0);
    status.set(r.status, (status.get(r.status) ?? 0) + 1);
  }
};
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, loop));
const elapsed = (performance.now() - started) / 1000;
lat.sort((a, b) => a - b);
const pct = (p: number) => Number((lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? 0).toFixed(2));
console.log(
  JSON.stringify({
    requests: lat.length,
    rps: Math.round(lat.length / elapsed),
    p50ms: pct(0.5),
    p99ms: pct(0.99),
    status: Object.fromEntries(status),
  }),
);
