import QRCode from 'qrcode';
import { divisionOf } from '../geo/geo.data.ts';
import type { Category } from './venues.rules.ts';

/** Category names as printed on a poster and shown on the venue screen. */
export const CATEGORY_LABELS: Record<Category, { 'zh-CN': string; en: string }> = {
  office: { 'zh-CN': '办公场所', en: 'Office' },
  'public-institution': { 'zh-CN': '机关事业单位', en: 'Public institution' },
  'public-place': { 'zh-CN': '公共场所', en: 'Public place' },
  'construction-site': { 'zh-CN': '建筑工地', en: 'Construction site' },
  factory: { 'zh-CN': '工厂企业', en: 'Factory / enterprise' },
  'residential-compound': { 'zh-CN': '居民小区', en: 'Residential compound' },
  'mall-market': { 'zh-CN': '商场超市农贸市场', en: 'Mall / supermarket / market' },
  'care-home': { 'zh-CN': '养老机构', en: 'Care home' },
  'welfare-institution': { 'zh-CN': '福利机构', en: 'Welfare institution' },
  'custody-facility': { 'zh-CN': '监管场所', en: 'Custody facility' },
  'medical-institution': { 'zh-CN': '医疗机构', en: 'Medical institution' },
  school: { 'zh-CN': '学校', en: 'School' },
  'exam-site': { 'zh-CN': '考点', en: 'Exam site' },
  'transport-hub': { 'zh-CN': '交通场站', en: 'Transport hub' },
  'city-exit': { 'zh-CN': '离榕通道卡口', en: 'City exit checkpoint' },
};

/** What a poster prints: the signed code (as QR) and who the venue is. */
export interface PosterContent {
  payload: string;
  venueCode: string;
  name: string;
  category: string;
  district: string;
}

/** The lines of text under the QR code, shared by the SVG and PDF layouts. */
export function posterLines(p: PosterContent) {
  return {
    title: '场所码',
    name: p.name,
    detail: `${p.category} · ${p.district}`,
    call: '扫码登记 / Scan to check in',
    code: p.venueCode,
  };
}

/** Poster content of a venue row. */
export function posterContent(
  payload: string,
  v: { code: string; name: string; category: string; district_code: string },
) {
  return {
    payload,
    venueCode: v.code,
    name: v.name,
    category: CATEGORY_LABELS[v.category as Category]?.['zh-CN'] ?? v.category,
    district: divisionOf(v.district_code)?.name ?? v.district_code,
  };
}

/**
 * The QR modules of a payload (true = dark), error correction Q: a poster taped to a door gets
 * scuffed and rained on, and the payload (~120 bytes) still fits a version that scans from a metre.
 */
export function qrMatrix(payload: string): boolean[][] {
  const m = QRCode.create(payload, { errorCorrectionLevel: 'Q' }).modules;
  return Array.from({ length: m.size }, (_, r) => Array.from({ length: m.size }, (_, c) => !!m.get(r, c)));
}

// An A4 page in points, used by both the SVG (user units) and the PDF.
export const PAGE = { width: 595, height: 842, qrSide: 360, qrTop: 210 };

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The poster as SVG: the QR as one path of unit squares (so it stays crisp at any print size). */
export function posterSvg(p: PosterContent): string {
  const m = qrMatrix(p.payload);
  const n = m.length;
  const scale = PAGE.qrSide / n;
  const x0 = (PAGE.width - PAGE.qrSide) / 2;
  let d = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (m[r]?.[c]) d += `M${c} ${r}h1v1h-1z`;
  const l = posterLines(p);
  const text = (y: number, size: number, s: string, weight = 400, fill = '#111') =>
    `<text x="${PAGE.width / 2}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="middle">${esc(s)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${PAGE.width} ${PAGE.height}" width="${PAGE.width}" height="${PAGE.height}" font-family="'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif">`,
    `<rect width="${PAGE.width}" height="${PAGE.height}" fill="#fff"/>`,
    `<rect x="0" y="0" width="${PAGE.width}" height="96" fill="#0b6e4f"/>`,
    text(62, 36, l.title, 700, '#fff'),
    text(160, 30, l.name, 700),
    `<g data-qr-size="${n}" transform="translate(${x0} ${PAGE.qrTop}) scale(${scale})"><path fill="#000" shape-rendering="crispEdges" d="${d}"/></g>`,
    text(PAGE.qrTop + PAGE.qrSide + 50, 20, l.detail),
    text(PAGE.qrTop + PAGE.qrSide + 100, 30, l.call, 700, '#0b6e4f'),
    text(PAGE.height - 40, 14, l.code, 400, '#555'),
    '</svg>',
  ].join('\n');
}

/**
 * The QR code alone as PNG, with a quiet zone, for pasting into other layouts (the printed poster
 * with its text is the SVG or PDF: a PNG would need a CJK font rasteriser on the server).
 */
export function posterPng(p: PosterContent): Promise<Buffer> {
  return QRCode.toBuffer(p.payload, { type: 'png', errorCorrectionLevel: 'Q', margin: 4, scale: 12 });
}
