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

/** What the platform asks of the modules by name, never by import. */
export interface Lookups {
  /** The name of a division code (district, street, community), or undefined if unknown. */
  divisionName(code: string): string | undefined;
}

/** The lookups the listed modules provide; a missing one answers undefined. */
export function lookupsOf(modules: readonly BanyanModule[]): Lookups {
  const divisionName = modules.find((m) => m.provides?.divisionName)?.provides?.divisionName;
  return { divisionName: divisionName ?? (() => undefined) };
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
