// Reads the source tree as rooms and import arrows: the platform (ground floor), the feature
// modules (one folder each) and the composition root (the files directly under src/).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const SRC = join(ROOT, 'src');

export interface SourceFile {
  /** Path relative to the repository. */
  path: string;
  /** `platform`, a module folder name, or `root`. */
  room: string;
  test: boolean;
  text: string;
}

/** Every TypeScript and module-script file under a folder of the repository. */
export function sources(folder = 'src'): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'data' && !e.name.startsWith('.')) walk(p);
      } else if (/\.(ts|tsx|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        const rel = relative(ROOT, p);
        out.push({ path: rel, room: roomOf(rel), test: /\.test\.tsx?$/.test(e.name), text: readFileSync(p, 'utf8') });
      }
    }
  };
  walk(join(ROOT, folder));
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The room of a repository path: `src/zones/x.ts` → `zones`, `src/app.ts` → `root`, else `outside`. */
export function roomOf(rel: string): string {
  const parts = rel.split('/');
  if (parts[0] !== 'src') return 'outside';
  return parts.length === 2 ? 'root' : (parts[1] as string);
}

// Static imports and re-exports, dynamic `import('…')`, and `new URL('…', import.meta.url)` worker files.
const SPEC =
  /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]|new\s+URL\(\s*['"](\.{1,2}\/[^'"]+\.(?:mjs|ts|js))['"]/g;

/** The repository paths a file imports by relative specifier (packages are not arrows). */
export function importsOf(f: SourceFile): string[] {
  const out: string[] = [];
  for (const m of f.text.matchAll(SPEC))
    out.push(relative(ROOT, resolve(ROOT, dirname(f.path), (m[1] ?? m[2]) as string)));
  return out;
}

/** The strongly connected groups of more than one room in a directed graph (Tarjan). */
export function cycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return out;
}
