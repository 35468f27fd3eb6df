import ExcelJS from 'exceljs';
import { AppError } from '../platform/errors.ts';
import { parseCsv } from '../platform/files/csv.ts';
import { decodeText } from '../platform/files/text.ts';
import type { CaseIdentity, CaseRecord } from './cases.schema.ts';

/** The line-list columns: snake_case English name, Chinese header, whether required. */
export const COLUMNS = [
  { key: 'case_no', zh: '病例编号', required: true },
  { key: 'kind', zh: '病例类型', required: true },
  { key: 'origin', zh: '来源', required: true },
  { key: 'reported_on', zh: '报告日期', required: true },
  { key: 'district_code', zh: '区县代码', required: true },
  { key: 'street_code', zh: '街道代码', required: false },
  { key: 'community_code', zh: '社区代码', required: false },
  { key: 'detected_via', zh: '发现途径', required: true },
  { key: 'reclassified_on', zh: '转确诊日期', required: false },
  { key: 'discharged_on', zh: '出院日期', required: false },
  { key: 'released_on', zh: '解除隔离日期', required: false },
  { key: 'died_on', zh: '死亡日期', required: false },
  { key: 'id_number', zh: '身份证号', required: false },
  { key: 'name', zh: '姓名', required: false },
  { key: 'phone', zh: '电话', required: false },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

const ALIASES: Record<string, ColumnKey> = {
  ...Object.fromEntries(
    COLUMNS.flatMap((c) => [
      [c.key, c.key],
      [c.zh, c.key],
    ]),
  ),
  类型: 'kind',
  联系电话: 'phone',
  手机号: 'phone',
  身份证号码: 'id_number',
  转确诊时间: 'reclassified_on',
};

const VALUES: Record<string, Record<string, string>> = {
  kind: {
    confirmed: 'confirmed',
    asymptomatic: 'asymptomatic',
    确诊: 'confirmed',
    确诊病例: 'confirmed',
    无症状: 'asymptomatic',
    无症状感染者: 'asymptomatic',
  },
  origin: { local: 'local', imported: 'imported', 本土: 'local', 境外输入: 'imported', 输入: 'imported' },
  detected_via: {
    quarantine: 'quarantine',
    'home-isolation': 'home-isolation',
    'community-screening': 'community-screening',
    'key-group-screening': 'key-group-screening',
    'self-presented': 'self-presented',
    集中隔离: 'quarantine',
    居家隔离: 'home-isolation',
    社区筛查: 'community-screening',
    重点人群筛查: 'key-group-screening',
    主动就诊: 'self-presented',
  },
};
const DATE_COLUMNS = new Set(['reported_on', 'reclassified_on', 'discharged_on', 'released_on', 'died_on']);

/** A data row of a line list: its row number in the file and its cells by column. */
export interface RawRow {
  row: number;
  cells: Partial<Record<ColumnKey, string>>;
}

/** A file-level problem (row 1 is the header). */
export interface FileIssue {
  row: number;
  column: string;
  code: string;
  params?: Record<string, unknown>;
}

export type FileKind = 'csv' | 'xlsx';

/** Which parser a file needs: an XLSX is a zip whatever it is called; otherwise content type, then name. */
export function fileKindOf(contentType: string | undefined, filename: string, buf?: Buffer): FileKind | null {
  if (buf && buf.length > 4 && buf.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  const ct = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (ct === 'text/csv') return 'csv';
  if (ct === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  if (/\.csv$/i.test(filename)) return 'csv';
  if (/\.xlsx$/i.test(filename)) return 'xlsx';
  return null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Normalises the date spellings line lists use (2022-11-06, 2022/11/6, 2022年11月6日, Excel dates). */
export function normaliseDate(v: string): string {
  const m = v.trim().match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/);
  return m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : v.trim();
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

async function readXlsx(buf: Buffer): Promise<string[][] | string> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  const ws = wb.worksheets[0];
  if (!ws) return 'no worksheet';
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const vals = (row.values as ExcelJS.CellValue[]).slice(1);
    rows[n - 1] = vals.map((v) => (typeof v === 'number' ? String(v) : cellText(v)));
  });
  return rows;
}

/** Reads a CSV or XLSX line list into rows keyed by canonical column, or file-level issues. */
export async function readLineList(buf: Buffer, kind: FileKind): Promise<{ rows: RawRow[]; issues: FileIssue[] }> {
  let table: Array<{ row: number; cells: string[] }>;
  if (kind === 'csv') {
    let text: string;
    try {
      text = decodeText(buf).text;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const row = Number(e.params.row ?? 1);
      return { rows: [], issues: [{ row, column: '', code: e.code, params: e.params }] };
    }
    table = parseCsv(text).map((r) => ({ row: r.line, cells: r.cells }));
  } else {
    const x = await readXlsx(buf);
    if (typeof x === 'string')
      return { rows: [], issues: [{ row: 0, column: '', code: 'IMPORT_UNREADABLE', params: { reason: x } }] };
    table = x
      .map((cells, i) => ({ row: i + 1, cells: cells ?? [] }))
      .filter((r) => r.cells.some((c) => c.trim() !== ''));
  }
  const [head, ...body] = table;
  if (!head) return { rows: [], issues: [{ row: 1, column: '', code: 'IMPORT_EMPTY' }] };
  const issues: FileIssue[] = [];
  const keys = head.cells.map((h) => {
    const k = ALIASES[h.trim()] ?? ALIASES[h.trim().toLowerCase()];
    if (!k && h.trim() !== '')
      issues.push({ row: head.row, column: h.trim(), code: 'IMPORT_UNKNOWN_COLUMN', params: { column: h.trim() } });
    return k;
  });
  for (const c of COLUMNS) {
    if (c.required && !keys.includes(c.key))
      issues.push({
        row: head.row,
        column: c.key,
        code: 'IMPORT_MISSING_COLUMN',
        params: { column: `${c.key} (${c.zh})` },
      });
  }
  if (body.length === 0) issues.push({ row: head.row, column: '', code: 'IMPORT_EMPTY' });
  const rows = body.map((r) => {
    const cells: Partial<Record<ColumnKey, string>> = {};
    keys.forEach((k, i) => {
      if (k) cells[k] = (r.cells[i] ?? '').trim();
    });
    return { row: r.row, cells };
  });
  return { rows, issues };
}

/** Excel sometimes stores a date as a serial number of days since 1899-12-30. */
function excelSerialToDay(v: string): string {
  if (!/^\d{5}(\.\d+)?$/.test(v)) return v;
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(v)) * 86_400_000).toISOString().slice(0, 10);
}

/** Maps one raw row to a case record and identity, translating Chinese values to codes. */
export function toCase(r: RawRow): { record: CaseRecord; identity: CaseIdentity } {
  const get = (k: ColumnKey) => {
    const raw = r.cells[k] ?? '';
    if (DATE_COLUMNS.has(k)) return raw === '' ? '' : normaliseDate(excelSerialToDay(raw));
    return VALUES[k]?.[raw] ?? VALUES[k]?.[raw.toLowerCase()] ?? raw;
  };
  const opt = (k: ColumnKey) => get(k) || null;
  return {
    record: {
      caseNo: get('case_no'),
      kind: get('kind') as CaseRecord['kind'],
      origin: get('origin') as CaseRecord['origin'],
      reportedOn: get('reported_on'),
      districtCode: get('district_code'),
      streetCode: opt('street_code'),
      communityCode: opt('community_code'),
      detectedVia: get('detected_via') as CaseRecord['detectedVia'],
      reclassifiedOn: opt('reclassified_on'),
      dischargedOn: opt('discharged_on'),
      releasedOn: opt('released_on'),
      diedOn: opt('died_on'),
    },
    identity: { idNumber: opt('id_number'), name: opt('name'), phone: opt('phone') },
  };
}
