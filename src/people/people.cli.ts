import type { Command } from 'commander';
import { action, print } from '../platform/cli/output.ts';
import { areaName, maskIdNumber } from './people.rules.ts';
import { validateIdNumber } from './people.service.ts';

/** `banyan persons check-id`. */
export function peopleCommands(program: Command): void {
  const persons = program.command('persons').description('persons and resident IDs');
  persons
    .command('check-id <idNumber>')
    .description('validate a resident ID (GB 11643) and say which part is wrong')
    .option('--json', 'print JSON')
    .action(
      action(async (idNumber: string, opts: { json?: boolean }) => {
        const f = validateIdNumber(idNumber);
        const out = {
          valid: true,
          masked: maskIdNumber(f.idNumber),
          area: `${f.areaCode} ${areaName(f.areaCode)}`,
          birthDate: f.birthDate,
          sex: f.sex,
        };
        print(out, !!opts.json, [out]);
      }),
    );
}
