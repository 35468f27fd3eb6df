import type { BanyanModule } from '../platform/module.ts';
import { entryMigrations } from './entry.migration.ts';
import { examDayRoutes } from './entry.routes.ts';
import { examDoor } from './entry.service.ts';
import { eventsSection } from './events.briefing.ts';
import { eventsCommands } from './events.cli.ts';
import { EventErrors } from './events.errors.ts';
import { eventsMigrations } from './events.migration.ts';
import { eventsRoutes } from './events.routes.ts';
import { eventsSeed } from './events.seed.ts';
import { ExitErrors } from './exit.errors.ts';
import { exitMigrations } from './exit.migration.ts';
import { exitRoutes } from './exit.routes.ts';
import { exitSeed } from './exit.seed.ts';
import { exitDoor } from './exit.service.ts';
import { institutionRoutes } from './institutions.routes.ts';
import { loopDoor } from './institutions.service.ts';
import { measuresSection } from './measures.briefing.ts';
import { measuresCommands } from './measures.cli.ts';
import { MeasureErrors } from './measures.errors.ts';
import { measuresMigrations } from './measures.migration.ts';
import { measuresRoutes } from './measures.routes.ts';
import { measuresSeed } from './measures.seed.ts';

/**
 * Exams held safely (sites, rooms, candidates, classification by policy, isolation-room plan), the
 * measures in force, the city's exit checkpoints and the closed-loop institutions.
 */
export const eventsModule: BanyanModule = {
  name: 'events',
  routes: [eventsRoutes, examDayRoutes, measuresRoutes, exitRoutes, institutionRoutes],
  migrations: [...eventsMigrations, ...entryMigrations, ...measuresMigrations, ...exitMigrations],
  commands: [eventsCommands, measuresCommands],
  errors: [EventErrors, MeasureErrors, ExitErrors],
  briefing: [eventsSection, measuresSection],
  seed: [eventsSeed, measuresSeed, exitSeed],
  // The exam's rule last: it decides for its candidates over what the site's rule said.
  provides: { doors: [exitDoor, loopDoor, examDoor] },
};
