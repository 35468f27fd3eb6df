// A small PDF writer for printed lists (exam room lists, seat labels, drivers' manifests), written
// by hand as the venue poster is (src/venues/poster.pdf.ts): text in the standard Chinese font
// STSong-Light, which PDF readers supply themselves, so nothing is embedded and a thousand pages
// stay a few megabytes; the Noto CJK fonts on the server are not needed to write or to read them.

/** A4 portrait in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Text colours as PDF `rg` operands. */
export const INK = { black: '0.07 0.07 0.07', grey: '0.4 0.4 0.4', green: '0.043 0.431 0.31', red: '0.7 0.1 0.1' };

// UniGB-UCS2-H maps UCS-2 code units to Adobe-GB1 CIDs; half-width ASCII is 500/1000 em, the rest full width.
/** The width of a string in ems as STSong-Light prints it. */
export const widthEm = (s: string) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) < 0x80 ? 0.5 : 1), 0);
// Characters beyond the Basic Multilingual Plane have no UCS-2 code: a white square stands in.
const bmp = (s: string) => [...s].map((ch) => ((ch.codePointAt(0) ?? 0) > 0xffff ? '□' : ch)).join('');
const utf16Hex = (s: string) => Buffer.from(bmp(s), 'utf16le').swap16().toString('hex').toUpperCase();
const num = (x: number) => Number(x.toFixed(2)).toString();

/** A string cut to a width in points at a size, with an ellipsis when cut. */
export function fit(s: string, maxWidth: number, size: number): string {
  if (widthEm(s) * size <= maxWidth) return s;
  let out = '';
  for (const ch of s) {
    if (widthEm(`${out}${ch}…`) * size > maxWidth) break;
    out += ch;
  }
  return `${out}…`;
}

/** One page being drawn; y is measured from the top of the page, as a reader lays a list out. */
export class PdfPage {
  readonly ops: string[] = [];
  constructor(readonly height: number) {}

  /** Text with its baseline `y` points below the top; `align` places `x` at its left, centre or right. */
  text(
    s: string,
    x: number,
    y: number,
    size: number,
    opts: { rgb?: string; align?: 'left' | 'center' | 'right' } = {},
  ) {
    const w = widthEm(s) * size;
    const left = opts.align === 'center' ? x - w / 2 : opts.align === 'right' ? x - w : x;
    this.ops.push(
      `BT ${opts.rgb ?? INK.black} rg /F1 ${size} Tf ${num(left)} ${num(this.height - y)} Td <${utf16Hex(s)}> Tj ET`,
    );
    return this;
  }

  /** A filled rectangle whose top-left corner is `y` points below the top. */
  fill(x: number, y: number, w: number, h: number, rgb: string) {
    this.ops.push(`${rgb} rg ${num(x)} ${num(this.height - y - h)} ${num(w)} ${num(h)} re f`);
    return this;
  }

  /** A stroked rectangle (a label's border). */
  box(x: number, y: number, w: number, h: number, width = 0.8) {
    this.ops.push(`${width} w 0.5 0.5 0.5 RG ${num(x)} ${num(this.height - y - h)} ${num(w)} ${num(h)} re S`);
    return this;
  }

  /** A horizontal rule. */
  rule(x1: number, x2: number, y: number, width = 0.5) {
    const h = num(this.height - y);
    this.ops.push(`${width} w 0.6 0.6 0.6 RG ${num(x1)} ${h} m ${num(x2)} ${h} l S`);
    return this;
  }
}

/** A document of pages of one size; `bytes` writes it with exact cross-reference offsets. */
export class PdfDoc {
  readonly pages: PdfPage[] = [];
  constructor(
    readonly title: string,
    readonly size: { width: number; height: number } = A4,
  ) {}

  /** A new page at the end. */
  page(): PdfPage {
    const p = new PdfPage(this.size.height);
    this.pages.push(p);
    return p;
  }

  /** The file: catalog, pages, the shared font, then each page and its content stream. */
  bytes(): Buffer {
    const pages = this.pages.length ? this.pages : [new PdfPage(this.size.height)];
    const n = pages.length;
    // Objects 1–5: catalog, pages, the font's three parts; then page i is 6+2i, its content 7+2i; info last.
    const kids = pages.map((_, i) => `${6 + 2 * i} 0 R`).join(' ');
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`,
      '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>',
      '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    ];
    pages.forEach((p, i) => {
      const content = p.ops.join('\n');
      objects.push(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(this.size.width)} ${num(this.size.height)}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${7 + 2 * i} 0 R >>`,
        `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
      );
    });
    objects.push(`<< /Title <FEFF${utf16Hex(this.title)}> /Producer (Banyan) >>`);
    const chunks: string[] = ['%PDF-1.4\n%\xE2\xE3\xCF\xD3\n'];
    let length = Buffer.byteLength(chunks[0] as string, 'latin1');
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      const chunk = `${i + 1} 0 obj\n${body}\nendobj\n`;
      offsets.push(length);
      chunks.push(chunk);
      length += Buffer.byteLength(chunk, 'latin1');
    });
    let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const o of offsets) tail += `${String(o).padStart(10, '0')} 00000 n \n`;
    tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${length}\n%%EOF\n`;
    chunks.push(tail);
    return Buffer.from(chunks.join(''), 'latin1');
  }
}
