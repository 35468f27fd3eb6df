import { DIVISIONS } from '../geo/geo.data.ts';
import type { Ctx } from '../platform/context.ts';
import { type ResultInput, recordResults } from '../testing/results.service.ts';
import { recordSamples, type SampleInput } from '../testing/samples.service.ts';
import { createCampaign, createSites } from '../testing/testing.service.ts';
import type { Rng } from './rng.ts';

const DISTRICTS = ['350102', '350103', '350104', '350111'];
const DAYS = ['2022-11-08', '2022-11-09', '2022-11-10', '2022-11-11'];
const POOL = 10;

const at = (day: string, minutes: number) => {
  const h = String(Math.floor(minutes / 60)).padStart(2, '0');
  const m = String(minutes % 60).padStart(2, '0');
  return `${day}T${h}:${m}:00+08:00`;
};

/**
 * The regional testing of 8–11 November 2022 in the four urban districts: sites in every street,
 * one round a day in 10-in-1 tubes, most residents sampled each day, results within hours, and a few
 * positive pools whose members are retested door to door by single tube.
 */
export async function seedTesting(ctx: Ctx, rng: Rng): Promise<Record<string, number>> {
  await createCampaign(ctx, 'system', {
    code: 'FZ-2022-11-08',
    name: '11月8日至11日部分区域核酸检测',
    startOn: DAYS[0] as string,
    endOn: DAYS[DAYS.length - 1] as string,
    areas: DISTRICTS.map((code) => ({ code, poolSize: POOL })),
  });
  const streets = DIVISIONS.filter((d) => d.level === 'street' && DISTRICTS.includes(d.parentCode));
  const siteList = streets.flatMap((s, i) => {
    const communities = DIVISIONS.filter((d) => d.parentCode === s.code);
    return [0, 1].map((n) => ({
      code: `S${s.code}-${n + 1}`,
      name: `${s.name}${n ? '社区' : '便民'}采样点${i + 1}-${n + 1}`,
      communityCode: (rng.pick(communities) ?? communities[0])?.code as string,
      lanes: rng.int(2, 6),
      hours: '07:00-21:00',
    }));
  });
  await createSites(
    ctx,
    'system',
    siteList.filter((s) => s.communityCode),
  );
  const sitesByStreet = new Map<string, string[]>();
  for (const s of siteList)
    sitesByStreet.set(s.communityCode.slice(0, 9), [...(sitesByStreet.get(s.communityCode.slice(0, 9)) ?? []), s.code]);

  const people = await ctx.db.k
    .selectFrom('persons')
    .select(['id', 'id_cipher', 'street_code'])
    .where('district_code', 'in', DISTRICTS)
    .orderBy('id')
    .execute();
  const ids = people.map((p) => ({ idNumber: ctx.crypto.decrypt(p.id_cipher), street: p.street_code }));
  let samples = 0;
  let tubes = 0;
  let positivePools = 0;
  for (const [r, day] of DAYS.entries()) {
    // Each site fills tubes in arrival order; most residents come every day.
    const rows: SampleInput[] = [];
    const bySite = new Map<string, typeof ids>();
    for (const p of ids) {
      if (rng.next() > 0.93) continue;
      const site = rng.pick(sitesByStreet.get(p.street) ?? siteList.map((s) => s.code));
      bySite.set(site, [...(bySite.get(site) ?? []), p]);
    }
    const tubeTimes = new Map<string, string>();
    for (const [site, list] of bySite) {
      list.forEach((p, i) => {
        const tube = `T${day.replaceAll('-', '').slice(2)}-${site.slice(1)}-${String(Math.floor(i / POOL) + 1).padStart(4, '0')}`;
        const sampledAt = at(day, 7 * 60 + Math.min(13 * 60, Math.floor((i / list.length) * 13 * 60)));
        if (!tubeTimes.has(tube)) tubeTimes.set(tube, sampledAt);
        rows.push({
          row: rows.length + 2,
          tubeCode: tube,
          poolSize: POOL,
          sampledAt,
          siteCode: site,
          idNumber: p.idNumber,
        });
      });
    }
    await recordSamples(ctx, 'system', rows, `demo-round-${r + 1}`);
    samples += rows.length;
    tubes += tubeTimes.size;
    const codes = [...tubeTimes.keys()];
    const positives = new Set(Array.from({ length: 2 }, () => rng.pick(codes)));
    positivePools += positives.size;
    const results: ResultInput[] = codes.map((tube, i) => ({
      row: i + 2,
      tubeCode: tube,
      result: positives.has(tube) ? 'positive' : 'negative',
      resultedAt: new Date(Date.parse(tubeTimes.get(tube) as string) + rng.int(3, 9) * 3600_000).toISOString(),
      labCode: rng.pick(['LAB-FZ-01', 'LAB-FZ-02', 'LAB-KM-03']),
      ctValue: positives.has(tube) ? String(rng.int(28, 36)) : '',
    }));
    await recordResults(ctx, 'system', results, `demo-results-${r + 1}`);
    // Door-to-door single-tube retests of the positive pools: one member turns out positive.
    const members = rows.filter((s) => positives.has(s.tubeCode));
    const retestDay = DAYS[r + 1] ?? day;
    const singles: SampleInput[] = members.map((m, i) => ({
      ...m,
      row: i + 2,
      tubeCode: `R${m.tubeCode.slice(1)}-${i + 1}`,
      poolSize: 1,
      sampledAt: at(retestDay, 6 * 60 + i),
    }));
    if (singles.length) {
      await recordSamples(ctx, 'system', singles, `demo-retests-${r + 1}`);
      const firstOfPool = new Set<string>();
      await recordResults(
        ctx,
        'system',
        singles.map((s, i) => {
          const pool = members[i]?.tubeCode as string;
          const positive = !firstOfPool.has(pool);
          firstOfPool.add(pool);
          return {
            row: i + 2,
            tubeCode: s.tubeCode,
            result: positive ? 'positive' : 'negative',
            resultedAt: at(retestDay, 13 * 60),
            labCode: 'LAB-FZ-01',
            ctValue: positive ? '31' : '',
          };
        }),
        `demo-retest-results-${r + 1}`,
      );
    }
  }
  return { sites: siteList.length, samples, tubes, positivePools };
}
