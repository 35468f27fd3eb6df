import type { User } from '../api-types';
import { Campaign } from './Campaign';
import { Lab } from './Lab';
import { Lookup } from './Lookup';
import { Retests } from './Retests';
import { Sites } from './Sites';
import './testing.css';
import './turnaround.css';

/** `#/testing?campaign=…&round=…&area=…`, `#/testing/sites`, `#/testing/retests`, `#/testing/lookup` and `#/testing/lab`. */
export function TestingArea({ user, page }: { user: User; page: string | undefined }) {
  if (page === 'sites') return <Sites user={user} />;
  if (page === 'retests') return <Retests user={user} />;
  if (page === 'lookup') return <Lookup user={user} />;
  if (page === 'lab') return <Lab user={user} />;
  return <Campaign user={user} />;
}
