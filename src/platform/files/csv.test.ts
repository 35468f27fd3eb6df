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
