import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, parseCsv } from './csv.ts';

test('parses quotes, embedded commas and newlines, CRLF, BOM, and reports start lines', () => {
  const text = '\ufeffa,b,c\r\n1,"x, y",3\r\n\r\n2,"multi\nline","say ""hi"""\n4,,\n';
  assert.deepEqual(parseCsv(text), [
    { line: 1, cells: ['a', 'b', 'c'] },
    { line: 2, cells: ['1', 'x, y', '3'] },
    { line: 4, cells: ['2', 'multi\nline', 'say "hi"'] },
    { line: 6, cells: ['4', '', ''] },
  ]);
});

test('last record without newline; quoting round-trips', () => {
  assert.deepEqual(parseCsv('a\nb'), [
    { line: 1, cells: ['a'] },
    { line: 2, cells: ['b'] },
  ]);
  const v = 'he said "a, b"\n';
  assert.deepEqual(parseCsv(`${csvCell(v)},${csvCell('plain')}`)[0]?.cells, [v, 'plain']);
});

/** The character-by-character reading (the parser before its fast path), as the reference. */
function reference(text: string) {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: Array<{ line: number; cells: string[] }> = [];
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
  for (let i = 0; i < src.length; i++) {
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
    } else if (ch === '"') {
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

test('the whole-record fast path reads every text as the character walk does', () => {
  let seed = 22;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const alphabet = ['a', 'b', ',', '"', '\n', '\r', '\r\n', '\n\n', '"x""y"', '1,2', '\ufeff'];
  for (let n = 0; n < 3000; n++) {
    const len = Math.floor(rand() * 24);
    const text = Array.from({ length: len }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    assert.deepEqual(parseCsv(text), reference(text), JSON.stringify(text));
  }
});
