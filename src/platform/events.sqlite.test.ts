import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { MIGRATIONS } from '../migrations.ts';
import { MODULES } from '../modules.ts';
import { loadConfig } from './config.ts';
import { createCrypto } from './crypto.ts';
import { openDb } from './db/db.ts';
import { migrate } from './db/migrations.repo.ts';
import { appendAnnouncement, KEPT_ANNOUNCEMENTS } from './events.repo.ts';
import { decodeIds, encodeIds, startSqliteEvents } from './events.sqlite.ts';
import { announce, BANYAN_EVENTS, type BanyanEvent, events, onAnnouncement } from './events.ts';

test('ids travel as base-36 text; none or too many mean everything', () => {
  const ids = [0, 1, 35, 36, 8_400_000];
  assert.equal(encodeIds(ids), '0,1,z,10,501hc');
  assert.deepEqual(decodeIds(encodeIds(ids)), ids);
  assert.deepEqual(decodeIds(encodeIds([])), []);
  assert.equal(encodeIds(undefined), null);
  assert.equal(decodeIds(null), undefined);
  assert.equal(encodeIds(Array.from({ length: 1_000_001 }, (_, i) => i)), null);
});

describe('the SQLite channel: announcements of other processes, from a table', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-events-'));
  const file = join(dir, 'banyan.db');
  const secret = 'events-sqlite-test-secret-long-enough-0123';
  const db = openDb({ file });
  await migrate(db, MIGRATIONS);
  const ctx = {
    config: { ...loadConfig({ BANYAN_SECRET: secret, BANYAN_DATA_DIR: dir }) },
    db,
    crypto: createCrypto(secret),
    modules: MODULES,
  };
  const heard: Array<[string, string, number[] | undefined]> = [];
  const handlers = BANYAN_EVENTS.map((kind) =>
    onAnnouncement(kind, (_ctx, ids) => {
      heard.push(['handler', kind, ids]);
    }),
  );
  const told = (kind: BanyanEvent) => (ids?: number[]) => heard.push(['told', kind, ids]);
  const tellers = BANYAN_EVENTS.map((kind) => [kind, told(kind)] as const);
  for (const [kind, f] of tellers) events.on(kind, f);
  const channel = startSqliteEvents(ctx, file, { listen: true });
  after(async () => {
    await channel.close();
    for (const off of handlers) off();
    for (const [kind, f] of tellers) events.off(kind, f);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  /** Waits until `n` entries were heard, at most a second. */
  const hear = async (n: number) => {
    const start = Date.now();
    while (heard.length < n && Date.now() - start < 1000) await new Promise((r) => setTimeout(r, 10));
    return heard.splice(0);
  };

  test('another process’s announcement: the module’s handler first, then this process', async () => {
    await appendAnnouncement(db, { origin: 'other', kind: 'person-status', ids: encodeIds([7, 9]) });
    assert.deepEqual(await hear(2), [
      ['handler', 'person-status', [7, 9]],
      ['told', 'person-status', [7, 9]],
    ]);
    await appendAnnouncement(db, { origin: 'other', kind: 'venues-changed', ids: null });
    await appendAnnouncement(db, { origin: 'other', kind: 'no-such-kind', ids: null });
    assert.deepEqual(await hear(2), [
      ['handler', 'venues-changed', undefined],
      ['told', 'venues-changed', undefined],
    ]);
  });

  test('this process’s own announcements are stored for the others, and not applied here twice', async () => {
    announce('zones-changed');
    assert.deepEqual(heard.splice(0), [['told', 'zones-changed', undefined]], 'told at once, in process');
    const start = Date.now();
    let stored: string[] = [];
    while (!stored.length && Date.now() - start < 1000) {
      stored = (await db.k.selectFrom('announcements').select('kind').where('origin', '!=', 'other').execute()).map(
        (r) => r.kind,
      );
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.deepEqual(stored, ['zones-changed']);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(heard, [], 'not received back from the table');
  });

  test('a gap in the ids (a reader left behind) reloads everything', async () => {
    await db.k.transaction().execute(async (trx) => {
      await trx.insertInto('announcements').values({ origin: 'other', kind: 'cases-changed', ids: null }).execute();
      await trx.insertInto('announcements').values({ origin: 'other', kind: 'marks-changed', ids: null }).execute();
      // As pruning would, had the reader not kept up.
      const first = await trx
        .selectFrom('announcements')
        .select('id')
        .where('kind', '=', 'cases-changed')
        .executeTakeFirstOrThrow();
      await trx.deleteFrom('announcements').where('id', '=', first.id).execute();
    });
    const got = await hear(2 * BANYAN_EVENTS.length + 2);
    assert.deepEqual(
      got.filter(([who]) => who === 'handler').map(([, kind, ids]) => [kind, ids]),
      [...BANYAN_EVENTS.map((k) => [k, undefined]), ['marks-changed', undefined]],
    );
  });

  test('the table keeps the newest announcements only', async () => {
    await db.k.transaction().execute(async (trx) => {
      const rows = Array.from({ length: KEPT_ANNOUNCEMENTS + 50 }, () => ({ origin: 'me', kind: 'x', ids: null }));
      for (let i = 0; i < rows.length; i += 1000)
        await trx
          .insertInto('announcements')
          .values(rows.slice(i, i + 1000))
          .execute();
    });
    await appendAnnouncement(db, { origin: 'me', kind: 'x', ids: null });
    const r = await db.k
      .selectFrom('announcements')
      .select((e) => [e.fn.countAll<number>().as('n'), e.fn.min('id').as('lo'), e.fn.max('id').as('hi')])
      .executeTakeFirstOrThrow();
    assert.equal(Number(r.n), KEPT_ANNOUNCEMENTS);
    assert.equal(Number(r.hi) - Number(r.lo) + 1, KEPT_ANNOUNCEMENTS);
  });
});
