import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POLICIES } from '../policy/policy.schema.ts';
import { type ColourInputs, colourOf as colourBy } from './health-code.rules.ts';
import { type ActiveMark, dayOfMark, markColour as markBy, twoNegativesInThreeDays } from './marks.rules.ts';

// The 9th edition's colour rules (all twelve, in RULES.md's order).
const ninth = DEFAULT_POLICIES[0] ?? assert.fail();
const v9 = { id: ninth.id, colours: ninth.params.colours };
const markColour = (m: ActiveMark, n: number[], now: number) => markBy(m, n, now, v9.colours);
const colourOf = (i: ColourInputs, now: number) => colourBy(i, now, v9);

const H = 3600_000;
const D = 24 * H;
const at = (s: string) => Date.parse(`${s}+08:00`);
const mark = (kind: ActiveMark['kind'], since: string, extra: Partial<ActiveMark> = {}): ActiveMark => ({
  id: 1,
  kind,
  since: at(since),
  indexCase: null,
  zone: null,
  origin: null,
  ...extra,
});
const none = { infection: null, positivePoolAt: null, positiveAt: null };

test('close contact: red days 1–7, yellow days 8–10, green after day 10 only with a negative', () => {
  const m = mark('close-contact', '2022-11-09T15:00', { indexCase: 'FZ-0001' });
  assert.equal(dayOfMark(m.since, at('2022-11-09T23:59')), 1);
  const day7 = markColour(m, [], at('2022-11-15T23:59:59'));
  assert.equal(day7?.colour, 'red');
  assert.equal(day7?.rule, 'fujian-2022-11:close-contact');
  assert.match(day7?.reason['zh-CN'] ?? '', /密切接触者（关联病例FZ-0001），末次接触2022-11-09，第7天/);
  assert.match(day7?.reason.en ?? '', /index case FZ-0001.*2022-11-09, day 7/);
  assert.equal(markColour(m, [], at('2022-11-16T00:00'))?.colour, 'yellow', 'day 8 at midnight Beijing');
  assert.equal(markColour(m, [at('2022-11-16T08:00')], at('2022-11-18T23:00'))?.colour, 'yellow', 'day 10');
  assert.equal(markColour(m, [], at('2022-11-19T09:00'))?.colour, 'yellow', 'after day 10, no negative yet');
  assert.equal(markColour(m, [at('2022-11-16T08:00')], at('2022-11-19T00:00')), null, 'day 11 with a negative');
  assert.equal(
    markColour(m, [at('2022-11-09T10:00')], at('2022-11-20T00:00'))?.colour,
    'yellow',
    'a negative sampled before the mark began does not count',
  );
});

test('secondary contact and zone leavers: red until 7 days after, with a negative', () => {
  const s = mark('secondary-contact', '2022-11-05T12:00', { indexCase: 'FZ-0002' });
  const neg = [at('2022-11-11T09:00')];
  assert.equal(markColour(s, neg, at('2022-11-12T11:59:59'))?.colour, 'red');
  assert.equal(markColour(s, neg, at('2022-11-12T12:00')), null, '12:00 on day 7 after');
  assert.equal(markColour(s, [], at('2022-11-13T12:00'))?.colour, 'red', 'no negative: still red');
  const z = mark('left-zone', '2022-11-05T12:00', { zone: 'GL-H-003' });
  const v = markColour(z, [], at('2022-11-06T10:00'));
  assert.equal(v?.rule, 'fujian-2022-11:left-zone');
  assert.match(v?.reason['zh-CN'] ?? '', /2022-11-05 12:00离开中高风险区GL-H-003/);
  assert.equal(markColour(z, neg, at('2022-11-12T11:59'))?.colour, 'red');
  assert.equal(markColour(z, neg, at('2022-11-12T12:00')), null);
});

test('two negatives at least 24 h and at most 3 days apart', () => {
  const t = at('2022-11-10T08:00');
  assert.equal(twoNegativesInThreeDays([t, t + 24 * H - 1]), false, 'just under 24 h');
  assert.equal(twoNegativesInThreeDays([t + 24 * H, t]), true, 'exactly 24 h, any order');
  assert.equal(twoNegativesInThreeDays([t, t + 3 * D]), true, 'exactly 3 days');
  assert.equal(twoNegativesInThreeDays([t, t + 3 * D + 1]), false, 'over 3 days');
  assert.equal(twoNegativesInThreeDays([t, t + 2 * H, t + 30 * H]), true);
});

