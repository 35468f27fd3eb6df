import { divisionOf } from '../geo/geo.data.ts';
import type { Ctx } from '../platform/context.ts';
import { dayOf } from '../platform/dates.ts';
import { zonesWithNotices } from './zones.repo.ts';
import { levelAt } from './zones.rules.ts';

/** A zone sealed at an instant, as other modules (the courier sector's delivery points) list it. */
export interface SealedZone {
  code: string;
  name: string;
  level: 'high' | 'medium';
  districtCode: string;
  districtName: string;
  communityName: string;
  designatedOn: string;
}

/**
 * The zones sealed (high or medium) at an instant within some division prefixes. The level comes
 * from the notices in force at that instant, not from the zone row: the row holds the level after
 * the last notice on record, and the demo records the lifts of the days after the scenario's
 * (every zone of the demo is lifted by its last day, so the rows alone list none). A zone with no
 * notices on record (entered directly) counts by its row, as for its residents' colours.
 */
export async function sealedZonesAt(ctx: Ctx, now: number, prefixes: string[]): Promise<SealedZone[]> {
  const day = dayOf(new Date(now).toISOString());
  const { zones, changes } = await zonesWithNotices(ctx.db, day, prefixes);
  const byZone = new Map<number, typeof changes>();
  for (const c of changes) byZone.set(c.zone_id, [...(byZone.get(c.zone_id) ?? []), c]);
  const out: SealedZone[] = [];
  for (const z of zones) {
    const notices = (byZone.get(z.id) ?? []).map((c) => ({ ...c, toLevel: c.to_level }));
    const level = levelAt(notices, now) ?? (z.status === 'active' && notices.length === 0 ? z.level : null);
    if (level !== 'high' && level !== 'medium') continue;
    out.push({
      code: z.code,
      name: z.name,
      level,
      districtCode: z.district_code,
      districtName: divisionOf(z.district_code)?.name ?? z.district_code,
      communityName: divisionOf(z.community_code)?.name ?? z.community_code,
      designatedOn: z.designated_on,
    });
  }
  return out;
}
