// `npm test`: every *.test.ts under src/ and test/ through tsx and node:test. Node 20 has no test
// globs, so the file list is built here and passed explicitly.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.test.ts') ? [relative(root, p)] : [];
  });
}
const only = process.argv.slice(2);
const files = only.length ? only : [...walk(join(root, 'src')), ...walk(join(root, 'test'))].sort();
const dialects = (process.env.DIALECTS || 'sqlite').split(',').map((s) => s.trim());
// CI must not pass on SQLite alone: PostgreSQL is the production database, so it has to be asked
// for and each test target has to have really opened a database (test/helpers/db.ts leaves a mark).
if (process.env.CI && !dialects.includes('postgres')) {
  console.error('CI runs every repository test on PostgreSQL too: set DIALECTS to include postgres');
  process.exit(1);
}
const marks = mkdtempSync(join(tmpdir(), 'banyan-test-marks-'));
const started = Date.now();
const run = (list, targets) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...list], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DIALECTS: targets.join(','), BANYAN_TEST_MARKS: marks },
  }).status ?? 1;
// The file-backed SQLite target runs in a pass of its own, over the files that loop over the
// targets: its writer, checkpoint and reader threads and the SQLite announcement channel are
// per-process machinery, and one process is one database in production.
const fileTarget = dialects.includes('sqlite-file') && dialects.length > 1;
const first = dialects.filter((d) => !fileTarget || d !== 'sqlite-file');
let status = run(files, first);
if (fileTarget) {
  const looping = files.filter((f) => readFileSync(join(root, f), 'utf8').includes('dialects()'));
  console.log(`\n== the same ${looping.length} files on the file-backed SQLite (DIALECTS=sqlite-file)`);
  status = Math.max(status, run(looping, ['sqlite-file']));
}
const r = { status };
const ran = dialects.filter((d) => existsSync(join(marks, d)));
rmSync(marks, { recursive: true, force: true });
console.log(
  `\n${files.length} test files in ${((Date.now() - started) / 1000).toFixed(1)} s (DIALECTS=${dialects.join(',')}; opened: ${ran.join(',') || 'none'})`,
);
if (!only.length && ran.length !== dialects.length) {
  console.error(`no test opened a database on ${dialects.filter((d) => !ran.includes(d)).join(', ')}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
