import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` (skipped when null) and re-fetches when the path or the language changes,
 * so messages coming from the server follow the language toggle.
 */
export function useApi<T>(path: string | null): ApiState<T> {
  const { lang } = useI18n();
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: path !== null });
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    if (path === null) {
      setState({ loading: false });
      return;
    }
    // nonce and lang are read so that a reload or a language switch fetches again
    void nonce;
    void lang;
    const ctrl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    api<T>(path, { signal: ctrl.signal }).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (!ctrl.signal.aborted) setState({ error, loading: false });
      },
    );
    return () => ctrl.abort();
  }, [path, nonce, lang]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
