import { useMemo, useSyncExternalStore } from 'react';

/**
 * A tiny hash router: `#/persons` → ['persons'], `#/divisions/350102` → ['divisions', '350102'].
 * A query after the path (`#/cases?date=2022-11-06&metric=…`) is read with useQuery().
 */
function subscribe(fn: () => void): () => void {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
}

const getHash = () => window.location.hash;

function split(hash: string): { path: string; search: string } {
  const h = hash.replace(/^#\/?/, '');
  const i = h.indexOf('?');
  return i < 0 ? { path: h, search: '' } : { path: h.slice(0, i), search: h.slice(i + 1) };
}

export function useRoute(): string[] {
  const hash = useSyncExternalStore(subscribe, getHash);
  const { path } = split(hash);
  return useMemo(
    () =>
      path
        .split('/')
        .filter(Boolean)
        .map((s) => decodeURIComponent(s)),
    [path],
  );
}

export type QueryParams = Record<string, string | number | undefined | null>;

/** The query of the hash route as a plain object (values are strings). */
export function useQuery(): Record<string, string> {
  const hash = useSyncExternalStore(subscribe, getHash);
  const { search } = split(hash);
  return useMemo(() => Object.fromEntries(new URLSearchParams(search)), [search]);
}

function queryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function href(...parts: string[]): string {
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}

/** `hrefQuery(['cases'], { date, metric })` → `#/cases?date=…&metric=…` (empty values left out). */
export function hrefQuery(parts: string[], params?: QueryParams): string {
  return `${href(...parts)}${queryString(params)}`;
}

export function navigate(...parts: string[]): void {
  window.location.hash = href(...parts);
}

export function navigateQuery(parts: string[], params?: QueryParams): void {
  window.location.hash = hrefQuery(parts, params);
}
