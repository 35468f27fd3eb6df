import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import type { DistrictFeatureCollection } from './map';

let cache: Promise<DistrictFeatureCollection> | undefined;

/** The district shapes, fetched once per page load (they do not depend on language or user). */
export function useGeo(): { geo?: DistrictFeatureCollection; error?: unknown; reload: () => void } {
  const [state, setState] = useState<{ geo?: DistrictFeatureCollection; error?: unknown }>({});
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => {
    cache = undefined;
    setNonce((n) => n + 1);
  }, []);

  useEffect(() => {
    void nonce;
    let live = true;
    cache ??= api<DistrictFeatureCollection>('/api/v1/map/fuzhou');
    const p = cache;
    p.then(
      (geo) => live && setState({ geo }),
      (error: unknown) => {
        if (cache === p) cache = undefined;
        if (live) setState({ error });
      },
    );
    return () => {
      live = false;
    };
  }, [nonce]);

  return { ...state, reload };
}
