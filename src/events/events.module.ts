import type { BanyanModule } from '../platform/module.ts';
import { entryMigrations } from './entry.migration.ts';
import { examDayRoutes } from './entry.routes.ts';
import { examEntranceHook } from './entry.service.ts';
import { eventsSection } from './events.briefing.ts';
import { eventsCommands } from './events.cli.ts';
import { EventErrors } from './events.errors.ts';
import { eventsMigrations } from './events.migration.ts';
import { eventsRoutes } from './events.routes.ts';
import { eventsSeed } from './events.seed.ts';

/** Exams held safely: sites, rooms, candidates, classification by policy, isolation-room plan. */
export const eventsModule: BanyanModule = {
  name: 'events',
  routes: [eventsRoutes, examDayRoutes],
  migrations: [...eventsMigrations, ...entryMigrations],
  commands: [eventsCommands],
  errors: [EventErrors],
  briefing: [eventsSection],
  seed: [eventsSeed],
  provides: { entrance: [examEntranceHook] },
};
