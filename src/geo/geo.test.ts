import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { DIVISIONS } from './geo.data.ts';
import { districtShapes, getDivision, listDivisions, resolveCommunity } from './geo.service.ts';

test('the committed reference data covers Fuzhou: 13 districts, 186 streets, their communities', () => {
  const count = (level: string) => DIVISIONS.filter((d) => d.level === level).length;
  assert.equal(count('district'), 13);
  assert.equal(count('street'), 186);
  assert.ok(count('community') > 3000);
  for (const d of DIVISIONS) assert.ok(d.code.startsWith(d.parentCode) || d.parentCode === '3501', d.code);
});

test('district shapes carry the division codes, with 长乐市 mapped to 长乐区 350112', () => {
  const geo = JSON.parse(districtShapes()) as { features: Array<{ properties: { name: string; code: string } }> };
  assert.equal(geo.features.length, 13);
  const codes = new Set(geo.features.map((f) => f.properties.code));
  for (const d of DIVISIONS.filter((x) => x.level === 'district')) assert.ok(codes.has(d.code), d.name);
  assert.equal(geo.features.find((f) => f.properties.code === '350112')?.properties.name, '长乐区');
});

test('a community resolves to its street and district', () => {
  const r = resolveCommunity('350102001001');
  assert.equal(r.district.name, '鼓楼区');
  assert.equal(r.street.name, '鼓东街道');
  assert.throws(() => resolveCommunity('350102001'), /not a community/);
});

for (const dialect of dialects()) {
  describe(`divisions repository on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    test('lists by level and parent; shows the path', async () => {
      assert.equal((await listDivisions(ctx, { level: 'district' })).length, 13);
      const streets = await listDivisions(ctx, { parent: '350102' });
      assert.ok(streets.length > 5 && streets.every((s) => s.level === 'street'));
      const c = await getDivision(ctx, '350102001001');
      assert.deepEqual(
        c.path.map((d) => d.code),
        ['350102', '350102001', '350102001001'],
      );
      await assert.rejects(getDivision(ctx, '350199'), /Unknown division/);
    });
  });
}
