import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { sources } from './rooms.ts';

const LIMIT = 400;

// Files over the limit that someone is splitting now; an entry that is no longer over the limit
// fails the second test, so the list can only shrink. Empty since the web's types.ts copy went.
const BEING_SPLIT = new Set<string>();

const linesOf = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

const ROOT = new URL('../..', import.meta.url).pathname;
// Style sheets grow like code does (zones.css reached 675 lines), so they are held to the same limit.
const styleSheets = (dir: string): Array<{ path: string; text: string }> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return styleSheets(p);
    return e.name.endsWith('.css') ? [{ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }] : [];
  });

const over = [...sources('src'), ...sources('web/src').filter((f) => !f.test), ...styleSheets(join(ROOT, 'web/src'))]
  .filter((f) => !('test' in f && f.test))
  .map((f) => ({ f: f.path, n: linesOf(f.text) }))
  .filter((x) => x.n > LIMIT);

test(`no source file or style sheet under src/ or web/src/ is over ${LIMIT} lines`, (t) => {
  for (const x of over.filter((x) => BEING_SPLIT.has(x.f)))
    t.diagnostic(`${x.f}: ${x.n} lines (allowed for now: being split)`);
  const offenders = over.filter((x) => !BEING_SPLIT.has(x.f)).map((x) => `${x.f}: ${x.n} lines`);
  assert.deepEqual(offenders, [], `over ${LIMIT} lines; split along the file's seams:\n  ${offenders.join('\n  ')}`);
});

test('every file allowed over the limit still is (empty the allowance once it is split)', () => {
  const split = [...BEING_SPLIT].filter((f) => !over.some((x) => x.f === f));
  assert.deepEqual(split, [], `no longer over ${LIMIT} lines (or gone); remove from BEING_SPLIT: ${split.join(', ')}`);
});
