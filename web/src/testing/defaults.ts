import type { Campaign, CoverageLevel, CoverageRow, CoverageTotals } from '../api-types';
import { businessToday } from '../common/clock';
import { isIsoDate } from '../common/dates';
import { hrefQuery, type QueryParams } from '../common/router';

/** The demo campaign (8–11 Nov 2022, one round a day); the screens open on the newest campaign the server lists. */
export const DEFAULT_CAMPAIGN = 'FZ-2022-11-08';
/** A campaign is one round a day; stop a malformed date range from listing thousands of rounds. */
const MAX_ROUNDS = 60;
const DAY_MS = 86_400_000;

export type TestingPage = 'campaign' | 'sites' | 'retests' | 'lookup' | 'lab';

/** `#/testing`, `#/testing/sites?…`: the page and the query (empty values left out). */
export function testingHref(page: TestingPage, params?: QueryParams): string {
  return hrefQuery(page === 'campaign' ? ['testing'] : ['testing', page], params);
}

/** The day of each round: round 1 is the start day, one round a day to the end day. */
export function roundDays(c: Pick<Campaign, 'startOn' | 'endOn'>): string[] {
  if (!isIsoDate(c.startOn)) return [];
  const start = Date.parse(`${c.startOn}T00:00:00Z`);
  const end = isIsoDate(c.endOn) ? Date.parse(`${c.endOn}T00:00:00Z`) : start;
  const n = Math.min(MAX_ROUNDS, Math.max(1, Math.round((end - start) / DAY_MS) + 1));
  return Array.from({ length: n }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
}

/** The latest round that has begun (the first when none has). */
export function defaultRound(c: Campaign): number {
  const days = roundDays(c);
  const today = businessToday();
  const started = days.filter((d) => d <= today).length;
  return Math.max(1, started);
}

/** Newest first by start day (the server lists them so; sorted again in case). */
export const newestFirst = (items: Campaign[]): Campaign[] =>
  [...items].sort((a, b) => (a.startOn < b.startOn ? 1 : a.startOn > b.startOn ? -1 : 0));

/**
 * What the coverage table lists for the area in the address: the districts ('' = the campaign's whole area),
 * the streets of a district (6 digits), the communities of a street (9) — or of a community's street (12).
 */
export function coverageQuery(area: string): { level: CoverageLevel; within?: string } {
  if (area.length === 6) return { level: 'street', within: area };
  if (area.length === 9) return { level: 'community', within: area };
  if (area.length === 12) return { level: 'community', within: area.slice(0, 9) };
  return { level: 'district' };
}

/** A division code the drill-down accepts (district, street or community), else '' (the whole campaign). */
export const asArea = (s: string | undefined): string => (s && /^\d{6}(\d{3}(\d{3})?)?$/.test(s) ? s : '');

export function sumRows(rows: CoverageRow[]): CoverageTotals {
  const t: CoverageTotals = { population: 0, sampled: 0, resulted: 0, positive: 0, missing: 0 };
  for (const r of rows) {
    t.population += r.population;
    t.sampled += r.sampled;
    t.resulted += r.resulted;
    t.positive += r.positive;
    t.missing += r.missing;
  }
  return t;
}

/** Sampled people as a share of the population, 0–100 (null without population). */
export const coveragePct = (sampled: number, population: number): number | null =>
  population > 0 ? (sampled / population) * 100 : null;

/** `98.2%`: one decimal, and never 100% while someone is missing. */
export function formatPct(pct: number | null, lang: string): string {
  if (pct === null) return '—';
  const shown = pct < 100 && pct > 99.95 ? 99.9 : pct;
  return `${shown.toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** Coverage bands for the bars: below 90% is short of a mass round's aim, below 95% needs a sweep. */
export const pctTone = (pct: number | null): 'low' | 'mid' | 'high' | 'none' =>
  pct === null ? 'none' : pct < 90 ? 'low' : pct < 95 ? 'mid' : 'high';

/**
 * A map position for a site without coordinates: its district's centre, spread deterministically by the site
 * code — the same spread the server gives risk zones (zones.service centreOf).
 */
export function siteCentre(code: string, centre: [number, number]): [number, number] {
  const [lng, lat] = centre;
  let h = 2166136261;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const a = ((h >>> 0) % 3600) / 10;
  const r = (((h >>> 12) % 1000) / 1000) * 0.06;
  return [Number((lng + r * Math.cos(a)).toFixed(4)), Number((lat + r * Math.sin(a)).toFixed(4))];
}
