import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cycles, importsOf, roomOf, sources } from './rooms.ts';

const files = sources('src');
const arrows = files.flatMap((f) => importsOf(f).map((to) => ({ from: f, to, room: roomOf(to) })));

describe('the house', () => {
  test('nothing under src/platform imports a module folder or the composition root', () => {
    // Platform tests may compose the whole app (test/helpers, the root's lists), but never name a module.
    const up = arrows
      .filter(
        (a) =>
          a.from.room === 'platform' && a.room !== 'platform' && !(a.from.test && ['outside', 'root'].includes(a.room)),
      )
      .map((a) => `${a.from.path} → ${a.to}`);
    assert.deepEqual(up, [], `the ground floor imports what stands on it:\n${up.join('\n')}`);
  });

  test('no module imports the composition root', () => {
    const up = arrows
      .filter((a) => !a.from.test && a.from.room !== 'root' && a.from.room !== 'platform' && a.room === 'root')
      .map((a) => `${a.from.path} → ${a.to}`);
    assert.deepEqual(up, [], `a module imports the root:\n${up.join('\n')}`);
  });

  test('no two modules import each other, directly or round a longer loop', () => {
    const edges = new Map<string, Set<string>>();
    for (const a of arrows) {
      const { room: from, test: isTest } = a.from;
      if (isTest || from === a.room || ['root', 'platform', 'outside'].includes(from)) continue;
      if (['root', 'platform', 'outside'].includes(a.room)) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)?.add(a.room);
    }
    const loops = cycles(edges).map((group) => {
      const inside = arrows.filter(
        (a) => !a.from.test && group.includes(a.from.room) && group.includes(a.room) && a.from.room !== a.room,
      );
      return `${group.join(' ⇄ ')}:\n  ${inside.map((a) => `${a.from.path} → ${a.to}`).join('\n  ')}`;
    });
    assert.deepEqual(loops, [], `modules in a loop:\n${loops.join('\n')}`);
  });

  test('every module folder has its entry file and is listed in src/modules.ts', () => {
    const rooms = [...new Set(files.map((f) => f.room))].filter((r) => r !== 'root' && r !== 'platform');
    const registry = files.find((f) => f.path === 'src/modules.ts')?.text ?? '';
    const missing = rooms.filter(
      (r) => !files.some((f) => f.path === `src/${r}/${r}.module.ts`) || !registry.includes(`./${r}/${r}.module.ts`),
    );
    assert.deepEqual(missing, [], 'each module is a folder with <name>.module.ts and one line in src/modules.ts');
  });
});
