import type { User } from '../api-types';
import { Evaluation } from './Evaluation';
import { ZoneDetail } from './ZoneDetail';
import { Zones } from './Zones';
import './zones.css';
import './zone-detail.css';
import './taskforce.css';

/** `#/zones`, `#/zones/detail?code=…` and `#/zones/evaluation?date=…`. */
export function ZonesArea({ user, page }: { user: User; page: string | undefined }) {
  if (page === 'detail') return <ZoneDetail user={user} />;
  if (page === 'evaluation') return <Evaluation user={user} />;
  return <Zones user={user} />;
}
