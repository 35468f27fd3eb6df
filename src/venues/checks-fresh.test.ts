import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import type { Ctx } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { StaleParts } from '../platform/stale-parts.ts';
import { checkState, freshState } from './checks.service.ts';
import { createVenues } from './venues.service.ts';

/**
 * Holds the rows of the next read of the venues table until released: a slow reload that has read
 * the database (a change after that read is not in it) and not yet handed its rows over. The rows
 * are held after the statement, outside the connection (SQLite's one connection stays free).
 */
class VenueReadGate {
  private armed = false;
  private release: () => void = () => {};
  private onReach: () => void = () => {};
  reached: Promise<void> = Promise.resolve();

  arm(): void {
    this.armed = true;
    this.reached = new Promise((r) => {
      this.onReach = r;
    });
  }
  open(): void {
    this.release();
  }
  /** The read connection with its venue reads gated. */
  wrap(reads: Kysely<Database>): Kysely<Database> {
    return new Proxy(reads, {
      get: (t, p) => {
        const v = Reflect.get(t, p, t);
        if (p !== 'selectFrom' || typeof v !== 'function') return v;
        return (table: unknown) => {
          const builder = v.call(t, table);
          if (table !== 'venues' || !this.armed) return builder;
          this.armed = false;
          return this.holding(builder);
        };
      },
    });
  }
  private holding<T extends object>(builder: T): T {
    return new Proxy(builder, {
      get: (t, p) => {
        const v = Reflect.get(t, p, t);
        if (typeof v !== 'function') return v;
        if (p === 'execute')
          return async (...args: unknown[]) => {
            const rows = await v.apply(t, args);
            await new Promise<void>((r) => {
              this.release = r;
              this.onReach();
            });
            return rows;
          };
        return (...args: unknown[]) => this.holding(v.apply(t, args));
      },
    });
  }
}

const venue = (code: string) => ({ code, name: code, category: 'office' as const, communityCode: '350102001001' });

test('stale parts: one shared reload, a mark during it keeps the part stale until a later reload', async () => {
  const parts = new StaleParts(['a', 'b'] as const);
  assert.equal(parts.fresh(), true);
  parts.mark('a');
  let release: () => void = () => {};
  const reloads: string[][] = [];
  const reload = (p: string[]) => {
    reloads.push(p);
    return reloads.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  };
  const first = parts.refresh(reload);
  const second = parts.refresh(reload);
  let done = 0;
  void first.then(() => done++);
  void second.then(() => done++);
  await tick();
  assert.equal(parts.fresh(), false, 'not fresh while the reload is under way');
  parts.mark('b');
  parts.mark('a');
  release();
  await Promise.all([first, second]);
  assert.deepEqual(reloads, [['a'], ['a', 'b']], 'the marks made during the first reload took a second one');
  assert.equal(done, 2);
  assert.equal(parts.fresh(), true);
  // A failed reload leaves its part stale for the next caller.
  parts.mark('b');
  await assert.rejects(
    parts.refresh(() => Promise.reject(new Error('down'))),
    /down/,
  );
  assert.equal(parts.fresh(), false);
  await parts.refresh(() => Promise.resolve());
  assert.equal(parts.fresh(), true);
});

for (const dialect of dialects()) {
  describe(`check state reloads on ${dialect}`, async () => {
    const base = await testCtx(dialect);
    after(() => base.close());
    const gate = new VenueReadGate();
    // The same database behind a gated read connection: a check state of its own.
    const db = new Proxy(base.db, {
      get: (t, p) => (p === 'reads' ? gate.wrap(t.reads) : Reflect.get(t, p, t)),
    });
    const ctx: Ctx = { ...base, db };

    test('a check waits for the reload under way, and a change during it is reloaded', async () => {
      await createVenues(base, 'system', [venue('OLD')]);
      const s = await freshState(ctx);
      assert.ok(s.venues.has('OLD'));
      assert.equal(s, await checkState(ctx));

      gate.arm();
      await createVenues(base, 'system', [venue('NEW1')]);
      const first = freshState(ctx);
      await gate.reached; // the reload has read NEW1 and holds its rows
      await createVenues(base, 'system', [venue('NEW2')]); // after that read: not in it
      let secondDone = false;
      const second = freshState(ctx).then((x) => {
        secondDone = true;
        return x;
      });
      for (let i = 0; i < 20; i++) await tick();
      assert.equal(secondDone, false, 'a concurrent caller does not take the old state as fresh');
      gate.open();
      for (const got of await Promise.all([first, second])) {
        assert.ok(got.venues.has('NEW1'), 'the reload’s own read');
        assert.ok(got.venues.has('NEW2'), 'the change made while it read: reloaded before anyone is answered');
      }
    });
  });
}
