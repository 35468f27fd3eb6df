import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MODULES } from '../../src/modules.ts';
import { listErrors } from '../../src/platform/errors.ts';
import { sources } from './rooms.ts';

const catalogue = new Map(listErrors().map((e) => [e.code, e]));
const files = sources('src').filter((f) => !f.test);
// A parameter may come in a language's own words ({statusZh} beside {status}): one parameter.
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+?)(?:Zh|En)?\}/g)].map((m) => m[1]))].sort();

describe('the error catalogue', () => {
  test('every code written anywhere in the source is catalogued', () => {
    // Codes travel as strings too (rules return `{ code: 'ZONE_…' }`, imports list row issues by
    // code), so every UPPER_SNAKE literal outside the catalogue files must be a catalogued code.
    // Fastify's own codes (FST_…) and SQLite's (SQLITE_…) are the only other ones, mapped to ours
    // in errors.http.ts.
    const missing: string[] = [];
    for (const f of files) {
      if (f.path.endsWith('.errors.ts') || f.path === 'src/platform/errors.ts') continue;
      for (const [, code = ''] of f.text.matchAll(/['"`]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"`]/g)) {
        if (!catalogue.has(code) && !code.startsWith('FST_') && !code.startsWith('SQLITE_'))
          missing.push(`${f.path}: ${code}`);
      }
      for (const [, code = ''] of f.text.matchAll(/new AppError\(\s*['"`](\w+)['"`]/g)) {
        if (!catalogue.has(code)) missing.push(`${f.path}: ${code}`);
      }
    }
    assert.deepEqual(missing, [], `codes without a catalogue entry:\n${missing.join('\n')}`);
  });

  test('every entry has zh-CN and en text with the same placeholders and an error status', () => {
    const bad = [...catalogue.values()]
      .filter(
        (e) =>
          !e['zh-CN'].trim() ||
          !e.en.trim() ||
          e.status < 400 ||
          e.status > 599 ||
          placeholders(e['zh-CN']).join() !== placeholders(e.en).join(),
      )
      .map((e) => e.code);
    assert.deepEqual(bad, []);
  });

  test('each module declares its own codes in its entry file, and only its own', () => {
    const problems: string[] = [];
    for (const m of MODULES) {
      const folder = m.name === 'platform' ? 'src/platform/' : `src/${m.name}/`;
      const defined = files
        .filter((f) => f.path.startsWith(folder))
        .flatMap((f) => [...f.text.matchAll(/export const (\w+) = defineErrors\(/g)].map((x) => x[1]));
      const declared = (m.errors ?? []).flatMap((o) => Object.keys(o));
      const own = new Set(
        files
          .filter((f) => f.path.startsWith(folder))
          .flatMap((f) => [...f.text.matchAll(/^\s+([A-Z][A-Z0-9_]+): \{ status:|^\s+([A-Z][A-Z0-9_]+): \{$/gm)])
          .map((x) => x[1] ?? x[2]),
      );
      if (defined.length !== (m.errors ?? []).length)
        problems.push(`${m.name}: defines ${defined.join(', ')} but declares ${(m.errors ?? []).length} error sets`);
      for (const code of declared) if (!own.has(code)) problems.push(`${m.name} declares ${code}, defined elsewhere`);
    }
    assert.deepEqual(problems, []);
  });
});
