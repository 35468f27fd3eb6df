import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';

const BIN = new URL('../../../bin/banyan.mjs', import.meta.url).pathname;

test('`banyan audit verify` lists every edited entry and a deleted tail against the checkpoint, and exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-audit-'));
  const env = { ...process.env, BANYAN_DATA_DIR: dir, DATABASE_URL: '', BANYAN_PASSWORD: 'long-enough-pw' };
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  try {
    for (const u of ['alice', 'bob', 'carol']) {
      const r = run('users', 'add', u, '--role', 'commander', '--scope', 'city:3501');
      assert.equal(r.status, 0, r.stderr);
    }
    const ok = run('audit', 'verify', '--json');
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { ok: true, checked: 3, faultCount: 0, faults: [], anchor: null });
    const cp = run('audit', 'checkpoint');
    assert.equal(cp.status, 0, cp.stderr);
    assert.match(cp.stdout, /checkpoint at entry 3 written to .*audit-anchor\.jsonl/);

    const db = new Database(join(dir, 'banyan.db'));
    db.prepare("update audit_log set actor = 'user:1:mallory' where id = 2").run();
    db.prepare('delete from audit_log where id = 3').run();
    db.close();
    const bad = run('audit', 'verify');
    assert.equal(bad.status, 1);
    assert.match(
      bad.stdout,
      /BROKEN at entry 2 \(edited\)\naudit chain BROKEN at entry 3 \(truncated\)\n2 fault\(s\) in 2 entries/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`banyan serve` signs a checkpoint into the anchor file and the log when it shuts down', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banyan-anchor-'));
  const env = { ...process.env, BANYAN_DATA_DIR: dir, DATABASE_URL: '', BANYAN_PASSWORD: 'long-enough-pw', PORT: '0' };
  try {
    assert.equal(
      spawnSync(process.execPath, [BIN, 'users', 'add', 'alice', '--role', 'auditor', '--scope', 'city:3501'], { env })
        .status,
      0,
    );
    const server = spawn(process.execPath, [BIN, 'serve'], { env });
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
    });
    await new Promise<void>((resolve, reject) => {
      server.stdout.on('data', () => out.includes('listening') && resolve());
      server.once('exit', () => reject(new Error(`serve exited early: ${out}`)));
    });
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    assert.ok(server.kill('SIGTERM'));
    assert.equal(await exited, 0);
    // The daily job may also have written today's checkpoint at start (it catches up, and logs it
    // as a job run); the shutdown's own is logged as "audit checkpoint" and is in the file.
    const logged = out
      .split('\n')
      .filter((l) => l.includes('"msg":"audit checkpoint"'))
      .map((l) => JSON.parse(l).auditCheckpoint);
    assert.equal(logged.length, 1, out);
    assert.equal(logged[0].id, 1);
    const lines = readFileSync(join(dir, 'audit-anchor.jsonl'), 'utf8').trim().split('\n');
    assert.ok(lines.some((l) => JSON.stringify(JSON.parse(l)) === JSON.stringify(logged[0])));
    const v = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--json'], { env, encoding: 'utf8' });
    assert.equal(JSON.parse(v.stdout).anchor.latest.id, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI failures go to stderr with the code and both languages', () => {
  const r = spawnSync(process.execPath, [BIN, 'persons', 'check-id', '350102198502301234'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /PERSON_ID_BIRTH_DATE: .*出生日期.* \/ Resident ID birth date/);
});
