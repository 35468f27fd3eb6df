// Every business "now" on a screen comes from the server's business clock through one helper,
// web/src/common/clock.ts. A screen that reads the browser's clock judged 24-hour certificates and
// countdowns against 2026 while the demo ran in November 2022 (issue 20: a red "no negative within
// 24 h" chip beside an allowed entry, a pass refetched 96 times a second).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sources } from './rooms.ts';

const HELPER = 'web/src/common/clock.ts';

// Reads of the browser's clock: Date.now(), new Date() / Date() without arguments, performance.now(),
// and Intl formatting with no instant (which formats "now").
const READS: Array<[string, RegExp]> = [
  ['Date.now()', /\bDate\s*\.\s*now\s*\(/],
  ['new Date() without arguments', /\bnew\s+Date\s*\(\s*\)/],
  ['Date() called as a function', /(?<![\w.$]|new\s)Date\s*\(\s*\)/],
  ['performance.now()', /\bperformance\s*\.\s*now\s*\(/],
  ['.format() without an instant', /DateTimeFormat\([^;]*?\)\s*\.\s*format\s*\(\s*\)/],
];

/** The text without comments, so that a comment naming Date.now() is no offence. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Each line of `text` that reads the browser's clock, with what it reads. */
export function clockReads(text: string): string[] {
  const out: string[] = [];
  code(text)
    .split('\n')
    .forEach((line, i) => {
      for (const [what, re] of READS) if (re.test(line)) out.push(`line ${i + 1}: ${what}`);
    });
  return out;
}

test('the scan finds each way of reading the browser clock', () => {
  assert.equal(clockReads('const t = Date.now();').length, 1);
  assert.equal(clockReads('const d = new Date();').length, 1);
  assert.equal(clockReads('const s = String(Date());').length, 1);
  assert.equal(clockReads('const m = performance.now();').length, 1);
  assert.equal(clockReads("new Intl.DateTimeFormat('en-CA', { timeZone: z }).format()").length, 1);
  assert.deepEqual(clockReads('const d = new Date(iso); // not Date.now()'), []);
  assert.deepEqual(clockReads('const d = new Date(Date.parse(iso) + 8 * 3600_000);'), []);
});

test('no screen reads the browser clock for business time: web/src/common/clock.ts gives "now" and "today"', () => {
  const files = sources('web/src').filter((f) => !f.test && f.path !== HELPER);
  assert.ok(files.length > 50, 'the web sources were read');
  const offences = files.flatMap((f) => clockReads(f.text).map((r) => `${f.path} ${r}`));
  assert.deepEqual(
    offences,
    [],
    `read the business clock with businessNow() / businessToday() / useBusinessNow() from ${HELPER}:\n  ${offences.join('\n  ')}`,
  );
});

test('the helper takes the time from the server: the answer of GET /api/v1/clock plus monotonic time', () => {
  const helper = sources('web/src').find((f) => f.path === HELPER);
  assert.ok(helper, `${HELPER} exists`);
  assert.match(helper.text, /\/api\/v1\/clock/);
  assert.match(helper.text, /performance\.now\(\)/);
});
