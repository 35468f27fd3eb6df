import type { BanyanModule } from '../platform/module.ts';
// Plugs the risk-marks reader into health-code's colour state wherever the registry is loaded
// (server, CLI, tests): health-code cannot import tracing, so tracing feeds it.
import './marks.state.ts';
import { tracingCommands } from './tracing.cli.ts';
import { TracingErrors } from './tracing.errors.ts';
import { tracingMigrations } from './tracing.migration.ts';
import { tracingRoutes } from './tracing.routes.ts';

/** Risk marks, venue co-presence, close contacts and quarantine schedules. */
export const tracingModule: BanyanModule = {
  name: 'tracing',
  routes: [tracingRoutes],
  migrations: tracingMigrations,
  commands: [tracingCommands],
  errors: [TracingErrors],
};
