import { PAGE, type PosterContent, posterLines, qrMatrix } from './poster.ts';

// UniGB-UCS2-H maps UCS-2 code units to Adobe-GB1 CIDs; half-width ASCII is 500/1000 em, the rest full width.
const widthEm = (s: string) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) < 0x80 ? 0.5 : 1), 0);
const utf16Hex = (s: string) => Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
const num = (x: number) => Number(x.toFixed(2)).toString();

function centred(s: string, size: number, baselineFromTop: number, rgb: string): string {
  const x = (PAGE.width - widthEm(s) * size) / 2;
  return `BT ${rgb} rg /F1 ${size} Tf ${num(x)} ${num(PAGE.height - baselineFromTop)} Td <${utf16Hex(s)}> Tj ET`;
}

/**
 * The poster as a one-page PDF written by hand: QR modules as filled rectangles, text in the
 * standard Chinese font STSong-Light, which PDF readers supply themselves (not embedded, so the file
 * stays a few kilobytes). Characters outside the Basic Multilingual Plane cannot be printed this way.
 */
export function posterPdf(p: PosterContent): Buffer {
  const m = qrMatrix(p.payload);
  const scale = PAGE.qrSide / m.length;
  const x0 = (PAGE.width - PAGE.qrSide) / 2;
  const top = PAGE.height - PAGE.qrTop;
  const rects: string[] = [];
  m.forEach((row, r) => {
    row.forEach((dark, c) => {
      if (dark) rects.push(`${num(x0 + c * scale)} ${num(top - (r + 1) * scale)} ${num(scale)} ${num(scale)} re`);
    });
  });
  const l = posterLines(p);
  const content = [
    `0.043 0.431 0.31 rg 0 ${PAGE.height - 96} ${PAGE.width} 96 re f`,
    centred(l.title, 36, 62, '1 1 1'),
    centred(l.name, 30, 160, '0.07 0.07 0.07'),
    // Modules overlap by nothing and touch exactly, so one fill draws the whole symbol without seams.
    `0 0 0 rg\n${rects.join('\n')}\nf`,
    centred(l.detail, 20, PAGE.qrTop + PAGE.qrSide + 50, '0.07 0.07 0.07'),
    centred(l.call, 30, PAGE.qrTop + PAGE.qrSide + 100, '0.043 0.431 0.31'),
    centred(l.code, 14, PAGE.height - 40, '0.33 0.33 0.33'),
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    `<< /Title <FEFF${utf16Hex(`场所码 ${p.name}`)}> /Producer (Banyan) >>`,
  ];
  // The header's comment line of high bytes tells transfer tools the file is binary.
  let out = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
