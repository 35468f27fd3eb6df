import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unusualVenues } from './venues.rules.ts';

const v = (code: string, category: string, scans: number, denied: number, status = 'open') => ({
  code,
  category,
  status,
  scans,
  denied,
});

test('unusual denial rates are judged against the venue’s own category', () => {
  const offices = Array.from({ length: 10 }, (_, i) => v(`O${i}`, 'office', 40, 32));
  const markets = Array.from({ length: 10 }, (_, i) => v(`M${i}`, 'mall-market', 40, 2));
  const found = unusualVenues([
    ...offices,
    ...markets,
    v('WAVE', 'office', 40, 0),
    v('JAM', 'mall-market', 40, 20),
    v('SMALL', 'office', 5, 0),
    v('SHUT', 'office', 40, 40, 'suspended'),
  ]);
  assert.deepEqual(
    found.map((x) => [x.code, x.why]),
    [
      ['WAVE', 'few-denials'],
      ['JAM', 'many-denials'],
    ],
  );
  assert.equal(found[0]?.expectedRate, 0.7901, 'the other offices, small ones included');
  assert.deepEqual(unusualVenues(markets), [], 'ordinary spread is not unusual');
});
