import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { MIGRATIONS } from '../migrations.ts';
import { migrate } from '../platform/db/migrations.repo.ts';
import type { AppError } from '../platform/errors.ts';
import { checkParams } from './policy.rules.ts';
import { DEFAULT_POLICIES, type PolicyParams } from './policy.schema.ts';
import { listPolicies, putPolicy } from './policy.service.ts';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const ninth = DEFAULT_POLICIES[0] ?? assert.fail();

test('every version in DEFAULT_POLICIES validates, with no contradiction', () => {
  for (const p of DEFAULT_POLICIES) {
    const r = checkParams(p.id, p.params);
    assert.ok(r.ok, `${p.id}: ${JSON.stringify(!r.ok && r.problem)}`);
  }
});

test('a missing or contradictory parameter is named by a stable code and its path', () => {
  const noEntrance = clone(ninth.params) as Partial<PolicyParams>;
  delete noEntrance.entrance;
  assert.deepEqual(checkParams('x', noEntrance), {
    ok: false,
    problem: { code: 'POLICY_PARAM_MISSING', params: { id: 'x', path: 'params.entrance' } },
  });
  const noSchool = clone(ninth.params) as PolicyParams;
  delete (noSchool.entrance as Partial<PolicyParams['entrance']>).school;
  const r = checkParams('x', noSchool);
  assert.deepEqual(!r.ok && [r.problem.code, r.problem.params.path], [
    'POLICY_PARAM_MISSING',
    'params.entrance.school',
  ]);
  const twice = clone(ninth.params);
  twice.colours.order.push('infection');
  const t = checkParams('x', twice);
  assert.deepEqual(!t.ok && [t.problem.code, t.problem.params.path], [
    'POLICY_PARAM_CONTRADICTS',
    'params.colours.order',
  ]);
  const mediumGone = clone(ninth.params);
  mediumGone.levels = ['high', 'low'];
  mediumGone.lift = { high: { to: 'low', cleanDays: 5, finalRound: true } };
  const m = checkParams('x', mediumGone);
  assert.equal(!m.ok && m.problem.code, 'POLICY_PARAM_CONTRADICTS', 'a medium-zone colour rule without medium zones');
  const pcr = clone(ninth.params);
  (pcr.quarantine['close-contact'] ?? assert.fail())[0]?.pcr.push(9);
  const q = checkParams('x', pcr);
  assert.equal(!q.ok && q.problem.params.path, 'params.quarantine.close-contact.0.pcr');
  // A section a later module adds (as exam and courier were) is kept, not refused, by a version
  // checked before that module declared it.
  const extra = { ...clone(ninth.params), exit: { anything: 1 } };
  const e = checkParams('x', extra);
  assert.ok(e.ok && (e.params as Record<string, unknown>).exit);
  // A section a module declares is checked by its schema.
  const badExam = { ...clone(ninth.params), exam: { anything: 1 } };
  assert.equal(checkParams('x', badExam).ok, false);
});

for (const dialect of dialects()) {
  describe(`policy versions on ${dialect}`, async () => {
    let ctx: Awaited<ReturnType<typeof testCtx>>;
    before(async () => {
      ctx = await testCtx(dialect, { migrate: false });
    });
    after(() => ctx.close());

    test('migration 0120 fills the parameters a stored version lacks; PUT refuses a version that lacks one', async () => {
      await migrate(
        ctx.db,
        MIGRATIONS.filter((m) => m.id < '0120'),
      );
      // As stored before issue 19: levels and lift rules only, and one version an administrator added.
      for (const p of DEFAULT_POLICIES)
        await ctx.db.k
          .updateTable('policy_versions')
          .set({ params: JSON.stringify({ levels: p.params.levels, lift: p.params.lift }) })
          .where('id', '=', p.id)
          .execute();
      await ctx.db.k
        .insertInto('policy_versions')
        .values({
          id: 'fuzhou-local',
          name: 'local',
          effective_from: '2022-11-20',
          params: JSON.stringify({
            levels: ['high', 'low'],
            lift: { high: { to: 'low', cleanDays: 4, finalRound: true } },
          }),
          updated_at: '2022-11-20T00:00:00Z',
          updated_by: 'admin',
        })
        .execute();
      await assert.rejects(listPolicies(ctx), (e: AppError) => e.code === 'POLICY_PARAM_MISSING');
      await migrate(ctx.db, MIGRATIONS);
      const all = await listPolicies(ctx);
      assert.deepEqual(
        all.map((p) => [
          p.id,
          p.params.entrance.office.certificateHours,
          p.params.quarantine['secondary-contact'] !== null,
        ]),
        [
          ['cn-9th-edition', 24, true],
          ['cn-20-measures', 24, false],
          ['fuzhou-local', 24, false],
          ['cn-10-measures', null, false],
        ],
      );
      assert.equal(all[2]?.params.lift.high?.cleanDays, 4, 'what was stored is kept');
      for (const p of DEFAULT_POLICIES)
        assert.deepEqual(
          all.find((x) => x.id === p.id)?.params,
          p.params,
          `${p.id} upgraded to the national version's parameters`,
        );
      const { entrance: _, ...lacking } = clone(ninth.params);
      await assert.rejects(
        putPolicy(ctx, 'cli', {
          ...ninth,
          id: 'draft-x',
          effectiveFrom: '2023-01-01',
          params: lacking as PolicyParams,
        }),
        (e: AppError) => e.code === 'POLICY_PARAM_MISSING' && e.params?.path === 'params.entrance',
      );
    });
  });
}
