import { Command } from 'commander';
import { MODULES } from './modules.ts';
import { setContextOpener } from './platform/cli/context.cli.ts';
import { contributions } from './platform/module.ts';
import { serveCommands } from './serve.cli.ts';

// `banyan … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command('banyan')
  .description('Banyan (榕) — outbreak command-centre operations platform')
  .version('0.1.0')
  .showHelpAfterError();

setContextOpener(async () => (await import('./runtime.ts')).openContext());
serveCommands(program);
for (const add of contributions(MODULES, 'commands')) add(program);

await program.parseAsync(process.argv);
