import ExcelJS from 'exceljs';
import { parseCsv } from './csv.ts';
import { decodeText } from './text.ts';

/** A data row with its 1-based row number in the file (the header is row 1). */
export interface TableRow {
  row: number;
  cells: string[];
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

/**
 * Reads the first sheet of an XLSX (a zip) or a CSV in any encoding decodeText knows into a header
 * and rows; throws on an unreadable file (an AppError naming the row for a CSV that is not text).
 */
export async function readTable(buf: Buffer): Promise<{ header: string[]; rows: TableRow[] }> {
  let table: TableRow[];
  if (buf.length > 4 && buf.readUInt32LE(0) === 0x04034b50) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    table = [];
    ws?.eachRow((r, n) => {
      table.push({ row: n, cells: (r.values as ExcelJS.CellValue[]).slice(1).map(cellText) });
    });
  } else {
    table = parseCsv(decodeText(buf).text).map((r) => ({ row: r.line, cells: r.cells }));
  }
  const [head, ...rows] = table;
  return { header: (head?.cells ?? []).map((h) => h.trim()), rows };
}
