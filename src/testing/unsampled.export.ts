import ExcelJS from 'exceljs';
import { divisionOf } from '../geo/geo.data.ts';
import type { Actor } from '../platform/auth/auth.rules.ts';
import type { Ctx } from '../platform/context.ts';
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
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Banyan';
  const ws = wb.addWorksheet('未采样 Not sampled');
  ws.addRow(COLUMNS.map(([t]) => t)).font = { bold: true };
  for (const p of people) ws.addRow(COLUMNS.map(([, f]) => f(p, name)));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c) => {
    c.width = 24;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
