import { readSheet } from '../platform/files/sheet.ts';

// Registries send their sheets with Chinese or English headers; both name the same columns.
const OUTLET_COLUMNS = {
  code: 'code',
  网点编码: 'code',
  网点代码: 'code',
  firm: 'firm',
  快递企业: 'firm',
  企业: 'firm',
  品牌: 'firm',
  name: 'name',
  网点名称: 'name',
  district_code: 'districtCode',
  districtCode: 'districtCode',
  区县代码: 'districtCode',
  address: 'address',
  地址: 'address',
  网点地址: 'address',
  status: 'status',
  状态: 'status',
  营业状态: 'status',
  staff: 'staff',
  快递员人数: 'staff',
  从业人员数: 'staff',
} as const;

const WORKER_COLUMNS = {
  outlet: 'outlet',
  网点编码: 'outlet',
  id_number: 'idNumber',
  idNumber: 'idNumber',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  name: 'name',
  姓名: 'name',
  phone: 'phone',
  电话: 'phone',
  手机号: 'phone',
  联系电话: 'phone',
  community_code: 'communityCode',
  communityCode: 'communityCode',
  社区代码: 'communityCode',
  居住社区代码: 'communityCode',
  on_duty: 'onDuty',
  onDuty: 'onDuty',
  在岗: 'onDuty',
  是否在岗: 'onDuty',
} as const;

const VOLUME_COLUMNS = {
  date: 'day',
  day: 'day',
  日期: 'day',
  firm: 'firm',
  快递企业: 'firm',
  企业: 'firm',
  district_code: 'districtCode',
  districtCode: 'districtCode',
  区县代码: 'districtCode',
  collected: 'collected',
  收寄量: 'collected',
  delivered: 'delivered',
  投递量: 'delivered',
} as const;

type Keys<T> = T[keyof T] & string;

/** Reads an outlet sheet (CSV/XLSX); unknown or missing columns refuse the file whole. */
export function readOutletSheet(buf: Buffer) {
  return readSheet<Keys<typeof OUTLET_COLUMNS>>(buf, OUTLET_COLUMNS, [
    'code',
    'firm',
    'name',
    'districtCode',
    'address',
  ]);
}

/** Reads a worker sheet (CSV/XLSX). */
export function readWorkerSheet(buf: Buffer) {
  return readSheet<Keys<typeof WORKER_COLUMNS>>(buf, WORKER_COLUMNS, ['outlet', 'idNumber', 'name']);
}

/** Reads a daily volume sheet (CSV/XLSX). */
export function readVolumeSheet(buf: Buffer) {
  return readSheet<Keys<typeof VOLUME_COLUMNS>>(buf, VOLUME_COLUMNS, [
    'day',
    'firm',
    'districtCode',
    'collected',
    'delivered',
  ]);
}
