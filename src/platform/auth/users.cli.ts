import type { Command } from 'commander';
import { withCtx } from '../cli/context.cli.ts';
import { action, print } from '../cli/output.ts';
import { AppError } from '../errors.ts';
import type { Lookups } from '../module.ts';
import { AuthErrors } from './auth.errors.ts';
import { RoleSchema, SCOPE_KINDS, type ScopeKind } from './auth.rules.ts';
import { createUser, listUsers, setPassword } from './auth.service.ts';

// Passwords come from the environment, not argv, so they stay out of shell history and `ps`.
function passwordFromEnv(): string {
  const p = process.env.BANYAN_PASSWORD;
  if (!p) throw new Error('set BANYAN_PASSWORD to the new password (kept out of argv on purpose)');
  return p;
}

/** `banyan users list|add|passwd`. */
export function userCommands(program: Command, { divisionName: nameOf }: Lookups): void {
  const users = program.command('users').description('local accounts');
  users
    .command('list')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const items = await withCtx((ctx) => listUsers(ctx));
        print(
          items,
          !!opts.json,
          items.map((u) => ({
            username: u.username,
            name: u.displayName,
            role: u.role,
            scope: `${u.scope.kind}:${u.scope.code}`,
          })),
        );
      }),
    );
  users
    .command('add <username>')
    .description('create an account; password from BANYAN_PASSWORD')
    .requiredOption('--role <role>', RoleSchema.options.join(' | '))
    .requiredOption('--scope <kind:code>', `${SCOPE_KINDS.join('|')}:<division code or zone id>, e.g. district:350102`)
    .option('--display-name <name>', 'name shown in the UI')
    .option('--json', 'print JSON')
    .action(
      action(async (username: string, opts: { role: string; scope: string; displayName?: string; json?: boolean }) => {
        const role = RoleSchema.parse(opts.role);
        const [kind, code] = opts.scope.split(':') as [ScopeKind, string];
        if (!SCOPE_KINDS.includes(kind) || !code)
          throw new Error(`--scope must be kind:code with kind one of ${SCOPE_KINDS.join(', ')}`);
        if (kind !== 'zone' && !nameOf(code)) throw new AppError(AuthErrors.SCOPE_UNKNOWN, { code });
        const user = await withCtx((ctx) =>
          createUser(ctx, 'cli', {
            username,
            displayName: opts.displayName ?? username,
            password: passwordFromEnv(),
            role,
            scope: { kind, code },
          }),
        );
        print(user, !!opts.json, [{ created: user.username, role: user.role, scope: `${kind}:${code}` }]);
      }),
    );
  users
    .command('passwd <username>')
    .description('set a new password from BANYAN_PASSWORD; ends the user’s sessions')
    .action(
      action(async (username: string) => {
        await withCtx((ctx) => setPassword(ctx, 'cli', username, passwordFromEnv()));
        process.stdout.write(`password set for ${username}\n`);
      }),
    );
}
