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
import { measuresSection } from './measures.briefing.ts';
import { measuresCommands } from './measures.cli.ts';
import { MeasureErrors } from './measures.errors.ts';
import { measuresMigrations } from './measures.migration.ts';
import { measuresRoutes } from './measures.routes.ts';
import { measuresSeed } from './measures.seed.ts';

/** Exams held safely (sites, rooms, candidates, classification by policy, isolation-room plan) and the measures in force. */
export const eventsModule: BanyanModule = {
  name: 'events',
  routes: [eventsRoutes, examDayRoutes, measuresRoutes],
  migrations: [...eventsMigrations, ...entryMigrations, ...measuresMigrations],
  commands: [eventsCommands, measuresCommands],
  errors: [EventErrors, MeasureErrors],
  briefing: [eventsSection, measuresSection],
  seed: [eventsSeed, measuresSeed],
  provides: { entrance: [examEntranceHook] },
};
