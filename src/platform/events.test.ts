import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Ctx } from './context.ts';
import { events, onAnnouncement, receiveAnnouncement } from './events.ts';

test('a handler registered by two apps runs once, and stays until the last of them removes it', async () => {
  const ctx = {} as Ctx;
  const calls: Array<number[] | undefined> = [];
  const told: Array<number[] | undefined> = [];
  const tell = (ids?: number[]) => told.push(ids);
  events.on('policies-changed', tell);
  const handle = (_ctx: Ctx, ids?: number[]) => {
    calls.push(ids);
  };
  const offA = onAnnouncement('policies-changed', handle);
  const offB = onAnnouncement('policies-changed', handle);
  await receiveAnnouncement(ctx, 'policies-changed', [1]);
  offA();
  offA();
  await receiveAnnouncement(ctx, 'policies-changed', [2]);
  offB();
  await receiveAnnouncement(ctx, 'policies-changed', [3]);
  events.off('policies-changed', tell);
  assert.deepEqual(calls, [[1], [2]]);
  assert.deepEqual(told, [[1], [2], [3]], 'this process is told every time');
});

test('a failing handler keeps the change from being told, as a reload that did not happen', async () => {
  const told: unknown[] = [];
  const tell = () => told.push(1);
  events.on('overrides-changed', tell);
  const off = onAnnouncement('overrides-changed', () => {
    throw new Error('database gone');
  });
  await assert.rejects(receiveAnnouncement({} as Ctx, 'overrides-changed'), /database gone/);
  off();
  events.off('overrides-changed', tell);
  assert.deepEqual(told, []);
});
