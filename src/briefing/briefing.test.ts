import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { upsertCases } from '../cases/cases.service.ts';
import { outbreak } from '../sim/outbreak.ts';
import { Rng } from '../sim/rng.ts';

const DATE = '2022-11-06';
const REFERENCE_ZH =
  '11月6日，福州市新增本土确诊病例3例，新增本土无症状感染者35例，治愈出院本土确诊病例3例，解除隔离本土无症状感染者5例。';
const REFERENCE_TW =
  '11月6日，福州市新增本土確診病例3例，新增本土無症狀感染者35例，治癒出院本土確診病例3例，解除隔離本土無症狀感染者5例。';
const REFERENCE_EN =
  'On 6 November, Fuzhou reported 3 new local confirmed cases and 35 new local asymptomatic infections; 3 local confirmed cases were discharged from hospital after recovery and 5 local asymptomatic infections were released from medical observation.';

for (const dialect of dialects()) {
  describe(`briefing on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    const cookies: Record<string, string> = {};
    before(async () => {
      await upsertCases(t.ctx, 'system', outbreak(new Rng(1), new Set()).cases, {
        dryRun: false,
        filename: 'x',
        sha256: 'x',
        today: '2022-11-15',
      });
      await t.user('chief', 'commander', { kind: 'city', code: '3501' }, '王指挥长');
      await t.user('deputy', 'commander', { kind: 'city', code: '3501' }, '李副指挥长');
      await t.user('gulou', 'district-officer', { kind: 'district', code: '350102' });
      for (const u of ['chief', 'deputy', 'gulou']) cookies[u] = await t.login(u);
    });
    const call = (who: string, method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) =>
      t.app.inject({
        method,
        url: `/api/v1/briefings/${DATE}${path}`,
        headers: { cookie: cookies[who] as string },
        payload,
      });

    test('the draft of the reference day reads as published, in three languages', async () => {
      const b = (await call('gulou', 'GET', '')).json().briefing;
      assert.equal(b.status, 'new');
      assert.ok(b.texts['zh-CN'].startsWith(REFERENCE_ZH), b.texts['zh-CN']);
      assert.ok(b.texts['zh-TW'].startsWith(REFERENCE_TW), b.texts['zh-TW']);
      assert.ok(b.texts.en.startsWith(REFERENCE_EN), b.texts.en);
      assert.match(b.texts['zh-CN'], /新增本土确诊病例中，1例为无症状感染者转确诊。/);
      assert.match(b.texts['zh-CN'], /与前一日相比，新增本土确诊病例减少1例，新增本土无症状感染者增加2例。/);
      assert.match(
        b.texts.en,
        /Compared with the previous day, new local confirmed cases fell by 1 and new local asymptomatic infections rose by 2\./,
      );
      const numbers = b.segments['zh-CN'].filter((s: { metric?: string }) => s.metric);
      assert.deepEqual(
        numbers.slice(0, 4).map((s: { metric: string; value: number }) => `${s.metric}=${s.value}`),
        ['newLocalConfirmed=3', 'newLocalAsymptomatic=35', 'localDischarged=3', 'localReleased=5'],
      );
    });

    test('every linked number opens exactly its records', async () => {
      const b = (await call('chief', 'GET', '')).json().briefing;
      for (const l of b.links) {
        const q = new URL(l.href.replace('/#/cases', 'http://x/'));
        const r = await t.app.inject({
          url: `/api/v1/cases?${q.searchParams}&pageSize=500`,
          headers: { cookie: cookies.chief as string },
        });
        assert.equal(r.json().total, l.value, l.metric);
      }
    });

    test('markdown and HTML carry the links; Traditional and English render too', async () => {
      const md = (await call('chief', 'GET', '/render?lang=zh-CN&format=md')).body;
      assert.match(md, /新增本土确诊病例\[3\]\(\/#\/cases\?date=2022-11-06&metric=newLocalConfirmed\)例/);
      const html = (await call('chief', 'GET', '/render?lang=en&format=html')).body;
      assert.match(
        html,
        /<a href="\/#\/cases\?date=2022-11-06&metric=newLocalAsymptomatic">35<\/a> new local asymptomatic infections/,
      );
      const json = (await call('chief', 'GET', '/render?lang=zh-TW&format=json')).json();
      assert.equal(json.title, '福州市疫情防控情況通報（2022年11月6日）');
    });

    test('draft → edit → approve by a second person → publish → frozen', async () => {
      assert.equal((await call('gulou', 'POST', '/draft')).statusCode, 403, 'district officers read only');
      const d = await call('chief', 'POST', '/draft');
      assert.equal(d.json().briefing.status, 'draft');
      // The author is not offered an approval the server would refuse; a second person is.
      assert.equal(d.json().briefing.mayApprove, false);
      assert.equal((await call('deputy', 'GET', '')).json().briefing.mayApprove, true);
      assert.equal((await call('gulou', 'GET', '')).json().briefing.mayApprove, false, 'no permission');
      const self = await call('chief', 'POST', '/approve');
      assert.equal(self.statusCode, 409);
      assert.equal(self.json().error.code, 'BRIEFING_SAME_PERSON');
      const texts = { ...d.json().briefing.texts, en: `${d.json().briefing.texts.en} Stay home when sick.` };
      const edited = (await call('deputy', 'PUT', '', { texts })).json().briefing;
      assert.equal(edited.editedBy, 'deputy');
      assert.deepEqual(edited.people, { chief: '王指挥长', deputy: '李副指挥长' }, 'the header names people');
      assert.equal(edited.segments, null, 'hand-edited text carries no generated links');
      assert.equal(
        (await call('deputy', 'POST', '/approve')).json().error.code,
        'BRIEFING_SAME_PERSON',
        'the editor is now deputy',
      );
      assert.equal((await call('chief', 'POST', '/publish')).json().error.code, 'BRIEFING_NOT_APPROVED');
      const approved = (await call('chief', 'POST', '/approve')).json().briefing;
      assert.deepEqual([approved.status, approved.approvedBy], ['approved', 'chief']);
      const published = (await call('deputy', 'POST', '/publish')).json().briefing;
      assert.equal(published.status, 'published');
      for (const [m, p, body] of [
        ['PUT', '', { texts }],
        ['POST', '/draft', undefined],
        ['POST', '/approve', undefined],
      ] as const) {
        const r = await call('chief', m, p, body);
        assert.equal(r.statusCode, 409);
        assert.equal(r.json().error.code, 'BRIEFING_FROZEN');
      }
      const md = (await call('chief', 'GET', '/render?lang=en&format=md')).body;
      assert.match(md, /Stay home when sick\./);
      assert.match(md, /- New local confirmed cases: \[3\]\(\/#\/cases\?date=2022-11-06&metric=newLocalConfirmed\)/);
      const audit = await t.ctx.db.k
        .selectFrom('audit_log')
        .select(['action', 'actor'])
        .where('entity', '=', 'briefing')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['briefing-draft', 'briefing-edit', 'briefing-approve', 'briefing-publish'],
      );
    });
  });
}
