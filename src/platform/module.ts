import type { Command } from 'commander';
import type { Actor } from './auth/auth.rules.ts';
import type { Ctx } from './context.ts';
import type { Migration } from './db/migration.ts';
import type { Api } from './http/zod.ts';
import type { DailyJob } from './jobs/jobs.ts';

/** A function that registers a module's HTTP routes on a Fastify scope. */
export type RouteSet = (app: Api, ctx: Ctx) => Promise<void> | void;

/** A function that adds a module's commands to the `banyan` program. */
export type CommandSet = (program: Command) => void;

/**
 * What one module contributes to the house. The platform knows this shape and nothing of the
 * modules themselves: `src/modules.ts` lists the modules, and the HTTP app, the migrator, the job
 * runner, the CLI, the error catalogue and the briefing composer iterate that list.
 */
export interface BanyanModule {
  /** The module's folder under `src/`. */
  name: string;
  /** Route sets, each registered in a Fastify scope of its own. */
  routes?: RouteSet[];
  /** Schema steps; the migrator applies every module's steps in id order. */
  migrations?: Migration[];
  /** Daily and interval jobs, run by `banyan serve` and `banyan jobs run`. */
  jobs?: DailyJob[];
  /** `banyan` subcommands. */
  commands?: CommandSet[];
  /**
   * The module's error codes (the object `defineErrors` returns). Importing the module registers
   * them; listing them here makes the catalogue's owner visible and lets tests check it.
   */
  errors?: Array<Record<string, string>>;
  /** Started with the server: subscriptions to announcements from this and other processes. */
  listeners?: Array<(ctx: Ctx) => (() => void) | undefined>;
  /** The module's sections of the daily briefing, in the order they are read within the module. */
  briefing?: BriefingSection[];
  /** Lookups the platform needs from a module without importing it (geo names divisions). */
  provides?: Partial<Lookups>;
  /** The module's part of the demo city, run by `banyan seed` after the scenario's core steps. */
  seed?: SeedStep[];
  /** The module's tiles of the big screen's headline (GET /api/v1/dashboard/today). */
  tiles?: DashboardTile[];
}

/**
 * One tile of the big screen's headline: the module's figure of the business day inside the actor's
 * jurisdiction, or null when it has none; a 403 from `read` leaves the tile out (null), not the screen.
 */
export interface DashboardTile {
  /** The answer's field the tile fills (`cases`, `zones`, `checks`, `appeals`). */
  id: string;
  read(ctx: Ctx, actor: Actor, day: string, now: string): Promise<unknown>;
}

/** What a seed step is given: the scale (1 = the whole city), a progress callback and its own seed. */
export interface SeedOptions {
  /** Share of the real city seeded; figures the briefing quotes stay exact at every scale. */
  scale: number;
  /** A deterministic number for the step's own random stream, so other steps stay as they were. */
  seed: number;
  progress: (phase: string, done: number, total: number) => void;
}

/** One module's part of the demo city; it answers what it made, by name, for the seed summary. */
export interface SeedStep {
  /** Stable id, shown in progress and the summary, e.g. `events.exam`. */
  id: string;
  run(ctx: Ctx, opts: SeedOptions): Promise<Record<string, number>>;
}

/** What the platform and the modules ask of other modules by name, never by import. */
export interface Lookups {
  /** The name of a division code (district, street, community), or undefined if unknown. */
  divisionName(code: string): string | undefined;
  /**
   * The modules' rules at the door of some venues (events: an exam site's lane and room, a city
   * exit's declared reason, a closed-loop institution's roster). The venue check asks them at each
   * check; a module declares its rules here rather than adding them when imported.
   */
  doors: DoorRule[];
}

/** The lookups the listed modules provide; a missing one answers undefined, hooks are every module's. */
export function lookupsOf(modules: readonly BanyanModule[]): Lookups {
  const divisionName = modules.find((m) => m.provides?.divisionName)?.provides?.divisionName;
  return {
    divisionName: divisionName ?? (() => undefined),
    doors: modules.flatMap((m) => m.provides?.doors ?? []),
  };
}

/** Text in the two languages of a verdict. */
export interface Text2 {
  'zh-CN': string;
  en: string;
}

