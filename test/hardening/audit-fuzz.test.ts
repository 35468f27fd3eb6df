import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { withCheckChar } from '../../src/appeals/appeals.rules.ts';
import { createPerson } from '../../src/people/people.service.ts';
import { recordAuditNow, verifyAudit } from '../../src/platform/audit/audit.service.ts';
import { login } from '../../src/platform/auth/auth.service.ts';
import { AppError } from '../../src/platform/errors.ts';
import { canonicalText, isStorableText } from '../../src/platform/storable-text.ts';
import { testApp } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';
import { FuzzRng, fuzzSeed, nastyString } from '../helpers/fuzz.ts';
import { residentId } from '../helpers/testing.ts';

// Random text through every audited action reachable without a scenario: sign-in failures, account
// creation (as a user whose own name is odd, so the actor label is too), unmasked reads with a
// reason, enterprise imports with an X-Filename, and the chain's own append. Afterwards the chain
// must verify, and every string must be stored exactly as canonicalText made it.

const ROUNDS = 25;

/** Percent-encodes any string, lone surrogates included (as their WTF-8 bytes, which no decoder accepts). */
function pct(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c >= 0xd800 && c <= 0xdfff)
      out +=
        `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}

for (const dialect of dialects()) {
  describe(`audit fuzz on ${dialect} (FUZZ_SEED=${fuzzSeed()})`, async () => {
    const t = await testApp(dialect);
    const rng = new FuzzRng(fuzzSeed());
    after(() => t.close());
    const status = (where: string, r: { statusCode: number; body: string }) => {
      assert.ok(r.statusCode < 500, `${where}: ${r.statusCode} ${r.body}`);
      return r.statusCode;
    };

    test('odd strings through audited actions never break the chain', async () => {
      await t.user('root', 'commander', { kind: 'city', code: '3501' });
      // A user whose own name is odd but storable (a CLI or an import could create one): every
      // entry they cause carries it in the actor label.
      let oddName = '';
      while (!oddName) {
        const s = nastyString(rng, 40).trim();
        if (s && isStorableText(s)) oddName = s;
      }
      await t.user(oddName, 'commander', { kind: 'city', code: '3501' });
      const cookies = [await t.login('root'), await t.login(oddName)];
      const person = await createPerson(
        t.ctx,
        { userId: 1, username: 'root', role: 'commander', scope: { kind: 'city', code: '3501' } },
        {
          idNumber: residentId(1),
          name: '王五',
          communityCode: '350102001001',
        },
      );
      const counts = { login: 0, userCreated: 0, unmasked: 0, imported: 0, refused: 0 };
      for (let i = 0; i < ROUNDS; i++) {
        const cookie = rng.pick(cookies);
        const s = nastyString(rng);
        const lf = await t.app.inject({
          method: 'POST',
          url: '/api/v1/sessions',
          remoteAddress: `10.18.${i >> 8}.${i & 255}`,
          payload: { username: s || 'x', password: 'wrong-password' },
        });
        if (status('login', lf) === 401) counts.login++;
        else counts.refused++;
        const uc = await t.app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: { cookie },
          payload: {
            username: `fuzz-${i}`,
            displayName: s || 'x',
            password: 'long-enough-pw',
            role: 'lab',
            scope: { kind: 'city', code: '3501' },
          },
        });
        if (status('user', uc) === 201) counts.userCreated++;
        const um = await t.app.inject({
          url: `/api/v1/persons/${person.person.id}/unmasked?reason=${pct(s.slice(0, 60))}`,
          headers: { cookie },
        });
        if (status('unmask', um) === 200) counts.unmasked++;
        const code = withCheckChar(`91350102MA2Y8K${String(i).padStart(3, '0')}`);
        const im = await t.app.inject({
          method: 'POST',
          url: '/api/v1/imports/enterprises',
          headers: { cookie, 'content-type': 'text/csv', 'x-filename': pct(s) },
          payload: `credit_code,name,industry,district_code,size\n${code},企业${i},制造业,350102,small\n`,
        });
        if (status('import', im) < 300) counts.imported++;
      }
      // The issue's own case, and its kin, straight into the services the edge protects.
      for (const u of ['\ud800x', 'x\udfff', `${'y'.repeat(63)}😀`, '\u202e\u0301𠀀']) {
        await assert.rejects(login(t.ctx, u, 'wrong-password'), (e) => e instanceof AppError);
        counts.login++;
      }
      const direct: Array<{ actor: string; entityId: string; detail: string }> = [];
      for (let i = 0; i < ROUNDS; i++) {
        const [actor, action, entity, entityId, key, value] = Array.from({ length: 6 }, () => nastyString(rng, 30));
        await recordAuditNow(t.ctx.db, t.ctx.crypto, {
          actor: actor as string,
          action: action as string,
          entity: entity as string,
          entityId: entityId as string,
          detail: { [key as string]: value, list: [value, { deep: actor }] },
        });
        direct.push({ actor: actor as string, entityId: entityId as string, detail: value as string });
      }

      const rows = await t.ctx.db.k.selectFrom('audit_log').selectAll().orderBy('id').execute();
      const v = await verifyAudit(t.ctx.db, t.ctx.crypto);
      assert.deepEqual([v.ok, v.faults, v.checked], [true, [], rows.length]);
      // Each kind of action really reached the chain, and a refused request left no entry.
      assert.ok(
        counts.login >= 10 && counts.userCreated >= 5 && counts.unmasked >= 5 && counts.imported >= 5,
        JSON.stringify(counts),
      );
      const byAction = (a: string) => rows.filter((r) => r.action === a).length;
      assert.equal(byAction('login-failed'), counts.login);
      assert.equal(byAction('user-created'), counts.userCreated + 2);
      assert.equal(byAction('person-unmasked-read'), counts.unmasked);
      assert.equal(byAction('enterprises-imported'), counts.imported);
      assert.ok(
        rows.some((r) => r.actor.includes(oddName)),
        'the odd actor label reached the chain',
      );
      // What is stored is the canonical text of what was sent, byte for byte.
      const tail = rows.slice(-ROUNDS);
      tail.forEach((r, i) => {
        const d = direct[i] as (typeof direct)[number];
        assert.equal(r.actor, canonicalText(d.actor));
        assert.equal(r.entity_id, canonicalText(d.entityId));
        assert.ok(isStorableText(r.actor) && isStorableText(r.entity_id ?? '') && isStorableText(r.detail));
        assert.ok(Object.values(JSON.parse(r.detail)).includes(canonicalText(d.detail)));
      });
    });
  });
}
