/** Fuzhou's extent (all 13 districts and counties, from the committed district shapes, rounded outward). */
export const FUZHOU_BBOX = { minLng: 118.3, maxLng: 120.6, minLat: 25.2, maxLat: 26.7 } as const;

/** Whether a point lies within Fuzhou's bounding box. */
export function insideFuzhou(lng: number, lat: number): boolean {
  const b = FUZHOU_BBOX;
  return lng >= b.minLng && lng <= b.maxLng && lat >= b.minLat && lat <= b.maxLat;
}

/** Validated pool sizes (RULES.md): single tube, 5, 10 or 20 swabs per tube. */
export const POOL_SIZES = [1, 5, 10, 20] as const;
export const RESULTS = ['negative', 'positive', 'invalid'] as const;
export type TubeResult = (typeof RESULTS)[number];

/** A certificate counts from the sampling time, not from the result. */
export const CERTIFICATE_HOURS = 24;
/** A member of a positive pool is yellow for at most this long unless confirmed (Fujian rule). */
export const POOL_FLAG_HOURS = 12;

/** Whether a negative sampled at `sampledAt` still covers `now` for a window of `hours`. */
export function negativeCovers(sampledAt: number | null, now: number, hours = CERTIFICATE_HOURS): boolean {
  return sampledAt !== null && sampledAt <= now && now - sampledAt <= hours * 3600_000;
}

/** Expected tests per person under Dorfman pooling: 1/k + 1 − (1 − p)^k. */
export function dorfman(k: number, prevalence: number): number {
  return 1 / k + 1 - (1 - prevalence) ** k;
}

/** Which round of a campaign a day falls in (one round a day from the start), or null outside it. */
export function roundOf(campaign: { startOn: string; endOn: string }, day: string): number | null {
  if (day < campaign.startOn || day > campaign.endOn) return null;
  return Math.round((Date.parse(day) - Date.parse(campaign.startOn)) / 86_400_000) + 1;
}

/** What a tube's result does to its members. */
export interface Cascade {
  negative: boolean;
  flagPool: boolean;
  positive: boolean;
  tasks: 'retest' | 'resample' | null;
}

/**
 * The consequences of a result: a negative clears everyone in the tube; a positive pool flags its
 * members and sends a single-tube retest to each; a positive single tube is a positive person; an
 * invalid tube means everyone in it is sampled again.
 */
export function cascadeOf(poolSize: number, result: TubeResult): Cascade {
  if (result === 'negative') return { negative: true, flagPool: false, positive: false, tasks: null };
  if (result === 'invalid') return { negative: false, flagPool: false, positive: false, tasks: 'resample' };
  return poolSize > 1
    ? { negative: false, flagPool: true, positive: false, tasks: 'retest' }
    : { negative: false, flagPool: false, positive: true, tasks: null };
}

/** Normalises a result cell (English or Chinese). */
export function parseResult(v: string): TubeResult | null {
  const m: Record<string, TubeResult> = {
    negative: 'negative',
    positive: 'positive',
    invalid: 'invalid',
    阴性: 'negative',
    阳性: 'positive',
    无效: 'invalid',
  };
  return m[v.trim().toLowerCase()] ?? m[v.trim()] ?? null;
}
