import { useMemo } from 'react';
import type { Division, User, ZoneLevel, ZoneStatus } from '../api-types';
import { useBusinessToday } from '../common/clock';
import { useQuery } from '../common/router';
import { useApi } from '../common/useApi';
import { ZONE_LEVELS } from '../domain';
import { dayOr, defaultDistrict } from '../figures/defaults';
import type { ZoneFilter } from './ZoneFilters';

const asLevel = (s: string | undefined): ZoneLevel | '' =>
  (ZONE_LEVELS as readonly string[]).includes(s ?? '') ? (s as ZoneLevel) : '';
const asStatus = (s: string | undefined): ZoneStatus | '' => (s === 'active' || s === 'lifted' ? s : '');

/** The zone screens' filter from the address, and the districts the user may pick. */
export function useZoneParams(user: User): {
  filter: ZoneFilter;
  districts: Division[] | undefined;
  districtName: (code: string) => string;
  city: boolean;
  today: string;
  picked: boolean;
} {
  const q = useQuery();
  const city = user.scope.kind === 'city';
  // The zones in force on the business today, unless a day is in the address.
  const today = useBusinessToday();
  const date = dayOr(q.date, today);
  const district = q.district ?? defaultDistrict(user);
  const level = asLevel(q.level);
  const status = asStatus(q.status);
  const filter = useMemo<ZoneFilter>(() => ({ date, district, level, status }), [date, district, level, status]);

  const all = useApi<{ items: Division[] }>('/api/v1/divisions?level=district');
  // a district officer sees their own district only
  const own = defaultDistrict(user);
  const items = all.data?.items;
  const districts = useMemo(() => (city ? items : items?.filter((d) => d.code === own)), [city, items, own]);
  const names = useMemo(() => new Map(items?.map((d) => [d.code, d.name])), [items]);
  const districtName = useMemo(() => (code: string) => names.get(code) ?? code, [names]);
  return { filter, districts, districtName, city, today, picked: date !== today };
}
