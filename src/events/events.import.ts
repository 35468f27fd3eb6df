import { maskIdNumber, maskName, maskPhone } from '../people/people.rules.ts';
import { AppError, E, messagesOf } from '../platform/errors.ts';
import type { SheetIssue } from '../platform/files/sheet.ts';
import type { ImportPreview } from './events.schema.ts';

/** Columns of a rooms sheet. */
export type RoomKey = 'site' | 'room' | 'capacity' | 'isolation' | 'isNew' | 'lng' | 'lat';
// Exam offices send sheets with Chinese or English headers; both name the same columns.
/** Header text (either language) → column of a rooms sheet. */
export const ROOM_COLUMNS: Record<string, RoomKey> = {
  site_code: 'site',
  考点编码: 'site',
  考点代码: 'site',
  room_no: 'room',
  考场号: 'room',
  考场编号: 'room',
  capacity: 'capacity',
  容量: 'capacity',
  座位数: 'capacity',
  isolation: 'isolation',
  隔离考场: 'isolation',
  是否隔离考场: 'isolation',
  new_site: 'isNew',
  新增考点: 'isNew',
  是否新增考点: 'isNew',
  lng: 'lng',
  经度: 'lng',
  lat: 'lat',
  纬度: 'lat',
};

/** Columns of a candidates sheet. */
export type CandKey = 'no' | 'idNumber' | 'name' | 'phone' | 'site' | 'room' | 'shuttle' | 'pickup' | 'community';
/** Header text (either language) → column of a candidates sheet. */
export const CANDIDATE_COLUMNS: Record<string, CandKey> = {
  candidate_no: 'no',
  准考证号: 'no',
  id_number: 'idNumber',
  身份证号码: 'idNumber',
  身份证号: 'idNumber',
  name: 'name',
  姓名: 'name',
  phone: 'phone',
  电话: 'phone',
  联系电话: 'phone',
  手机号码: 'phone',
  site_code: 'site',
  考点编码: 'site',
  考点代码: 'site',
  room_no: 'room',
  考场号: 'room',
  考场编号: 'room',
  shuttle_requested: 'shuttle',
  申请专车: 'shuttle',
  是否申请专车: 'shuttle',
  pickup_address: 'pickup',
  接送地址: 'pickup',
  上车地点: 'pickup',
  community_code: 'community',
  社区编码: 'community',
};

/** The problems of one sheet, refused together. */
export class Issues {
  readonly list: SheetIssue[] = [];
  add(row: number, column: string, code: string, params: Record<string, unknown> = {}) {
    this.list.push({ row, column, code, message: messagesOf(code, params) });
  }
  /** The rows with at least one problem. */
  rows(): Set<number> {
    return new Set(this.list.map((i) => i.row));
  }
  /** Refuses the whole file, every problem named by row and column (and the file's first rows, when given). */
  throwIfAny(preview?: ImportPreview) {
    if (!this.list.length) return;
    const issues = this.list.sort((a, b) => a.row - b.row);
    throw new AppError(E.IMPORT_INVALID, { count: issues.length }, preview ? { issues, preview } : { issues });
  }
}

/** A room capacity cell: a whole number from 1 to 200, or null. */
export const cap = (v: string | undefined) =>
  /^\d{1,3}$/.test(v ?? '') && Number(v) >= 1 && Number(v) <= 200 ? Number(v) : null;

/** Rows a preview shows: the first page of the file; every bad row is still named in the issues. */
export const PREVIEW_ROWS = 50;

/** A sheet's columns as the preview lists them: key, English name, and how its cell is masked. */
export type PreviewColumn<K extends string> = [K, string, ((v: string) => string)?];

/** The rooms sheet's columns in the preview. */
export const ROOM_PREVIEW: PreviewColumn<RoomKey>[] = [
  ['site', 'site_code'],
  ['room', 'room_no'],
  ['capacity', 'capacity'],
  ['isolation', 'isolation'],
  ['isNew', 'new_site'],
  ['lng', 'lng'],
  ['lat', 'lat'],
];

// An identity cell of the file is shown masked as the registry masks it: the preview is an answer
// like any other, and a malformed number is masked whole rather than half shown.
const maskId = (v: string) => (v.length >= 15 ? maskIdNumber(v) : '*'.repeat(v.length));
const maskAddress = (v: string) => {
  const chars = [...v];
  return chars.length <= 4 ? '*'.repeat(chars.length) : `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 4)}`;
};

/** The candidates sheet's columns in the preview, identity columns masked. */
export const CANDIDATE_PREVIEW: PreviewColumn<CandKey>[] = [
  ['no', 'candidate_no'],
  ['idNumber', 'id_number', maskId],
  ['name', 'name', (v) => (v ? maskName(v) : '')],
  ['phone', 'phone', (v) => (v ? maskPhone(v) : '')],
  ['site', 'site_code'],
  ['room', 'room_no'],
  ['shuttle', 'shuttle_requested'],
  ['pickup', 'pickup_address', maskAddress],
  ['community', 'community_code'],
];

/**
 * The first page of a sheet's rows with what the import would do to each: a row with a problem is
 * `invalid`, the others as `actionOf` says. Only columns the file has (or the required ones) are listed.
 */
export function previewOf<K extends string>(
  rows: Array<Partial<Record<K, string>> & { row: number }>,
  columns: PreviewColumn<K>[],
  bad: Set<number>,
  actionOf: (r: Partial<Record<K, string>> & { row: number }) => 'insert' | 'update' | 'unchanged',
): ImportPreview {
  const page = rows.slice(0, PREVIEW_ROWS);
  // A column the file has is a key of every row (readSheet), so the first row tells.
  const shown = columns.filter(([k], i) => i < 2 || rows[0]?.[k] !== undefined);
  return {
    columns: shown.map(([, name]) => name),
    total: rows.length,
    rows: page.map((r) => ({
      row: r.row,
      cells: shown.map(([k, , mask]) => {
        const v = r[k] ?? '';
        return mask && v ? mask(v) : v;
      }),
      action: bad.has(r.row) ? 'invalid' : actionOf(r),
    })),
  };
}
