import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressBar } from './output.ts';

function run(isTTY: boolean): string {
  let out = '';
  let now = 0;
  const write = (s: string) => {
    out += s;
    return true;
  };
  const p = progressBar({ isTTY, write }, () => now);
  p('residents', 0, 100);
  for (let d = 20; d <= 100; d += 20) {
    now += 500;
    p('residents', d, 100);
  }
  p('testing', 0, 1);
  p('venues', 0, 1);
  now += 1200;
  p('venues', 1, 1);
  now += 800;
  p('testing', 1, 1);
  p('appeals', 0, 1);
  now += 300;
  p('appeals', 1, 1);
  p('appeals', 1, 1);
  return out;
}

test('seeding progress: every phase ends with a line and its time, also after a nested phase', () => {
  assert.equal(
    run(false),
    [
      'residents: 0/100 (0%)',
      'residents: 20/100 (20%), 40/s, about 2 s left',
      'residents: 40/100 (40%), 40/s, about 2 s left',
      'residents: 60/100 (60%), 40/s, about 1 s left',
      'residents: 80/100 (80%), 40/s, about 1 s left',
      'residents: 100/100 (100%) in 2.5 s',
      'venues: done in 1.2 s',
      'testing: done in 2.0 s',
      'appeals: done in 0.3 s',
      '',
    ].join('\n'),
  );
});

test('a long phase says its rate and the time left, its counts with separators', () => {
  let out = '';
  let now = 0;
  const p = progressBar(
    {
      isTTY: false,
      write: (s: string) => {
        out += s;
        return true;
      },
    },
    () => now,
  );
  p('residents', 0, 8_400_000);
  now = 60_000;
  p('residents', 840_000, 8_400_000);
  assert.equal(out.split('\n')[1], 'residents: 840,000/8,400,000 (10%), 14,000/s, about 9 min left');
});

test('seeding progress on a terminal: one bar redrawn in place, then the same phase lines', () => {
  const out = run(true);
  assert.ok(out.includes(`\r\x1b[Kresidents [${'#'.repeat(30)}] 100/100 100% in 2.5 s\n`), out);
  assert.match(out, /venues: done in 1\.2 s\ntesting: done in 2\.0 s\nappeals: done in 0\.3 s\n$/);
});
