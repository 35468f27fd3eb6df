import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { atBusinessTime, beijingToday, clockShifted, nowIso, nowMs, setClock } from './clock.ts';
import { loadConfig } from './config.ts';

afterEach(() => setClock(null));

test('the business clock starts at the given instant and runs forward from there', async () => {
  assert.equal(clockShifted(), false);
  const drift = () => Math.abs(nowMs() - Date.now());
  assert.ok(drift() < 5);
  setClock('2022-11-11T20:00:00+08:00');
  assert.equal(clockShifted(), true);
  const start = Date.parse(nowIso());
  assert.ok(Math.abs(start - Date.parse('2022-11-11T12:00:00Z')) < 1000);
  await new Promise((r) => setTimeout(r, 30));
  assert.ok(nowMs() - start >= 25, 'it keeps running');
  setClock('2022-11-11T07:30:00+08:00');
  assert.equal(beijingToday(), '2022-11-11', 'before 08:00 Beijing the UTC day is still the 10th');
  setClock(null);
  assert.ok(drift() < 5);
});

test('a malformed BANYAN_NOW is refused at start, not silently ignored', () => {
  assert.throws(() => setClock('11/11/2022'), /ISO-8601/);
  assert.throws(() => loadConfig({ BANYAN_NOW: 'yesterday', BANYAN_SECRET: 'x'.repeat(32) }), /BANYAN_NOW/);
  assert.equal(
    loadConfig({ BANYAN_NOW: '2022-11-11T20:00:00+08:00', BANYAN_SECRET: 'x'.repeat(32) }).clockStart,
    '2022-11-11T20:00:00+08:00',
  );
});

test('a business-time timer fires when the clock reaches its instant, also when the clock is set past it', async () => {
  setClock('2022-11-11T17:00:00+08:00');
  const fired: string[] = [];
  atBusinessTime(Date.parse('2022-11-11T18:00:00+08:00'), () => fired.push('18:00'));
  const cancel = atBusinessTime(Date.parse('2022-11-11T18:30:00+08:00'), () => fired.push('18:30'));
  atBusinessTime(Date.parse('2022-11-12T06:00:00+08:00'), () => fired.push('06:00'));
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(fired, [], 'an hour ahead: nothing yet');
  cancel();
  setClock('2022-11-11T19:00:00+08:00');
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(fired, ['18:00'], 'set past 18:00; the cancelled 18:30 stays silent; 06:00 waits');
  setClock('2022-11-12T06:00:01+08:00');
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(fired, ['18:00', '06:00']);
  setClock(null);
});