/** The venue a door rule is asked about: the venues module's stored row, as far as the platform knows it. */
export interface DoorVenue {
  id: number;
  code: string;
  name: string;
  category: string;
  /** The venue's kind within its category (a city exit's `rail`, `airport`…), or null. */
  kind: string | null;
  status: string;
  district_code: string;
  community_code: string;
}

/** What a scan declares besides who and where: a city exit's reason for leaving. */
export interface DoorDeclaration {
  reason: string;
  text?: string | undefined;
}

/** What the entrance check has worked out of a person at a venue when it asks a door rule. */
export interface DoorFacts {
  scanId: string;
  venue: DoorVenue;
  personId: number;
  now: number;
  /** The Beijing day of `now`. */
  day: string;
  /** The policy version in force (its params as the policy module stores them). */
  policy: { id: string; params: unknown };
  colour: { colour: 'green' | 'yellow' | 'red'; rule: string; reason: Text2; policy: { id: string; rule: string } };
  /** The restricted zone the person lives in (high or medium), from health-code's state. */
  zone: { code: string; level: string } | null;
  lastNegativeAt: number | null;
  exit: DoorDeclaration | undefined;
}

/** What a participant of an event is shown at the door besides the verdict. */
export interface EntranceEntry {
  kind: string;
  /** The event's code and the participant's number in it (an exam's candidate number). */
  event: string;
  ref: string;
  lane: 'regular' | 'special' | null;
  /** Where to go: the site and the room, null when it is not theirs to tell. */
  site: { code: string; name: string } | null;
  room: { no: string; isolation: boolean } | null;
  text: Text2;
}

/** A verdict at the door: refused when any reason stands. */
export interface DoorVerdict {
  verdict: 'allow' | 'deny';
  reasons: Array<{ code: string } & Text2>;
}

/**
 * A rule's answer: the verdict as the rule amends it (an event's rule may decide for its
 * participants: a yellow-code candidate enters an exam site by the special lane, which the site's
 * ordinary rule refuses), `rule` naming what decided for the record, `entry` what the door shows.
 */
export interface DoorAnswer extends DoorVerdict {
  rule?: string;
  entry?: EntranceEntry;
}

/**
 * A module's rule at the door of some venues. `applies` is asked on every scan, so it must be a
 * field comparison; the rules that apply are asked in module order, each given the verdict so far.
 */
export interface DoorRule {
  id: string;
  applies(venue: DoorVenue): boolean;
  /** Refuses, before anything is recorded, a request this door cannot judge (an exit without a reason). */
  admit?(venue: DoorVenue, exit: DoorDeclaration | undefined): void;
  /** The verdict as this rule amends it; null leaves it as it was. */
  verdict?(ctx: Ctx, facts: DoorFacts, v: DoorVerdict): DoorAnswer | null | Promise<DoorAnswer | null>;
  /** After the scan is committed: the rule's own record of it, with the verdict answered. */
  recorded?(ctx: Ctx, facts: DoorFacts, v: DoorVerdict): Promise<void>;
}

/** A paragraph of the daily press briefing, drafted from the records of the module that owns it. */
export interface BriefingSection {
  /** Stable id, e.g. `cases`, `zones`; the composer orders sections by `order`. */
  id: string;
  order: number;
  /** The paragraph for a day in each language, or null when the module has nothing to say that day. */
  draft(ctx: Ctx, date: string): Promise<SectionText | null>;
}

/** Text in pieces: plain text, or a number tied to a figure that links to the records behind it. */
export type Segment = { text: string } | { text: string; metric: string; value: number; href?: string };

/** The briefing's three languages. */
export const BRIEFING_LANGS = ['zh-CN', 'zh-TW', 'en'] as const;
export type BriefingLang = (typeof BRIEFING_LANGS)[number];

/** One section's text in every briefing language. */
export type SectionText = Record<BriefingLang, Segment[]>;

/** Every module's contributions of one kind, in module order. */
export function contributions<K extends keyof BanyanModule>(
  modules: readonly BanyanModule[],
  key: K,
): NonNullable<BanyanModule[K]> extends Array<infer T> ? T[] : never {
  // biome-ignore lint/suspicious/noExplicitAny: the mapped type above states the result precisely
  return modules.flatMap((m) => (m[key] as any) ?? []) as any;
}
