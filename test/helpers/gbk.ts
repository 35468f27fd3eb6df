// GBK/GB18030 text for the encoding tests, from the code page tables (CP936 and GB 18030-2005)
// rather than from the decoder under test.
const GBK: Record<string, number[]> = {
  姓: [0xd0, 0xd5],
  名: [0xc3, 0xfb],
  张: [0xd5, 0xc5],
  三: [0xc8, 0xfd],
  李: [0xc0, 0xee],
  四: [0xcb, 0xc4],
  王: [0xcd, 0xf5],
  五: [0xce, 0xe5],
  福: [0xb8, 0xa3],
  州: [0xd6, 0xdd],
  身: [0xc9, 0xed],
  份: [0xb7, 0xdd],
  证: [0xd6, 0xa4],
  号: [0xba, 0xc5],
  '€': [0x80],
  𠀀: [0x95, 0x32, 0x82, 0x36],
};

/** Encodes text as GBK/GB18030 from the table above (ASCII as itself). */
export function gbk(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const bytes = GBK[ch] ?? (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : undefined);
    if (!bytes) throw new Error(`no GBK bytes in the table for ${ch}`);
    out.push(...bytes);
  }
  return Buffer.from(out);
}
