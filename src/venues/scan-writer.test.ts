import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { MIGRATIONS } from '../migrations.ts';
import { openDb } from '../platform/db/db.ts';
import { migrate } from '../platform/db/migrations.repo.ts';
import { uuidv7 } from '../platform/ids.ts';
import { niceOf } from '../platform/thread-stat.ts';
import { ScanWriter } from './scan-writer.ts';
import type { ScanRow } from './venues.tables.ts';

const row = (id: string, extra: Partial<ScanRow> = {}): ScanRow => ({
  id,
  venue_id: 1,
  person_id: 7,
  at: '2022-11-09T02:00:00.000Z',
  day: '2022-11-09',
  verdict: 'allow',
  colour: 'green',
  reasons: '[]',
  proxy: 0,
  source: 'code',
  request_hash: null,
  reply: null,
  policy_id: 'cn-9th-edition',
  policy_rule: 'entrance.office',
  ...extra,
});

test('uuidv7 ids are version 7 and sort by time', () => {
  const a = uuidv7(Date.parse('2022-11-09T02:00:00Z'));
  const b = uuidv7(Date.parse('2022-11-09T02:00:00.001Z'));
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(a < b);
  assert.notEqual(uuidv7(1), uuidv7(1));
  // Across several refills of the random pool, at one and the same millisecond: no id repeats.
  const same = Array.from({ length: 2000 }, () => uuidv7(1));
  assert.equal(new Set(same).size, same.length);
  assert.equal(new Set(same.map((id) => id.slice(19))).size, same.length);
});

describe('scan writer on a database file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-writer-'));
  const db = openDb({ file: join(dir, 'banyan.db') });
  await migrate(db, MIGRATIONS);
  after(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const writer = new ScanWriter(db, { nice: 9 });
  const stored = async () => (await db.k.selectFrom('scans').select('id').orderBy('id').execute()).map((r) => r.id);

  test('commits on its own thread, and what it acknowledged is readable on the server connection', async () => {
    assert.equal(writer.threaded, true);
    const ids = Array.from({ length: 500 }, (_, i) => `k-${String(i).padStart(4, '0')}`);
    await Promise.all(ids.map((id) => writer.write(row(id))));
    assert.deepEqual(await stored(), ids);
  });

  test('its writer and checkpoint threads run at the niceness asked for, the server thread not', {
    skip: process.platform !== 'linux',
  }, async () => {
    // The checkpoint thread sets its niceness as it starts, which may be after a fast first test.
    const niced = () => readdirSync('/proc/self/task').map((t) => niceOf(Number(t)));
    let threads = niced();
    for (let i = 0; i < 40 && threads.filter((n) => n === 9).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      threads = niced();
    }
    assert.equal(threads.filter((n) => n === 9).length, 2, `niceness of this process's threads: ${threads}`);
    assert.notEqual(niceOf(), 9);
  });

  test('a key already stored is not recorded twice, and its requests are told so', async () => {
    const skipped = await writer.write(row('k-0001', { person_id: 8 }));
    assert.deepEqual([...(skipped ?? [])], ['k-0001']);
    const [a, b] = await Promise.all([writer.write(row('again')), writer.write(row('again', { person_id: 8 }))]);
    assert.ok(a === b && a?.has('again'), 'both requests of a key sent twice in one group answer from the row');
    assert.equal(await writer.write(row('new-one')), null, 'a group stored as sent skips nothing');
    assert.equal((await stored()).filter((id) => id === 'k-0001' || id === 'again').length, 2);
  });

  test('pages reach the database file from the checkpoint thread, not from the committing connections', async () => {
    assert.equal(db.sqlite?.pragma('wal_autocheckpoint', { simple: true }), 0);
    const file = join(dir, 'banyan.db');
    const before = statSync(file).size;
    await Promise.all(Array.from({ length: 3000 }, (_, i) => writer.write(row(`cp-${i}`))));
    const grown = async () => {
      for (let i = 0; i < 50 && statSync(file).size === before; i++) await new Promise((r) => setTimeout(r, 100));
      return statSync(file).size;
    };
    assert.ok((await grown()) > before, 'the database file took the committed pages');
  });

  test('a group the thread cannot commit is refused, not acknowledged', async () => {
    const bad = row('bad', { venue_id: null as unknown as number });
    await assert.rejects(writer.write(bad), /scan writer thread: NOT NULL/);
    assert.ok(!(await stored()).includes('bad'));
    await writer.write(row('after-bad'));
    assert.ok((await stored()).includes('after-bad'), 'the writer goes on after a refused group');
  });
});
