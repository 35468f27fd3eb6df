import type { User } from '../api-types';
import { Campaign } from './Campaign';
import { Lookup } from './Lookup';
import { Retests } from './Retests';
import { Sites } from './Sites';
import './testing.css';

/** `#/testing?campaign=…&round=…&area=…`, `#/testing/sites`, `#/testing/retests` and `#/testing/lookup`. */
export function TestingArea({ user, page }: { user: User; page: string | undefined }) {
  if (page === 'sites') return <Sites user={user} />;
  if (page === 'retests') return <Retests user={user} />;
  if (page === 'lookup') return <Lookup />;
  return <Campaign user={user} />;
}
