import { divisionOf } from '../geo/geo.data.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import type { Ctx } from '../platform/context.ts';
import { columnsSheet, workbook } from '../platform/files/xlsx.ts';
import { notSampled } from './testing.service.ts';

type Person = Awaited<ReturnType<typeof notSampled>>[number];

const COLUMNS: Array<[string, (p: Person, community: string) => unknown]> = [
  ['身份证号(脱敏) Resident ID (masked)', (p) => p.idNumberMasked],
  ['姓名(脱敏) Name (masked)', (p) => p.nameMasked],
  ['电话(脱敏) Phone (masked)', (p) => p.phoneMasked ?? ''],
  ['社区 Community', (p, community) => `${community} (${p.communityCode})`],
];

/** The people of a community not yet sampled in a round, as an XLSX workbook; masked fields only. */
export async function exportUnsampled(
  ctx: Ctx,
  actor: Actor,
  campaign: string,
  round: number,
  community: string,
): Promise<Buffer> {
  const people = await notSampled(ctx, actor, campaign, round, community);
  const name = divisionOf(community)?.name ?? community;
  return workbook([
    columnsSheet<Person>(
      '未采样 Not sampled',
      COLUMNS.map(([t, f]) => [t, (p) => f(p, name)]),
      people,
      24,
    ),
  ]);
}
