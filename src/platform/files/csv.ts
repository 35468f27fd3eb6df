/** One parsed CSV record with the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * RFC 4180 CSV: quoted fields with doubled quotes, commas and newlines inside quotes, CRLF or LF,
 * a UTF-8 BOM (Excel writes one) and blank lines ignored.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endRecord = () => {
    cells.push(cell);
    if (touched || cells.length > 1 || cell !== '') out.push({ line: start, cells });
    cells = [];
    cell = '';
    touched = false;
  };
  // Most records of a grid or line-list export have no quote and end in LF or CRLF: those are cut
  // out whole and split, and only the rest walks the characters. The next quote and CR are kept
  // ahead of the cursor so the check stays linear in the file.
  let nextQuote = src.indexOf('"');
  let nextCr = src.indexOf('\r');
  for (let i = 0; i < src.length; i++) {
    if (!quoted && !touched && cell === '' && cells.length === 0) {
      if (nextQuote !== -1 && nextQuote < i) nextQuote = src.indexOf('"', i);
      if (nextCr !== -1 && nextCr < i) nextCr = src.indexOf('\r', i);
      let end = src.indexOf('\n', i);
      if (end === -1) end = src.length;
      const stop = end > i && src.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if ((nextQuote === -1 || nextQuote >= end) && (nextCr === -1 || nextCr >= stop)) {
        if (stop > i) out.push({ line, cells: src.slice(i, stop).split(',') });
        line++;
        start = line;
        i = end;
        continue;
      }
    }
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      touched = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0 || touched) endRecord();
  return out;
}

/** Quotes a value for CSV output when it needs it. */
export function csvCell(v: unknown): string {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
