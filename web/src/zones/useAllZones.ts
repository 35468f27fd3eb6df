import { useCallback, useEffect, useState } from 'react';
import { api, query } from '../api';
import type { Zone, ZoneList } from '../api-types';

const PAGE = 500;
/** A city has hundreds of zones at the peak; stop well before a runaway loop. */
const MAX_PAGES = 20;

export interface AllZones {
  zones: Zone[] | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Every zone matching the filters (all pages), for the map; the table pages through the same list itself. */
export function useAllZones(params: { date: string; district: string; level: string; status: string }): AllZones {
  const { date, district, level, status } = params;
  const [state, setState] = useState<{ zones?: Zone[]; error?: unknown; loading: boolean }>({ loading: true });
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    void nonce;
    const ctrl = new AbortController();
    setState((s) => ({ zones: s.zones, loading: true }));
    (async () => {
      const zones: Zone[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const q = query({ date, district, level, status, page, pageSize: PAGE });
        const res = await api<ZoneList>(`/api/v1/zones${q}`, { signal: ctrl.signal });
        zones.push(...res.items);
        if (res.items.length === 0 || zones.length >= res.total) break;
      }
      return zones;
    })().then(
      (zones) => setState({ zones, loading: false }),
      (error: unknown) => {
        if (!ctrl.signal.aborted) setState({ error, loading: false });
      },
    );
    return () => ctrl.abort();
  }, [date, district, level, status, nonce]);

  return { zones: state.zones, error: state.error, loading: state.loading, reload };
}
