import { appealsModule } from './appeals/appeals.module.ts';
import { briefingModule } from './briefing/briefing.module.ts';
import { casesModule } from './cases/cases.module.ts';
import { courierModule } from './courier/courier.module.ts';
import { dashboardModule } from './dashboard/dashboard.module.ts';
import { economyModule } from './economy/economy.module.ts';
import { eventsModule } from './events/events.module.ts';
import { geoModule } from './geo/geo.module.ts';
import { healthCodeModule } from './health-code/health-code.module.ts';
import { peopleModule } from './people/people.module.ts';
import type { BanyanModule } from './platform/module.ts';
import { platformModule } from './platform/platform.module.ts';
import { policyModule } from './policy/policy.module.ts';
import { replayModule } from './replay/replay.module.ts';
import { simModule } from './sim/sim.module.ts';
import { testingModule } from './testing/testing.module.ts';
import { tracingModule } from './tracing/tracing.module.ts';
import { venuesModule } from './venues/venues.module.ts';
import { zonesModule } from './zones/zones.module.ts';

/**
 * The feature modules, in the order a reader meets them: reference data, then the epidemic, then
 * the city's continuity, then what reports on it all. A new module is a folder with its
 * `<name>.module.ts` and one line here.
 */
const FEATURES: readonly BanyanModule[] = [
  geoModule,
  peopleModule,
  policyModule,
  casesModule,
  zonesModule,
  testingModule,
  healthCodeModule,
  venuesModule,
  tracingModule,
  eventsModule,
  appealsModule,
  replayModule,
  economyModule,
  courierModule,
  briefingModule,
  dashboardModule,
  simModule,
];

/** The composition root: the platform's own contributions, then every feature module. */
export const MODULES: readonly BanyanModule[] = [platformModule(FEATURES), ...FEATURES];
