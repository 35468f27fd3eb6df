import type { Command } from 'commander';
import type { ZodType, z } from 'zod';
import { withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { AppError, E } from '../platform/errors.ts';
import { changeVenue, registerVenue } from './registry.service.ts';
import { VenueChangeBody, VenueCreateBody } from './venues.schema.ts';

// The command line checks what the route checks: the same body schemas, then the same service.
function parsed<T extends ZodType>(schema: T, v: unknown): z.output<T> {
  const r = schema.safeParse(v);
  if (!r.success)
    throw new AppError(E.VALIDATION_FAILED, {
      summary: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    });
  return r.data;
}

const row = (v: Awaited<ReturnType<typeof registerVenue>>) => ({
  code: v.code,
  name: v.name,
  category: v.category,
  kind: v.kind ?? '—',
  community: v.communityCode,
  status: v.status,
});

/** `banyan venues add|set`: register a venue with its kind, change its name or kind. */
export function venueRegistryCommands(program: Command): void {
  const venues =
    program.commands.find((c) => c.name() === 'venues') ??
    program.command('venues').description('venues and their codes');
  venues
    .command('add <code>')
    .description(
      'register a venue with its category and kind (city-exit: rail|airport|highway|port; public-place: ktv|internet-cafe|cinema|gym|bath-house)',
    )
    .requiredOption('--name <text>', 'the venue’s name')
    .requiredOption('--category <c>', 'its category (public-place, city-exit, exam-site…)')
    .option('--kind <k>', 'its kind within the category, where the category has kinds')
    .requiredOption('--community <code>', 'the 12-digit community code it lies in')
    .option('--json', 'print JSON')
    .action(
      action(
        async (
          code: string,
          o: { name: string; category: string; kind?: string; community: string; json?: boolean },
        ) => {
          const body = parsed(VenueCreateBody, {
            code,
            name: o.name,
            category: o.category,
            kind: o.kind ?? null,
            communityCode: o.community,
          });
          const v = await withCtx((ctx) => registerVenue(ctx, 'cli', body));
          print(v, !!o.json, [row(v)]);
        },
      ),
    );
  venues
    .command('set <code>')
    .description('change a venue’s name or kind (--kind none clears it)')
    .option('--name <text>', 'a new name')
    .option('--kind <k>', 'a new kind within its category, or none')
    .option('--json', 'print JSON')
    .action(
      action(async (code: string, o: { name?: string; kind?: string; json?: boolean }) => {
        const body = parsed(VenueChangeBody, {
          name: o.name,
          kind: o.kind === undefined ? undefined : o.kind === 'none' ? null : o.kind,
        });
        const v = await withCtx((ctx) => changeVenue(ctx, 'cli', code, body));
        print(v, !!o.json, [row(v)]);
      }),
    );
}