test('trace list: yellow until 2 negatives in 3 days, or 7 days plus a negative', () => {
  const m = mark('trace-list', '2022-11-09T19:30', { indexCase: 'FZ-0003' });
  const v = markColour(m, [at('2022-11-10T08:00')], at('2022-11-10T20:00'));
  assert.equal(v?.colour, 'yellow');
  assert.match(v?.reason['zh-CN'] ?? '', /协查名单）（关联病例FZ-0003），接触时间2022-11-09 19:30/);
  assert.equal(markColour(m, [at('2022-11-10T08:00'), at('2022-11-11T08:00')], at('2022-11-11T20:00')), null);
  assert.equal(
    markColour(m, [at('2022-11-10T08:00'), at('2022-11-11T07:59')], at('2022-11-11T20:00'))?.colour,
    'yellow',
    '23 h 59 min apart',
  );
  assert.equal(markColour(m, [at('2022-11-10T08:00')], at('2022-11-16T19:29'))?.colour, 'yellow');
  assert.equal(markColour(m, [at('2022-11-10T08:00')], at('2022-11-16T19:30')), null, '7 days plus a negative');
});

test('fever clinic: yellow until a negative sampled the same day', () => {
  const m = mark('fever-clinic', '2022-11-10T09:00');
  const v = markColour(m, [], at('2022-11-10T12:00'));
  assert.equal(v?.colour, 'yellow');
  assert.match(v?.reason.en ?? '', /fever-clinic visit on 2022-11-10/);
  assert.equal(markColour(m, [at('2022-11-10T09:30')], at('2022-11-10T12:00')), null);
  assert.equal(markColour(m, [at('2022-11-11T09:30')], at('2022-11-11T12:00'))?.colour, 'yellow', 'next day');
});

test('arrival: green with a notice until 2 negatives in 3 days', () => {
  const m = mark('arrival', '2022-11-10T21:00', { origin: '上海市' });
  const v = markColour(m, [], at('2022-11-11T08:00'));
  assert.equal(v?.colour, 'green');
  assert.equal(v?.rule, 'fujian-2022-11:arrival');
  assert.match(v?.notice?.['zh-CN'] ?? '', /2022-11-10从上海市抵榕/);
  assert.equal(markColour(m, [at('2022-11-11T08:00'), at('2022-11-12T09:00')], at('2022-11-12T12:00')), null);
  const c = colourOf({ ...none, marks: [m], negatives: [] }, at('2022-11-11T08:00'));
  assert.deepEqual([c.colour, c.rule, !!c.notice], ['green', 'fujian-2022-11:arrival', true]);
  const eve = colourOf({ ...none, marks: [m], negatives: [] }, at('2022-11-10T20:59'));
  assert.deepEqual([eve.rule, eve.notice], ['fujian-2022-11:default', undefined], 'not arrived yet');
});

test('the most severe rule wins; the arrival notice rides along', () => {
  const T = at('2022-11-11T10:00');
  const close = mark('close-contact', '2022-11-09T15:00');
  const trace = mark('trace-list', '2022-11-09T15:00');
  const arrival = mark('arrival', '2022-11-10T21:00', { origin: '厦门市' });
  assert.equal(colourOf({ ...none, marks: [trace, close] }, T).rule, 'fujian-2022-11:close-contact');
  const medium = { code: 'CS-M-001', level: 'medium' };
  assert.equal(colourOf({ ...none, zone: medium, marks: [close] }, T).rule, 'fujian-2022-11:close-contact');
  assert.equal(colourOf({ ...none, zone: medium, marks: [trace] }, T).rule, 'fujian-2022-11:medium-zone-resident');
  const high = { code: 'GL-H-001', level: 'high' };
  assert.equal(colourOf({ ...none, zone: high, marks: [close] }, T).rule, 'fujian-2022-11:high-zone-resident');
  const inf = {
    kind: 'confirmed' as const,
    reportedOn: '2022-11-10',
    dischargedOn: null,
    releasedOn: null,
    diedOn: null,
  };
  assert.equal(colourOf({ ...none, infection: inf, marks: [close] }, T).rule, 'fujian-2022-11:infection');
  const both = colourOf({ ...none, marks: [arrival, trace] }, T);
  assert.deepEqual([both.colour, both.rule], ['yellow', 'fujian-2022-11:trace-list']);
  assert.match(both.notice?.en ?? '', /arrived from 厦门市 on 2022-11-10/);
  assert.equal(colourOf({ ...none, marks: [] }, T).rule, 'fujian-2022-11:default');
});
