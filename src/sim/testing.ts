import { readFileSync } from 'node:fs';
import { DISTRICT_SHAPES_FILE, DIVISIONS } from '../geo/geo.data.ts';
import { personsOfDistricts } from '../people/people.repo.ts';
import { findUserByName } from '../platform/auth/auth.repo.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import type { Ctx } from '../platform/context.ts';
import { listAlerts } from '../testing/alerts.repo.ts';
import { acknowledgeAlert } from '../testing/alerts.service.ts';
import { receiveTubes } from '../testing/receipts.service.ts';
import { type ResultInput, recordResults } from '../testing/results.service.ts';
import { recordSamples, type SampleInput } from '../testing/samples.service.ts';
import { createCampaign, createSites } from '../testing/testing.service.ts';
import { Rng } from './rng.ts';

const DISTRICTS = ['350102', '350103', '350104', '350111'];
const DAYS = ['2022-11-08', '2022-11-09', '2022-11-10', '2022-11-11'];
const POOL = 10;
/** The lab that falls behind from round 3 on, and does not always scan tubes in. */
const LATE_LAB = 'LAB-KM-03';
const MIN = 60_000;

type Ring = number[][];
/** Whether a point lies inside a polygon (outer ring and holes), by ray casting. */
function inPolygon([x, y]: [number, number], rings: Ring[]): boolean {
  let inside = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] as number[];
      const [xj = 0, yj = 0] = ring[j] as number[];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}

type Shapes = { features: Array<{ properties: { code: string }; geometry: { type: string; coordinates: unknown } }> };
let shapes: Shapes | undefined;

/** A deterministic point inside a district's shape (rejection sampling in its bounding box). */
function pointIn(district: string, rng: Rng): { lng: number; lat: number } | undefined {
  shapes ??= JSON.parse(readFileSync(DISTRICT_SHAPES_FILE, 'utf8')) as Shapes;
  const g = shapes.features.find((f) => f.properties.code === district)?.geometry;
  if (!g) return undefined;
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
  const xs = polygons.flat(2);
  const [x0, x1] = [Math.min(...xs.map((p) => p[0] as number)), Math.max(...xs.map((p) => p[0] as number))];
  const [y0, y1] = [Math.min(...xs.map((p) => p[1] as number)), Math.max(...xs.map((p) => p[1] as number))];
  for (let i = 0; i < 1000; i++) {
    const p: [number, number] = [x0 + rng.next() * (x1 - x0), y0 + rng.next() * (y1 - y0)];
    if (polygons.some((rings) => inPolygon(p, rings)))
      return { lng: Math.round(p[0] * 1e5) / 1e5, lat: Math.round(p[1] * 1e5) / 1e5 };
  }
  return undefined;
}

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
export async function seedTesting(
  ctx: Ctx,
  rng: Rng,
  /** Runs once each day's round is recorded: what happened that evening sees the statuses of then. */
  afterRound?: (day: string) => Promise<void>,
): Promise<Record<string, number>> {
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
  // Site positions, receipts and lab delays draw on their own stream, so the rest of the demo stays as it was.
  const own = new Rng(0x7e57_1108);
  await createSites(
    ctx,
    'system',
    siteList.filter((s) => s.communityCode).map((s) => ({ ...s, ...pointIn(s.communityCode.slice(0, 6), own) })),
  );
  const sitesByStreet = new Map<string, string[]>();
  for (const s of siteList)
    sitesByStreet.set(s.communityCode.slice(0, 9), [...(sitesByStreet.get(s.communityCode.slice(0, 9)) ?? []), s.code]);

  const people = await personsOfDistricts(ctx.db, DISTRICTS);
  const ids = people.map((p) => ({ idNumber: ctx.crypto.decrypt(p.id_cipher), street: p.street_code }));
  let samples = 0;
  let tubes = 0;
  let positivePools = 0;
  let waitingTubes = 0;
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
    // Received 1–4 h after sampling, resulted 4–10 h after; the late lab adds 4–8 h from round 3 on,
    // skips the receipt scan for some tubes and still owes a few results at the end of the campaign.
    const results: ResultInput[] = [];
    const waiting: Array<{ tube: string; lab: string; receivedAt: string }> = [];
    for (const tube of codes) {
      const sampled = Date.parse(tubeTimes.get(tube) as string);
      const hours = rng.int(4, 10);
      const labCode = rng.pick(['LAB-FZ-01', 'LAB-FZ-02', LATE_LAB]);
      const ctValue = positives.has(tube) ? String(rng.int(28, 36)) : '';
      const late = labCode === LATE_LAB && r >= 2;
      const toReceipt = own.int(60, 240);
      const received = new Date(sampled + toReceipt * MIN).toISOString();
      const resultedAt = new Date(
        sampled +
          Math.max(hours * 60 + own.int(0, 59), toReceipt + 90) * MIN +
          (late ? own.int(4 * 60, 8 * 60) * MIN : 0),
      ).toISOString();
      const scanned = own.next() >= (labCode === LATE_LAB ? 0.15 : 0.02);
      if (late && r === DAYS.length - 1 && !positives.has(tube) && own.next() < 0.02) {
        waiting.push({ tube, lab: labCode, receivedAt: received });
        continue;
      }
      results.push({
        row: results.length + 2,
        tubeCode: tube,
        result: positives.has(tube) ? 'positive' : 'negative',
        resultedAt,
        labCode,
        ctValue,
        receivedAt: scanned ? received : '',
      });
    }
    for (const w of waiting)
      await receiveTubes(ctx, 'system', { labCode: w.lab, tubeCodes: [w.tube], receivedAt: w.receivedAt }, 'demo');
    waitingTubes += waiting.length;
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
            receivedAt: at(retestDay, 9 * 60),
          };
        }),
        `demo-retest-results-${r + 1}`,
      );
    }
    await afterRound?.(day);
  }
  const acknowledged = await acknowledgeEarlyAlerts(ctx, own);
  return { sites: siteList.length, samples, tubes, positivePools, waitingTubes, acknowledged };
}

/** The districts took on the alerts of the first days within the hour; the last day's are still open. */
async function acknowledgeEarlyAlerts(ctx: Ctx, rng: Rng): Promise<number> {
  const last = `${DAYS[DAYS.length - 1]}T00:00:00+08:00`;
  const officers: Record<string, string> = { '350102': 'gulou-officer', '350104': 'cangshan-officer' };
  let n = 0;
  for (const a of await listAlerts(ctx.db, { open: true }, 10_000)) {
    if (Date.parse(a.created_at) >= Date.parse(last)) continue;
    const u = await findUserByName(ctx.db, officers[a.district_code] ?? 'commander');
    if (!u) continue;
    const actor: Actor = {
      userId: u.id,
      username: u.username,
      role: u.role as Actor['role'],
      scope: { kind: u.scope_kind as Actor['scope']['kind'], code: u.scope_code },
    };
    await acknowledgeAlert(ctx, actor, a.id, new Date(Date.parse(a.created_at) + rng.int(8, 55) * MIN).toISOString());
    n++;
  }
  return n;
}
