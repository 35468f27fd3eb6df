import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noticeSince, statusAt } from './status-history.rules.ts';

const at = (s: string) => Date.parse(`${s}+08:00`);
const iso = (s: string) => new Date(at(s)).toISOString();

test('a notice holds from its effective day, or from its issue when that is later', () => {
  assert.equal(noticeSince(iso('2026-12-07T23:00'), '2022-11-04'), iso('2022-11-04T00:00'), 'recorded after its day');
  assert.equal(noticeSince(iso('2022-11-03T10:00'), '2022-11-04'), iso('2022-11-03T10:00'), 'suspended when issued');
});

test('a venue at a moment: the last change by then, what the first replaced before it, as now without any', () => {
  const now = { status: 'open' as const, notice_no: null };
  const changes = [
    {
      since: iso('2022-11-04T00:00'),
      status: 'suspended',
      notice_no: 'N45',
      previous_status: 'closed-loop',
      previous_notice_no: null,
    },
    {
      since: iso('2022-11-12T09:00'),
      status: 'open',
      notice_no: null,
      previous_status: 'suspended',
      previous_notice_no: 'N45',
    },
  ];
  assert.deepEqual(statusAt(changes, now, at('2022-11-03T12:00')), { status: 'closed-loop', notice_no: null });
  assert.deepEqual(statusAt(changes, now, at('2022-11-04T00:00')), { status: 'suspended', notice_no: 'N45' });
  assert.deepEqual(statusAt(changes, now, at('2022-11-12T08:59')), { status: 'suspended', notice_no: 'N45' });
  assert.deepEqual(statusAt(changes, now, at('2022-11-12T09:00')), { status: 'open', notice_no: null });
  assert.deepEqual(statusAt([], { status: 'closed-loop', notice_no: null }, at('2022-11-01T00:00')), {
    status: 'closed-loop',
    notice_no: null,
  });
});
