import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colourOf } from '../health-code/health-code.rules.ts';
import { type ActiveMark, MARK_KINDS } from '../health-code/marks.rules.ts';
import { scheduleOf } from '../tracing/quarantine.rules.ts';
import { CATEGORIES, entranceRuleOf } from '../venues/venues.rules.ts';
import { DEFAULT_POLICIES } from './policy.schema.ts';

// Every decision names its rule and version (issue 19): a colour, a schedule or an entrance rule
// that leaves either unnamed fails here, under every version, for every kind of input.
const T = Date.parse('2022-11-12T10:00:00+08:00');
const H = 3600_000;
const mark = (kind: ActiveMark['kind'], since: number): ActiveMark => ({
  id: 1,
  kind,
  since,
  indexCase: null,
  zone: null,
  origin: null,
});
const inputs = [
  { infection: null, positivePoolAt: null, positiveAt: null },
  { infection: null, positivePoolAt: T - H, positiveAt: null },
  { infection: null, positivePoolAt: null, positiveAt: T - H },
  {
    infection: {
      kind: 'confirmed' as const,
      reportedOn: '2022-11-10',
      dischargedOn: null,
      releasedOn: null,
      diedOn: null,
    },
    positivePoolAt: null,
    positiveAt: null,
  },
  { infection: null, positivePoolAt: null, positiveAt: null, zone: { code: 'Z1', level: 'high' } },
  { infection: null, positivePoolAt: null, positiveAt: null, zone: { code: 'Z2', level: 'medium' } },
  ...MARK_KINDS.map((k) => ({ infection: null, positivePoolAt: null, positiveAt: null, marks: [mark(k, T - 2 * H)] })),
];

test('every colour names its version and a rule the version lists (or its default)', () => {
  for (const p of DEFAULT_POLICIES)
    for (const i of inputs) {
      const v = colourOf(i, T, { id: p.id, colours: p.params.colours });
      assert.equal(v.policy.id, p.id);
      const name = v.policy.rule.replace(/^colours\./, '');
      assert.ok(
        name === 'default' || (p.params.colours.order as string[]).includes(name),
        `${p.id}: ${v.policy.rule} is not a rule of the version`,
      );
      assert.equal(v.rule, `${p.params.colours.ruleSet}:${name}`);
    }
});

test('every schedule and every entrance rule names its version and rule', () => {
  for (const p of DEFAULT_POLICIES) {
    for (const kind of ['close-contact', 'secondary-contact', 'left-high-zone'] as const) {
      const s = scheduleOf(kind, '2022-11-12', p);
      assert.deepEqual(s.policy, { id: p.id, rule: `quarantine.${kind}` });
    }
    for (const c of CATEGORIES) {
      const e = entranceRuleOf(p.params, c);
      assert.equal(e.rule, `entrance.${c}`);
      assert.ok(e.check, `${p.id} has no entrance rule for ${c}`);
    }
  }
});

test('the same resident under the 9th edition and the 20 measures: RULES.md outcomes', () => {
  const version = (i: number) => {
    const p = DEFAULT_POLICIES[i] ?? assert.fail();
    return { id: p.id, colours: p.params.colours };
  };
  const [ninth, twenty] = [version(0), version(1)];
  const secondary = {
    infection: null,
    positivePoolAt: null,
    positiveAt: null,
    marks: [mark('secondary-contact', T - H)],
  };
  assert.deepEqual(
    [colourOf(secondary, T, ninth).colour, colourOf(secondary, T, twenty).colour],
    ['red', 'green'],
    'secondary contacts are no longer identified under the 20 measures',
  );
  const medium = { infection: null, positivePoolAt: null, positiveAt: null, zone: { code: 'Z2', level: 'medium' } };
  assert.deepEqual([colourOf(medium, T, ninth).colour, colourOf(medium, T, twenty).colour], ['yellow', 'green']);
  const close = scheduleOf('close-contact', '2022-11-12', DEFAULT_POLICIES[0] ?? assert.fail());
  const close20 = scheduleOf('close-contact', '2022-11-12', DEFAULT_POLICIES[1] ?? assert.fail());
  assert.deepEqual([close.endsOn, close20.endsOn], ['2022-11-21', '2022-11-19'], '7 + 3 days, then 5 + 3');
});
