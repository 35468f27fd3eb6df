import type { BanyanModule } from '../platform/module.ts';
import { peopleCommands } from './people.cli.ts';
import { PeopleErrors } from './people.errors.ts';
import { peopleMigrations } from './people.migration.ts';
import { peopleRoutes } from './people.routes.ts';

/** Persons: validated resident IDs, encrypted and masked personal data. */
export const peopleModule: BanyanModule = {
  name: 'people',
  routes: [peopleRoutes],
  migrations: peopleMigrations,
  commands: [peopleCommands],
  errors: [PeopleErrors],
};
