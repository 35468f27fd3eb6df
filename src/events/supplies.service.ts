import type { Ctx } from '../platform/context.ts';
import { judge } from './classify.service.ts';
import { sessionsOf } from './events.repo.ts';
import type { Supplies } from './events.schema.ts';
import { allow, type EventActor, instantOf, prefixOf } from './events.service.ts';

/**
 * What each site hands out (RULES.md: masks and a free lunch for every candidate): a fresh mask for
 * every session a candidate sits and a lunch for every exam day. Barred candidates do not come; a
 * special candidate the plan seated in an isolation room of another site is fed and masked there.
 */
export async function examSupplies(
  ctx: Ctx,
  actor: EventActor,
  code: string,
  q: { at?: string } = {},
): Promise<Supplies> {
  allow(actor, 'events:read');
  const j = await judge(ctx, code, instantOf(q.at));
  const sessions = await sessionsOf(ctx.db, j.event.id);
  const days = new Set(sessions.map((s) => s.day)).size;
  const roomSite = new Map(j.rooms.map((r) => [r.id, { site: r.site_id, isolation: !!r.isolation }]));
  const per = new Map<number, { regular: number; special: number; barred: number }>();
  for (const s of j.sites) per.set(s.id, { regular: 0, special: 0, barred: 0 });
  for (const { c, verdict } of j.items) {
    const planned = c.planned_room_id === null ? undefined : roomSite.get(c.planned_room_id);
    const site = verdict.class === 'special' && planned?.isolation ? planned.site : c.site_id;
    const n = per.get(site);
    if (n) n[verdict.class]++;
  }
  const prefix = prefixOf(actor);
  const sites = j.sites
    .filter((s) => s.district_code.startsWith(prefix))
    .map((s) => {
      const n = per.get(s.id) ?? { regular: 0, special: 0, barred: 0 };
      const sitting = n.regular + n.special;
      return {
        siteCode: s.venue_code,
        siteName: s.name,
        districtCode: s.district_code,
        regular: n.regular,
        special: n.special,
        barred: n.barred,
        masks: sitting * sessions.length,
        lunches: sitting * days,
      };
    })
    .sort((a, b) => a.districtCode.localeCompare(b.districtCode) || a.siteCode.localeCompare(b.siteCode));
  const sum = (k: 'regular' | 'special' | 'barred' | 'masks' | 'lunches') => sites.reduce((a, s) => a + s[k], 0);
  return {
    event: j.event.code,
    at: new Date(j.at).toISOString(),
    policy: j.policy,
    sessions: sessions.length,
    days,
    perCandidate: { masks: sessions.length, lunches: days },
    totals: {
      regular: sum('regular'),
      special: sum('special'),
      barred: sum('barred'),
      masks: sum('masks'),
      lunches: sum('lunches'),
    },
    sites,
  };
}
