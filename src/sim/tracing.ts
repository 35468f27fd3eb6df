import type { MarkKind } from '../health-code/marks.rules.ts';
import { personIdsByCommunity } from '../people/people.repo.ts';
import { findUserByName } from '../platform/auth/auth.repo.ts';
import type { Ctx } from '../platform/context.ts';
import { casesReported, personsOfDistrict, scansOfDay } from '../tracing/copresence.repo.ts';
import { traceCaseContacts } from '../tracing/copresence.service.ts';
import { personsBrief } from '../tracing/tracing.repo.ts';
import { storeMarks } from '../tracing/tracing.service.ts';
import { appendScans, personOfUser } from '../venues/venues.repo.ts';
import { zonesUpTo } from '../zones/zones.repo.ts';
import { Rng } from './rng.ts';

const SCAN_DAY = '2022-11-09';
const NOW = Date.parse('2022-11-11T20:00:00+08:00');
const MIN = 60_000;
const ORIGINS = ['上海市', '厦门市', '广州市', '北京市', '泉州市', '杭州市', '深圳市', '南昌市'];
const at = (day: string, hh: number, mm: number) =>
  Date.parse(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);

type Row = Parameters<typeof storeMarks>[2][number];
const row = (person_id: number, kind: MarkKind, since: number, extra: Partial<Row> = {}): Row => ({
  person_id,
  kind,
  since: new Date(since).toISOString(),
  index_case_id: null,
  zone_code: null,
  origin: null,
  source: 'manual',
  note: null,
  created_by: 'system',
  created_at: new Date(NOW).toISOString(),
  status: 'active',
  closed_by: null,
  closed_at: null,
  close_reason: null,
  ...extra,
});

/**
 * The tracing of the demo: a few cases reported on 10–11 November had been out on the 9th, at
 * venues among the day's scans (the market of the demo operator among them); co-presence tracing
 * puts the people near them on trace lists, the tracers upgrade the nearest to close contacts and
 * name a household member of each as a secondary contact; arrivals from other cities, fever-clinic
 * visits and people who left a high zone complete the list. The demo resident arrived that morning.
 */
export async function seedTracing(ctx: Ctx, seed: number): Promise<Record<string, number>> {
  const rng = new Rng(seed);
  const scans = await scansOfDay(ctx.db, SCAN_DAY, 20_000);
  const cases = (await casesReported(ctx.db, '2022-11-10', '2022-11-11')).filter((c) =>
    ['350102', '350103', '350104', '350111'].includes(c.district),
  );
  if (!scans.length || !cases.length) return { traced: 0 };
  // The market where most scans happened: the busiest venue of the day.
  const perVenue = new Map<number, number>();
  for (const s of scans) perVenue.set(s.venue_id, (perVenue.get(s.venue_id) ?? 0) + 1);
  const busiest = [...perVenue].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] as number;
  const busy = scans.filter((s) => s.venue_id === busiest);
  const traced = cases.slice(0, 6);
  const caseScans = traced.flatMap((c, i) => {
    const visits = [i % 2 === 0 ? rng.pick(busy) : rng.pick(scans), rng.pick(scans)];
    return visits.map((v, j) => {
      const t = Date.parse(v.at) + rng.int(-10, 10) * MIN;
      return {
        id: `demo-trace-${c.caseNo}-${j}`,
        venue_id: v.venue_id,
        person_id: c.personId,
        at: new Date(t).toISOString(),
        day: SCAN_DAY,
        // Scanned before anyone knew: a green code let them in.
        verdict: 'allow',
        colour: 'green',
        reasons: '[]',
        proxy: 0,
        source: 'code',
        request_hash: null,
        reply: null,
        // Made up as history for the trace, not decided by a check.
        policy_id: null,
        policy_rule: null,
      };
    });
  });
  await appendScans(ctx.db, caseScans);
  let onList = 0;
  const close: Row[] = [];
  for (const c of traced) {
    const { result, contacts } = await traceCaseContacts(ctx, 'system', { id: c.id }, { now: NOW });
    onList += result.added;
    close.push(
      ...[...contacts]
        .sort((a, b) => a[1] - b[1] || a[0] - b[0])
        .slice(0, 2)
        .map(([p, last]) => row(p, 'close-contact', last, { index_case_id: c.id, note: '同桌就餐/同行' })),
    );
  }
  // A secondary contact shares a home (here: a community) with a close contact and met them that evening.
  const homes = new Map(
    (
      await personsBrief(
        ctx.db,
        close.map((m) => m.person_id),
      )
    ).map((p) => [p.id, p.community_code]),
  );
  const housemates = await personIdsByCommunity(ctx.db, [...new Set(homes.values())]);
  const secondary = close.flatMap((m) => {
    const mates = (housemates.get(homes.get(m.person_id) ?? '') ?? []).filter((p) => p !== m.person_id);
    if (!mates.length) return [];
    return [
      row(
        rng.pick(mates),
        'secondary-contact',
        Math.min(Date.parse(m.since) + rng.int(6, 10) * 60 * MIN, NOW - 30 * MIN),
        {
          index_case_id: m.index_case_id,
          note: '密接者同住人员',
        },
      ),
    ];
  });
  const gulou = await personsOfDistrict(ctx.db, '350102', 40, 200);
  const pickPersons = (n: number) => Array.from({ length: n }, () => rng.pick(gulou).id);
  const arrivals = pickPersons(8).map((p, i) =>
    // Arrivals on the 11th land before the demo clock's 20:00, so none is recorded in the future.
    row(
      p,
      'arrival',
      i < 4 ? at('2022-11-10', rng.int(7, 21), rng.int(0, 59)) : at('2022-11-11', rng.int(7, 19), rng.int(0, 59)),
      {
        origin: rng.pick(ORIGINS),
      },
    ),
  );
  const resident = await findUserByName(ctx.db, 'resident');
  const residentPerson = resident ? await personOfUser(ctx.db, resident.id) : undefined;
  if (residentPerson !== undefined)
    arrivals.push(row(residentPerson, 'arrival', at('2022-11-11', 7, 40), { origin: '上海市', note: 'G1631次' }));
  const fever = pickPersons(5).map((p) =>
    row(p, 'fever-clinic', at(rng.pick(['2022-11-10', '2022-11-11']), rng.int(8, 17), rng.int(0, 59))),
  );
  // Zones drawn in the week before: people who left one while it was in force (on approval, to work elsewhere).
  const drawn = (await zonesUpTo(ctx.db, '2022-11-10')).filter((z) => z.designated_on >= '2022-11-04');
  const leavers = drawn.length
    ? pickPersons(5).map((p) => {
        const z = rng.pick(drawn);
        const from = Date.parse(`${z.designated_on}T10:00:00+08:00`);
        const lifted = z.lifted_on ? Date.parse(`${z.lifted_on}T08:00:00+08:00`) : Number.POSITIVE_INFINITY;
        const left = Math.max(from, Math.min(from + rng.int(1, 4) * 24 * 60 * MIN, lifted, at('2022-11-11', 16, 0)));
        return row(p, 'left-zone', left, { zone_code: z.code, note: '经审批离开' });
      })
    : [];
  const manual = [...close, ...secondary, ...arrivals, ...fever, ...leavers];
  const stored = await storeMarks(ctx, 'system', manual, { action: 'risk-marks-added', entityId: 'scenario' });
  return { traced: traced.length, onTraceList: onList, marks: stored.length + onList };
}
