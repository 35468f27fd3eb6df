import { useEffect, useMemo, useState } from 'react';
import { api } from '../api';
import type { DivisionDetail } from '../api-types';

/** Looking up more names than this one by one is not worth it: the rest show their code. */
const MAX_LOOKUPS = 50;

/** Names of a few divisions by code (e.g. the communities of the open retests); a code until its name arrives. */
export function useDivisionNames(codes: string[]): (code: string) => string {
  const key = useMemo(() => [...new Set(codes)].sort().slice(0, MAX_LOOKUPS).join(','), [codes]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (!key) return;
    const ctrl = new AbortController();
    Promise.all(
      key.split(',').map((code) =>
        api<DivisionDetail>(`/api/v1/divisions/${encodeURIComponent(code)}`, { signal: ctrl.signal }).then(
          (d) => [code, d.division.name] as const,
          () => [code, code] as const,
        ),
      ),
    ).then((pairs) => {
      if (!ctrl.signal.aborted) setNames(new Map(pairs));
    });
    return () => ctrl.abort();
  }, [key]);
  return useMemo(() => (code: string) => names.get(code) ?? code, [names]);
}
