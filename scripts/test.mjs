// `npm test`: every *.test.ts under src/ and test/ through tsx and node:test. Node 20 has no test
// globs, so the file list is built here and passed explicitly.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
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
const started = Date.now();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
});
console.log(
  `\n${files.length} test files in ${((Date.now() - started) / 1000).toFixed(1)} s (DIALECTS=${process.env.DIALECTS || 'sqlite'})`,
);
process.exit(r.status ?? 1);
