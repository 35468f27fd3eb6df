import type { Figures, User } from '../api-types';
import { isIsoDate } from '../common/dates';

/** The trend charts' default span: three weeks up to the business today. */
export const TREND_DAYS = 21;

/** The area a user starts on: the city for a city scope, else the district their scope lies in. */
export function defaultDistrict(user: User): string {
  return user.scope.kind === 'city' ? '' : user.scope.code.slice(0, 6);
}

export const dayOr = (s: string | undefined, fallback: string): string => (isIsoDate(s) ? s : fallback);

/** New local cases, both kinds (what the map colours by). */
export const newLocal = (f: Figures): number => f.newLocalConfirmed + f.newLocalAsymptomatic;
