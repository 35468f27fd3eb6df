import ExcelJS from 'exceljs';

/** One sheet of an export: a bold bilingual header row, then the rows. */
export interface Sheet {
  name: string;
  header: string[];
  rows: Iterable<unknown[]>;
  /** Column widths: one for all, or one per column (the last repeats). */
  widths?: number | number[];
  /** Keep the first column in view as well as the header row. */
  freezeFirstColumn?: boolean;
}

/** A list as a sheet: each column is a bilingual title and how to read it from a row. */
export function columnsSheet<T>(
  name: string,
  columns: Array<[string, (row: T) => unknown]>,
  rows: Iterable<T>,
  widths?: Sheet['widths'],
): Sheet {
  return {
    name,
    header: columns.map(([t]) => t),
    rows: (function* () {
      for (const r of rows) yield columns.map(([, f]) => f(r));
    })(),
    widths,
  };
}

/** Every export in the house style: bold header, frozen header row, fixed widths; sheet names cut to Excel's 31. */
export async function workbook(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Banyan';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    ws.addRow(s.header).font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
    ws.views = [{ state: 'frozen', ySplit: 1, ...(s.freezeFirstColumn ? { xSplit: 1 } : {}) }];
    const widths = s.widths ?? 16;
    ws.columns.forEach((c, i) => {
      c.width = typeof widths === 'number' ? widths : (widths[Math.min(i, widths.length - 1)] ?? 16);
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
