import type { Actor } from '../platform/auth/auth.rules.ts';
import type { Ctx } from '../platform/context.ts';
import { columnsSheet, workbook } from '../platform/files/xlsx.ts';
import type { EnterprisesQuery } from './appeals.schema.ts';
import { listEnterprises } from './enterprises.service.ts';
import { liaisonDesk, whitelistBreakdown } from './registry.service.ts';

// Contacts are masked in every export (the lists serve masks only).

const TIER_ZH: Record<string, string> = { national: '国家级', provincial: '省级', city: '市级', leader: '龙头企业' };
const SIZE_ZH: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
const STATE_ZH: Record<string, string> = { normal: '正常生产', reduced: '减产', stopped: '停产', missing: '未报' };
const tiers = (t: string[]) => t.map((x) => `${TIER_ZH[x] ?? x} ${x}`).join('、');
const both = (zh: Record<string, string>, v: string) => `${zh[v] ?? v} ${v}`;

type Columns<T> = Array<[string, (row: T) => unknown]>;

type EnterpriseItem = Awaited<ReturnType<typeof listEnterprises>>['items'][number];
const ENTERPRISE_COLUMNS: Columns<EnterpriseItem> = [
  ['统一社会信用代码 Credit code', (e) => e.creditCode],
  ['企业名称 Name', (e) => e.name],
  ['行业 Industry', (e) => e.industry],
  ['区县 District', (e) => e.districtName],
  ['规模 Size', (e) => both(SIZE_ZH, e.size)],
  ['白名单 Whitelist', (e) => tiers(e.tiers)],
  ['挂钩干部 Liaison', (e) => e.liaison?.name ?? ''],
  ['联系人 Contact', (e) => e.contactName ?? ''],
  ['联系电话 Phone', (e) => e.phone ?? ''],
];

/** The filtered enterprise registry as XLSX (up to 50,000 rows). */
export async function exportEnterprises(ctx: Ctx, actor: Actor, q: EnterprisesQuery): Promise<Buffer> {
  const rows: EnterpriseItem[] = [];
  for (let page = 1; page <= 100; page++) {
    const r = await listEnterprises(ctx, actor, { ...q, page, pageSize: 500 });
    rows.push(...r.items);
    if (page * 500 >= r.total) break;
  }
  return workbook([columnsSheet('企业 Enterprises', ENTERPRISE_COLUMNS, rows)]);
}

interface BoardRow {
  name: string;
  creditCode: string;
  districtName: string;
  tiers: string[];
  production: string;
  capacityPct?: number;
  materialDays?: number;
  logisticsBlocked?: boolean;
  staffOnSite?: number;
  staffClosedLoop?: number;
  reasons?: Array<string | undefined>;
}
const BOARD_COLUMNS: Columns<BoardRow> = [
  ['企业名称 Name', (r) => r.name],
  ['统一社会信用代码 Credit code', (r) => r.creditCode],
  ['区县 District', (r) => r.districtName],
  ['白名单 Whitelist', (r) => tiers(r.tiers)],
  ['生产状态 Production', (r) => both(STATE_ZH, r.production)],
  ['产能 Capacity %', (r) => r.capacityPct ?? ''],
  ['原材料天数 Material days', (r) => r.materialDays ?? ''],
  [
    '物流受阻 Logistics blocked',
    (r) => (r.logisticsBlocked === undefined ? '' : r.logisticsBlocked ? '是 yes' : '否 no'),
  ],
  ['在岗 Staff on site', (r) => r.staffOnSite ?? ''],
  ['闭环 Closed loop', (r) => r.staffClosedLoop ?? ''],
  ['问题 Trouble', (r) => (r.reasons ?? []).filter(Boolean).join('；')],
];

/** The whitelist board of a day as XLSX: enterprises in trouble first, then those not reported. */
export async function exportBoard(ctx: Ctx, actor: Actor, day: string): Promise<Buffer> {
  const b = await whitelistBreakdown(ctx, actor, day);
  const rows: BoardRow[] = [...b.troubled, ...b.missing.map((m) => ({ ...m, production: 'missing' }))];
  return workbook([columnsSheet(`白名单 ${day}`, BOARD_COLUMNS, rows)]);
}

/** The liaison's enterprises with the day's report status as XLSX. */
export async function exportLiaison(ctx: Ctx, actor: Actor, day?: string): Promise<Buffer> {
  const d = await liaisonDesk(ctx, actor, day);
  const rows: BoardRow[] = d.enterprises.map((e) => ({
    ...e,
    ...(e.report ?? {}),
    production: e.report?.production ?? 'missing',
  }));
  return workbook([columnsSheet(`挂钩企业 ${d.day}`, BOARD_COLUMNS, rows)]);
}
