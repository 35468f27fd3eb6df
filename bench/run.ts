// `npm run bench`: every benchmark runs against a baseline measured in the same run (machines here
// are shared and noisy; only ratios travel). `npm run bench -- cases` runs one group.
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchAppeals } from './appeals.ts';
import { benchCases } from './cases.ts';
import { benchEconomy } from './economy.ts';
import { benchExam } from './exam.ts';
import { benchPlatform } from './platform.ts';
import { benchPolicy } from './policy.ts';
import { benchScans } from './scans.ts';
import { benchTesting } from './testing.ts';
import { benchVenueCounters } from './venue-counters.ts';
import { benchZones } from './zones.ts';

const groups: Record<string, () => Promise<Record<string, unknown>>> = {
  platform: benchPlatform,
  cases: benchCases,
  zones: benchZones,
  testing: benchTesting,
  scans: benchScans,
  appeals: benchAppeals,
  economy: benchEconomy,
  exam: benchExam,
  policy: benchPolicy,
  'venue-counters': benchVenueCounters,
};
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(groups);
const date = new Date().toISOString();
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
for (const name of wanted) {
  const run = groups[name];
  if (!run) throw new Error(`unknown benchmark group ${name}; have ${Object.keys(groups).join(', ')}`);
  process.stderr.write(`bench ${name}…\n`);
  const result = { date, node: process.version, ...(await run()) };
  const text = `${JSON.stringify(result, null, 2)}\n`;
  // PostgreSQL runs (BENCH_DIALECT=postgres) keep their own files beside the SQLite ones.
  const file = process.env.BENCH_DIALECT === 'postgres' ? `${name}-postgres` : name;
  writeFileSync(new URL(`./results/${file}-${date.replace(/:/g, '-')}.json`, import.meta.url), text);
  writeFileSync(new URL(`./results/${file}-latest.json`, import.meta.url), text);
  console.log(`${name}: ${text}`);
}
