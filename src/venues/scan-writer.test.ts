import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { MIGRATIONS } from '../migrations.ts';
import { openDb } from '../platform/db/db.ts';
import { migrate } from '../platform/db/migrations.repo.ts';
import { uuidv7 } from '../platform/ids.ts';
import { niceOf } from '../platform/thread-stat.ts';
import { replayScanLog, scanLogOf } from './scan-sink.ts';
import { ScanWriter } from './scan-writer.ts';
import { scanParams } from './venues.repo.ts';
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

describe('scan writer with a scan log on a database file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-scanlog-'));
  const file = join(dir, 'banyan.db');
  const db = openDb({ file });
  await migrate(db, MIGRATIONS);
  after(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // Niceness 8: the test above counts the threads at 9.
  const writer = new ScanWriter(db, { nice: 8, indexEveryMs: 200 });
  const storedIds = async (d = db) =>
    (await d.k.selectFrom('scans').select('id').orderBy('id').execute()).map((r) => r.id);
  const counted = async (d = db) =>
    (await d.k.selectFrom('venue_hour_counts').selectAll().orderBy(['venue_id', 'hour']).execute()).map((r) => [
      Number(r.venue_id),
      Number(r.hour),
      Number(r.scans),
      Number(r.denied),
    ]);

  test('acknowledges from the log, and tracing sees each scan within a second, indexed and counted', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `l-${String(i).padStart(4, '0')}`);
    const acked = Date.now();
    await Promise.all(
      ids.map((id, i) =>
        writer.write(
          row(id, {
            venue_id: 1 + (i % 3),
            verdict: i % 10 ? 'allow' : 'deny',
            reasons: i % 10 ? '[]' : '["NO_CERTIFICATE"]',
          }),
        ),
      ),
    );
    let seen: string[] = [];
    while (seen.length < ids.length && Date.now() - acked < 1000) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await storedIds();
    }
    assert.deepEqual(seen, ids, 'every acknowledged scan in scans within a second');
    // 02:00 UTC is 10:00 in Beijing; venue 1 took i = 0, 3, …, 297 (100 scans), denials at i % 10 = 0.
    assert.deepEqual(await counted(), [
      [1, 10, 100, 10],
      [2, 10, 100, 10],
      [3, 10, 100, 10],
    ]);
    const reasons = await db.k
      .selectFrom('venue_hour_reasons')
      .select((e) => e.fn.sum<number>('n').as('n'))
      .executeTakeFirst();
    assert.equal(Number(reasons?.n), 30);
    // The thread reports a batch after committing it: its report is in by the answer to a settle.
    await writer.settle();
    const lag = writer.stats.index?.indexLagMaxMs ?? Number.NaN;
    assert.ok(lag < 1000, `worst lag from acknowledgement to index ${lag} ms`);
  });

  test('a keyed scan stored before, or twice in the log, is skipped, and answered from a readable row', async () => {
    const skipped = await writer.write(row('l-0001', { request_hash: 'h', person_id: 8 }));
    assert.deepEqual([...(skipped ?? [])], ['l-0001']);
    const [a, b] = await Promise.all([writer.write(row('twice')), writer.write(row('twice', { person_id: 8 }))]);
    assert.ok(a === b && a?.has('twice'));
    assert.ok((await storedIds()).includes('twice'), 'readable once a request is told to answer from it');
  });

  test('a scan without its venue is refused before it is acknowledged', async () => {
    await assert.rejects(writer.write(row('bad', { venue_id: null as unknown as number })), /NOT NULL/);
    await writer.write(row('after-bad'));
    await writer.settle();
    assert.ok((await storedIds()).includes('after-bad'));
    assert.ok(!(await storedIds()).includes('bad'));
  });

  test('what a stopped process acknowledged and had not indexed is indexed, and counted once, at the next start', async () => {
    await writer.settle();
    const before = await counted();
    // The log as a process killed between two batches leaves it: two groups and a torn line.
    const group = (ids: string[]) => JSON.stringify(ids.map((id) => scanParams(row(id, { venue_id: 9 }))));
    writeFileSync(scanLogOf(file), `${group(['r-1', 'r-2'])}\n${group(['r-3', 'l-0002'])}\n[["r-4",9,`);
    const next = openDb({ file });
    try {
      assert.equal(replayScanLog(next), 4);
      const ids = await storedIds(next);
      assert.ok(['r-1', 'r-2', 'r-3'].every((id) => ids.includes(id)) && !ids.includes('r-4'));
      assert.deepEqual(await counted(next), [...before, [9, 10, 3, 0]], 'l-0002 was indexed before: not counted again');
      assert.equal(readFileSync(scanLogOf(file), 'utf8'), '', 'the log is emptied');
    } finally {
      await next.close();
    }
  });
});
