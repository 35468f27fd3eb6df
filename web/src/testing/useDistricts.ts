import { useMemo } from 'react';
import type { Division, User } from '../api-types';
import { useApi } from '../common/useApi';
import { defaultDistrict } from '../figures/defaults';

/** The districts the user may pick (a district officer: their own) and a code → name lookup. */
export function useDistricts(user: User): {
  districts: Division[] | undefined;
  districtName: (code: string) => string;
  city: boolean;
} {
  const city = user.scope.kind === 'city';
  const own = defaultDistrict(user);
  const all = useApi<{ items: Division[] }>('/api/v1/divisions?level=district');
  const items = all.data?.items;
  const districts = useMemo(() => (city ? items : items?.filter((d) => d.code === own)), [city, items, own]);
  const names = useMemo(() => new Map(items?.map((d) => [d.code, d.name])), [items]);
  const districtName = useMemo(() => (code: string) => names.get(code) ?? code, [names]);
  return { districts, districtName, city };
}
