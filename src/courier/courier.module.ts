import type { BanyanModule } from '../platform/module.ts';
import { courierSection } from './courier.briefing.ts';
import { courierCommands } from './courier.cli.ts';
import { CourierErrors } from './courier.errors.ts';
import { courierWorkerCheckJob } from './courier.job.ts';
import { courierMigrations } from './courier.migration.ts';
import { courierRoutes } from './courier.routes.ts';
import { courierSeed } from './courier.seed.ts';
import { courierOperationsRoutes } from './operations.routes.ts';

/** The courier sector under supervision: outlets, worker testing, disinfection, inspections, volumes, relief. */
export const courierModule: BanyanModule = {
  name: 'courier',
  routes: [courierRoutes, courierOperationsRoutes],
  migrations: courierMigrations,
  commands: [courierCommands],
  jobs: [courierWorkerCheckJob],
  errors: [CourierErrors],
  briefing: [courierSection],
  seed: [courierSeed],
};
