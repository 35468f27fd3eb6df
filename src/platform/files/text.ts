import { AppError, E } from '../errors.ts';

/** The encodings a CSV may arrive in: what Excel writes as "CSV UTF-8", "Unicode text" and, on Chinese Windows, plain "CSV". */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

// Node 20 ships full ICU, so TextDecoder knows GB18030 (a superset of GBK and GB2312); `fatal`
// makes a byte sequence that is not valid in the encoding an error instead of a silent U+FFFD.
const decoders = {
  'utf-8': new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }),
  'utf-16le': new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }),
  'utf-16be': new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }),
  gb18030: new TextDecoder('gb18030', { fatal: true }),
} satisfies Record<TextEncoding, TextDecoder>;

/**
 * Counts how a buffer reads as UTF-8: well-formed multi-byte sequences and bytes that fit none.
 * GBK text has a malformed byte in most of its characters; UTF-8 with a damaged byte has a few
 * among many good sequences, and must be refused as UTF-8 rather than read as GB18030 mojibake.
 */
export function utf8Shape(buf: Uint8Array): { multibyte: number; malformed: number } {
  let multibyte = 0;
  let malformed = 0;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = n > 0 && i + n <= buf.length;
    for (let k = 1; ok && k < n; k++) ok = ((buf[i + k] as number) & 0xc0) === 0x80;
    if (ok) {
      multibyte++;
      i += n;
    } else {
      malformed++;
      i++;
    }
  }
  return { multibyte, malformed };
}

/** The 1-based line of the first unreadable or unstorable character, by a lenient decode of the same bytes. */
function rowOfFirstBad(buf: Uint8Array, encoding: TextEncoding): number {
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(buf);
  let at = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || c === 0) {
      at = i;
      break;
    }
  }
  if (at < 0) return 1;
  let row = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 0x0a) row++;
  return row;
}

function decodeAs(buf: Uint8Array, encoding: TextEncoding): string | null {
  try {
    return decoders[encoding].decode(buf);
  } catch {
    return null;
  }
}

/**
 * Decodes an uploaded text file whatever Excel saved it as: a BOM names UTF-8 or UTF-16; without
 * one, UTF-8 if the bytes are valid UTF-8, else GB18030 if they are valid GB18030 and do not look
 * like damaged UTF-8. A file valid in none, or holding NUL or U+FFFD (the mark of an earlier bad
 * conversion), is refused with the first bad row, so that no name is ever stored as U+FFFD.
 */
export function decodeText(buf: Uint8Array): { text: string; encoding: TextEncoding } {
  let encoding: TextEncoding;
  let body = buf;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    encoding = 'utf-8';
    body = buf.subarray(3);
  } else if (buf[0] === 0xff && buf[1] === 0xfe) {
    encoding = 'utf-16le';
    body = buf.subarray(2);
  } else if (buf[0] === 0xfe && buf[1] === 0xff) {
    encoding = 'utf-16be';
    body = buf.subarray(2);
  } else if (decodeAs(buf, 'utf-8') !== null) encoding = 'utf-8';
  else {
    const shape = utf8Shape(buf);
    encoding = shape.multibyte >= 4 * shape.malformed ? 'utf-8' : 'gb18030';
  }
  const text = decodeAs(body, encoding);
  if (text === null) throw new AppError(E.IMPORT_ENCODING, { row: rowOfFirstBad(body, encoding) });
  if (text.includes('\0') || text.includes('\ufffd'))
    throw new AppError(E.IMPORT_BAD_CHARACTER, { row: rowOfFirstBad(body, encoding) });
  return { text, encoding };
}
