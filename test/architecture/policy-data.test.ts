import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POLICIES } from '../../src/policy/policy.schema.ts';
import { sources } from './rooms.ts';

// Whatever differs between policy versions is data in the version (issue 19): no rules file may
// decide by which version it is, so none may name a version's id or compare an id with a string.
const IDS = DEFAULT_POLICIES.map((p) => p.id);
const COMPARES_ID =
  /\b(policy[A-Za-z]*\.id|policyId|\w*[Pp]olicyId)\s*[!=]==?\s*['"`]|['"`]\s*[!=]==?\s*\w*[Pp]olicy(Id|\.id)\b/;

/** Where a source compares a policy id or names one, as 'line: text'. */
export function policyIdUses(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
    if (COMPARES_ID.test(line) || IDS.some((id) => line.includes(`'${id}'`) || line.includes(`"${id}"`)))
      out.push(`${i + 1}: ${line.trim()}`);
  });
  return out;
}

test('the detector sees an id compared or named, and not a comment', () => {
  assert.equal(policyIdUses(`if (policyId === 'cn-10-measures') return 48;`).length, 1);
  assert.equal(policyIdUses(`if (policy.id !== "x") return;`).length, 1);
  assert.equal(policyIdUses(`const PLANS = { 'cn-9th-edition': [] };`).length, 1);
  assert.equal(policyIdUses(`// under 'cn-9th-edition' this was 7 days`).length, 0);
});

test('no rules file compares or names a policy version id', () => {
  const rules = sources('src').filter((f) => f.path.endsWith('.rules.ts'));
  assert.ok(rules.length >= 10, `found ${rules.length} rules files`);
  const found = rules.flatMap((f) => policyIdUses(f.text).map((u) => `${f.path}:${u}`));
  assert.deepEqual(found, []);
});
