import type { Figures, User } from '../api-types';
import { isIsoDate } from '../common/dates';

/** The demo data is Fuzhou, 24 Oct – 15 Nov 2022; DEFAULT_DATE is used when `GET /api/v1/figures/latest` has no day. */
export const DEFAULT_DATE = '2022-11-06';
export const DEFAULT_FROM = '2022-10-24';
export const DEFAULT_TO = '2022-11-15';

/** The area a user starts on: the city for a city scope, else the district their scope lies in. */
export function defaultDistrict(user: User): string {
  return user.scope.kind === 'city' ? '' : user.scope.code.slice(0, 6);
}

export const dayOr = (s: string | undefined, fallback: string): string => (isIsoDate(s) ? s : fallback);

/** New local cases, both kinds (what the map colours by). */
export const newLocal = (f: Figures): number => f.newLocalConfirmed + f.newLocalAsymptomatic;
