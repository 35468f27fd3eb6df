import type { BanyanModule } from '../platform/module.ts';
import { addDoorRule } from '../venues/door-rules.ts';
import { entryMigrations } from './entry.migration.ts';
import { examDayRoutes } from './entry.routes.ts';
import { examEntranceHook } from './entry.service.ts';
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

// The venue check asks these at city exits and closed-loop institutions (src/venues/door-rules.ts).
addDoorRule(exitDoor);
addDoorRule(loopDoor);

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
  provides: { entrance: [examEntranceHook] },
};
