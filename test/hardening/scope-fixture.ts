import { sql } from 'kysely';
import type { Ctx } from '../../src/platform/context.ts';

/** The requests the matrix sends: what `app.inject` takes, less the session. */
export interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** A GET. */
export const get = (url: string): Req => ({ method: 'GET', url });
/** A request with a JSON (or raw, with its content type) body. */
export const send = (method: Req['method'], url: string, payload: unknown = {}, type?: string): Req => ({
  method,
  url,
  payload,
  ...(type ? { headers: { 'content-type': type } } : {}),
});

/** One side's records: what a caller of another jurisdiction must never reach. */
export interface Side {
  name: 'C' | 'G2';
  district: string;
  street: string;
  community: string;
  person: { id: number; idNumber: string };
  venue: string;
  zone: string;
  duty: number;
  site: string;
  tube: string;
  alert: number;
  mark: number;
  caseId: number;
  caseNo: string;
  appeal: number;
  trackingNo: string;
  enterprise: string;
  task: number;
  override: number;
  /** An outlet no demo manager runs, a delivery point of the side's zone and a swab taken in the district. */
  outlet: string;
  point: number;
  sample: { tube: string; person: number };
}

/** The demo's campaign and the day of scans. */
export const CAMPAIGN = 'FZ-2022-11-08';
export const DAY = '2022-11-09';

// The side must not hold what the narrower demo accounts own: the leader's street, the operators'
// venues, the liaison's and the enterprise account's enterprises, the resident's person.
const LEADER_STREET = '350102001';

async function one<T>(ctx: Ctx, q: ReturnType<typeof sql<T>>, what: string): Promise<T> {
  const row = (await q.execute(ctx.db.k)).rows[0];
  if (!row) throw new Error(`scope fixture: no ${what}`);
  return row;
}

