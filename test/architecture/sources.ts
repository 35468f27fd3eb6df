import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const ROOT = new URL('../..', import.meta.url).pathname;

const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const TEST = /\.test\.[cm]?[jt]sx?$/;

/** The code files (not tests) under some folders of the repository, as root-relative paths with '/'. */
export function sourceFiles(...dirs: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
      const p = join(dir, e.name);
      if (e.isDirectory()) return walk(p);
      return CODE.test(e.name) && !TEST.test(e.name) ? [relative(ROOT, p).split('\\').join('/')] : [];
    });
  return dirs.flatMap((d) => walk(join(ROOT, d))).sort();
}

/** A file's text by root-relative path. */
export function readSource(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}
