import { AppError, E, messagesOf } from '../platform/errors.ts';
import type { SheetIssue } from '../platform/files/sheet.ts';

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
  /** Refuses the whole file, every problem named by row and column. */
  throwIfAny() {
    if (!this.list.length) return;
    const issues = this.list.sort((a, b) => a.row - b.row);
    throw new AppError(E.IMPORT_INVALID, { count: issues.length }, { issues });
  }
}

/** A room capacity cell: a whole number from 1 to 200, or null. */
export const cap = (v: string | undefined) =>
  /^\d{1,3}$/.test(v ?? '') && Number(v) >= 1 && Number(v) <= 200 ? Number(v) : null;
