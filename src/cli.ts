import { Command } from 'commander';
import { appealsCommands } from './appeals/appeals.cli.ts';
import { briefingCommands } from './briefing/briefing.cli.ts';
import { casesCommands } from './cases/cases.cli.ts';
import { geoCommands } from './geo/geo.cli.ts';
import { peopleCommands } from './people/people.cli.ts';
import { auditCommands } from './platform/audit/audit.cli.ts';
import { userCommands } from './platform/auth/users.cli.ts';
import { serveCommands } from './platform/http/serve.cli.ts';
import { jobsCommands } from './platform/jobs/jobs.cli.ts';
import { seedCommands } from './sim/seed.cli.ts';
import { testingCommands } from './testing/testing.cli.ts';
import { tracingCommands } from './tracing/tracing.cli.ts';
import { venuesCommands } from './venues/venues.cli.ts';
import { zonesCommands } from './zones/zones.cli.ts';

// `banyan … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command('banyan')
  .description('Banyan (榕) — outbreak command-centre operations platform')
  .version('0.1.0')
  .showHelpAfterError();

serveCommands(program);
seedCommands(program);
userCommands(program);
auditCommands(program);
geoCommands(program);
peopleCommands(program);
casesCommands(program);
briefingCommands(program);
zonesCommands(program);
jobsCommands(program);
venuesCommands(program);
testingCommands(program);
appealsCommands(program);
tracingCommands(program);

await program.parseAsync(process.argv);
