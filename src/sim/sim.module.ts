import type { BanyanModule } from '../platform/module.ts';
import { demoRoutes } from './demo.routes.ts';
import { seedCommands } from './seed.cli.ts';

/** The synthetic Fuzhou of November 2022 that the demo, tests and benchmarks run on. */
export const simModule: BanyanModule = {
  name: 'sim',
  routes: [demoRoutes],
  commands: [seedCommands],
};
