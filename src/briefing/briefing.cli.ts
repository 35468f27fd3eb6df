import type { Command } from 'commander';
import { CLI_READER, withCtx } from '../platform/cli/context.cli.ts';
import { action, print } from '../platform/cli/output.ts';
import { renderBriefing } from './briefing.service.ts';
import { type BriefingLang, LANGS } from './briefing.text.ts';

/** `banyan briefing --date D --lang L --format F`. */
export function briefingCommands(program: Command): void {
  program
    .command('briefing')
    .description('print the briefing of a day: the stored one, or a draft from the figures')
    .requiredOption('--date <YYYY-MM-DD>', 'the day the figures cover')
    .option('--lang <lang>', LANGS.join(' | '), 'zh-CN')
    .option('--format <format>', 'md | html | json', 'md')
    .action(
      action(async (opts: { date: string; lang: string; format: string }) => {
        if (!LANGS.includes(opts.lang as BriefingLang)) throw new Error(`--lang must be one of ${LANGS.join(', ')}`);
        if (!['md', 'html', 'json'].includes(opts.format)) throw new Error('--format must be md, html or json');
        const out = await withCtx((ctx) =>
          renderBriefing(ctx, CLI_READER, opts.date, opts.lang as BriefingLang, opts.format as 'md' | 'html' | 'json'),
        );
        if (typeof out === 'string') process.stdout.write(out);
        else print(out, true);
      }),
    );
}