/** A valid 18-digit resident ID (GB 11643 check digit) born in a district. */
export function residentId(district: string, serial: number): string {
  const body = `${district}19800101${String(serial).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * (w[i] as number), 0);
  return body + ('10X98765432'[sum % 11] as string);
}

/** Reads one side's records out of the seeded demo; its person, override and delivery point are made by the caller. */
export async function sideOf(ctx: Ctx, name: Side['name'], district: string): Promise<Side> {
  const notLeader = name === 'G2' ? `${LEADER_STREET}%` : '-';
  const street = await one<{ s: string }>(
    ctx,
    sql`select street_code as s from zones where district_code = ${district} and street_code not like ${notLeader} order by (status = 'active') desc, id limit 1`,
    'zone street',
  );
  const zone = await one<{ code: string; id: number }>(
    ctx,
    sql`select code, id from zones where street_code = ${street.s} order by (status = 'active') desc, id limit 1`,
    'zone',
  );
  const venue = await one<{ code: string }>(
    ctx,
    sql`select code from venues where district_code = ${district} and community_code not like ${notLeader}
        and id not in (select venue_id from venue_operators) order by id limit 1`,
    'venue',
  );
  const site = await one<{ code: string }>(
    ctx,
    sql`select code from sampling_sites where district_code = ${district} and community_code not like ${notLeader} order by id limit 1`,
    'site',
  );
  const tube = await one<{ code: string }>(
    ctx,
    sql`select code from tubes where site_code = ${site.code} order by code limit 1`,
    'tube',
  );
  const alert = await one<{ id: number }>(
    ctx,
    sql`select id from testing_alerts where district_code = ${district} order by id limit 1`,
    'alert',
  );
  const kase = await one<{ id: number; case_no: string }>(
    ctx,
    sql`select id, case_no from cases where district_code = ${district} and community_code not like ${notLeader} order by id limit 1`,
    'case',
  );
  const appeal = await one<{ id: number; tracking_no: string }>(
    ctx,
    sql`select id, tracking_no from appeals where district_code = ${district} order by id limit 1`,
    'appeal',
  );
  const liaison = await one<{ cadre_id: number }>(
    ctx,
    sql`select cadre_id from appeal_accounts where username = 'liaison'`,
    'liaison',
  );
  const enterprise = await one<{ credit_code: string; id: number }>(
    ctx,
    sql`select credit_code, id from enterprises where district_code = ${district}
        and coalesce(liaison_cadre_id, 0) <> ${liaison.cadre_id}
        and id not in (select enterprise_id from appeal_accounts where enterprise_id is not null)
        and liaison_cadre_id is not null order by id limit 1`,
    'enterprise',
  );
  const task = await one<{ id: number }>(
    ctx,
    sql`select t.id from liaison_tasks t join enterprises e on e.id = t.enterprise_id
        where e.district_code = ${district} and t.cadre_id <> ${liaison.cadre_id} order by t.id limit 1`,
    'liaison task',
  );
  const duty = await one<{ id: number }>(
    ctx,
    sql`select id from zone_duties where zone_id = ${zone.id} order by id limit 1`,
    'duty',
  );
  const mark = await one<{ id: number }>(
    ctx,
    sql`select m.id from risk_marks m join persons p on p.id = m.person_id
        where p.district_code = ${district} and p.street_code not like ${notLeader} order by m.id limit 1`,
    'mark',
  );
  const outlet = await one<{ code: string }>(
    ctx,
    sql`select code from courier_outlets where district_code = ${district}
        and id not in (select outlet_id from courier_outlet_managers) order by id limit 1`,
    'outlet',
  );
  const sample = await one<{ tube: string; person: number }>(
    ctx,
    sql`select s.tube_code as tube, s.person_id as person from samples s join tubes t on t.code = s.tube_code
        where t.district_code = ${district} and s.person_id is not null order by s.tube_code limit 1`,
    'sample',
  );
  const community = await one<{ c: string }>(
    ctx,
    sql`select community_code as c from persons where street_code = ${street.s} order by id limit 1`,
    'community',
  );
  return {
    name,
    district,
    street: street.s,
    community: community.c,
    person: { id: 0, idNumber: '' },
    venue: venue.code,
    zone: zone.code,
    duty: duty.id,
    site: site.code,
    tube: tube.code,
    alert: alert.id,
    mark: mark.id,
    caseId: kase.id,
    caseNo: kase.case_no,
    appeal: appeal.id,
    trackingNo: appeal.tracking_no,
    enterprise: enterprise.credit_code,
    task: task.id,
    override: 0,
    outlet: outlet.code,
    point: 0,
    sample: { tube: sample.tube, person: Number(sample.person) },
  };
}

/** The record keys (codes, numbers) of every row outside an area: none may appear in its answers. */
export async function keysOutside(
  ctx: Ctx,
  area: { district?: string; street?: string; venues?: string[]; enterprises?: string[]; outlets?: string[] },
): Promise<Set<string>> {
  const keys = new Set<string>();
  const add = (rows: Array<{ k: string }>) => {
    for (const r of rows) keys.add(r.k);
  };
  const run = async (q: ReturnType<typeof sql<{ k: string }>>) => add((await q.execute(ctx.db.k)).rows);
  if (area.district) {
    const d = area.district;
    const inStreet = `${area.street ?? d}%`;
    await run(sql`select credit_code as k from enterprises where district_code <> ${d}`);
    await run(sql`select code as k from venues where community_code not like ${inStreet}`);
    await run(sql`select code as k from zones where community_code not like ${inStreet}`);
    await run(sql`select tracking_no as k from appeals where district_code <> ${d}`);
    await run(sql`select case_no as k from cases where coalesce(community_code, district_code) not like ${inStreet}`);
    await run(sql`select s.code as k from sampling_sites s where s.community_code not like ${inStreet}`);
    await run(sql`select code as k from tubes where district_code <> ${d}`);
    await run(sql`select code as k from courier_outlets where district_code <> ${d}`);
  }
  if (area.venues) {
    const own = new Set(area.venues);
    for (const r of (await sql<{ k: string }>`select code as k from venues`.execute(ctx.db.k)).rows)
      if (!own.has(r.k)) keys.add(r.k);
  }
  if (area.enterprises) {
    const own = new Set(area.enterprises);
    for (const r of (await sql<{ k: string }>`select credit_code as k from enterprises`.execute(ctx.db.k)).rows)
      if (!own.has(r.k)) keys.add(r.k);
  }
  if (area.outlets) {
    const own = new Set(area.outlets);
    for (const r of (await sql<{ k: string }>`select code as k from courier_outlets`.execute(ctx.db.k)).rows)
      if (!own.has(r.k)) keys.add(r.k);
  }
  return keys;
}
