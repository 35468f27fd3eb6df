import { A4, fit, INK, PdfDoc, type PdfPage } from '../platform/files/pdf.ts';
import type { Manifest, RoomLists } from './events.schema.ts';

const MARGIN = 40;
const RIGHT = A4.width - MARGIN;
const ROWS_PER_PAGE = 30;

/** An instant in Beijing time, as printed: 11-05 08:00. */
const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');

function footer(p: PdfPage, left: string, right: string) {
  p.rule(MARGIN, RIGHT, A4.height - 36);
  p.text(fit(left, RIGHT - MARGIN - 120, 9), MARGIN, A4.height - 24, 9, { rgb: INK.grey });
  p.text(right, RIGHT, A4.height - 24, 9, { rgb: INK.grey, align: 'right' });
}

function columns(p: PdfPage, y: number, cells: Array<[string, number]>, size: number, rgb = INK.black) {
  cells.forEach(([s, x], i) => {
    const next = cells[i + 1]?.[1] ?? RIGHT;
    p.text(fit(s, next - x - 6, size), x, y, size, { rgb });
  });
}

/**
 * Room lists, one page per room (more when a room holds more than 30): the exam, site, room and
 * whether it is an isolation room (special lane), the sessions, then seat, candidate number,
 * masked name and ID and, for moved candidates, the room they came from.
 */
export function roomListsPdf(l: RoomLists, printedAt: string): Buffer {
  const doc = new PdfDoc(`考场名单 ${l.name}`);
  const sessions = l.sessions.map((s) => `${beijing(s.startsAt)}–${beijing(s.endsAt).slice(6)}`).join('，');
  const cols = [MARGIN, MARGIN + 50, MARGIN + 170, MARGIN + 260, MARGIN + 410] as const;
  for (const r of l.rooms) {
    const pages = Math.max(1, Math.ceil(r.seats.length / ROWS_PER_PAGE));
    for (let n = 0; n < pages; n++) {
      const p = doc.page();
      p.text(fit(l.name, RIGHT - MARGIN, 14), MARGIN, 56, 14, { rgb: INK.grey });
      p.text(`${r.siteName}（${r.siteCode}）  第 ${r.roomNo} 考场`, MARGIN, 90, 22);
      if (r.isolation) {
        p.fill(RIGHT - 150, 70, 150, 28, INK.red);
        p.text('隔离考场 · 特殊通道', RIGHT - 75, 90, 14, { rgb: '1 1 1', align: 'center' });
      }
      p.text(fit(`场次：${sessions}    座位 ${r.seats.length}/${r.capacity}`, RIGHT - MARGIN, 11), MARGIN, 114, 11, {
        rgb: INK.grey,
      });
      columns(
        p,
        146,
        ['座号', '准考证号', '姓名', '身份证号', '备注'].map((h, i) => [h, cols[i] as number]),
        11,
        INK.green,
      );
      p.rule(MARGIN, RIGHT, 152);
      r.seats.slice(n * ROWS_PER_PAGE, (n + 1) * ROWS_PER_PAGE).forEach((s, i) => {
        const y = 172 + i * 21;
        columns(
          p,
          y,
          [
            [String(s.seat), cols[0]],
            [s.candidateNo, cols[1]],
            [s.nameMasked, cols[2]],
            [s.idNumberMasked, cols[3]],
            [s.movedFrom ? `由 ${s.movedFrom} 调入` : '', cols[4]],
          ],
          11,
        );
        p.rule(MARGIN, RIGHT, y + 7, 0.2);
      });
      if (!r.seats.length) p.text('本考场无考生', MARGIN, 176, 11, { rgb: INK.grey });
      footer(p, `${l.event} · ${r.siteCode}/${r.roomNo} · 打印于 ${beijing(printedAt)}`, `${n + 1}/${pages}`);
    }
  }
  if (!doc.pages.length) doc.page().text('没有考场', MARGIN, 80, 14);
  return doc.bytes();
}

/** Seat labels to stick on the desks: ten to an A4 page (2 × 5), cut along the borders. */
export function seatLabelsPdf(l: RoomLists): Buffer {
  const doc = new PdfDoc(`座位标签 ${l.name}`);
  const w = (A4.width - 2 * MARGIN) / 2;
  const h = (A4.height - 2 * MARGIN) / 5;
  const labels = l.rooms.flatMap((r) => r.seats.map((s) => ({ r, s })));
  labels.forEach(({ r, s }, i) => {
    const p = i % 10 === 0 ? doc.page() : (doc.pages[doc.pages.length - 1] as PdfPage);
    const x = MARGIN + (i % 2) * w;
    const y = MARGIN + Math.floor((i % 10) / 2) * h;
    p.box(x + 4, y + 4, w - 8, h - 8);
    const mid = x + w / 2;
    p.text(fit(`${r.siteName} · 第 ${r.roomNo} 考场`, w - 24, 12), mid, y + 30, 12, { rgb: INK.grey, align: 'center' });
    p.text(`${s.seat} 号`, mid, y + 78, 40, { align: 'center' });
    p.text(s.candidateNo, mid, y + 108, 16, { align: 'center' });
    p.text(`${s.nameMasked}  ${s.idNumberMasked}`, mid, y + 130, 11, { rgb: INK.grey, align: 'center' });
    if (r.isolation) p.text('隔离考场', mid, y + 148, 10, { rgb: INK.red, align: 'center' });
  });
  if (!doc.pages.length) doc.page().text('没有考生', MARGIN, 80, 14);
  return doc.bytes();
}

/**
 * The drivers' manifests of a session, one page per trip: vehicle, driver, site, lane (a special
 * trip in red: it carries only special candidates), departure, then each rider's number, masked
 * name and pickup.
 */
export function manifestPdf(m: Manifest, name: string): Buffer {
  const doc = new PdfDoc(`接送清单 ${name} 第${m.session}场`);
  m.trips.forEach((t, i) => {
    // A vehicle holds up to 60: more than a page's rows go on to a page of their own.
    for (let from = 0; from === 0 || from < t.riders.length; from += 28) {
      const p = doc.page();
      p.text(fit(`${name} · 第 ${m.session} 场（${beijing(m.startsAt)} 开考）`, RIGHT - MARGIN, 12), MARGIN, 56, 12, {
        rgb: INK.grey,
      });
      p.text(`${t.plate}  发车 ${beijing(t.departsAt).slice(6)}`, MARGIN, 92, 24);
      const special = t.lane === 'special';
      p.fill(RIGHT - 150, 70, 150, 28, special ? INK.red : INK.green);
      p.text(special ? '特殊通道专车' : '常规通道', RIGHT - 75, 90, 14, { rgb: '1 1 1', align: 'center' });
      p.text(fit(`送往：${t.siteName}（${t.siteCode}）`, RIGHT - MARGIN, 14), MARGIN, 122, 14);
      p.text(
        `司机：${t.driverMasked}  ${t.driverPhoneMasked ?? ''}    座位 ${t.riders.length}/${t.seats}`,
        MARGIN,
        144,
        12,
        { rgb: INK.grey },
      );
      const cols = [MARGIN, MARGIN + 40, MARGIN + 160, MARGIN + 250] as const;
      columns(
        p,
        176,
        ['序号', '准考证号', '姓名', '接送地址'].map((h, k) => [h, cols[k] as number]),
        11,
        INK.green,
      );
      p.rule(MARGIN, RIGHT, 182);
      t.riders.slice(from, from + 28).forEach((r, k) => {
        const y = 202 + k * 21;
        columns(
          p,
          y,
          [
            [String(from + k + 1), cols[0]],
            [r.candidateNo, cols[1]],
            [r.nameMasked, cols[2]],
            [r.pickupMasked ?? '', cols[3]],
          ],
          11,
        );
        p.rule(MARGIN, RIGHT, y + 7, 0.2);
      });
      footer(p, `${m.event} · ${t.plate} · ${t.siteCode}`, `${i + 1}/${m.trips.length}`);
    }
  });
  if (!doc.pages.length) doc.page().text('本场次没有专车', MARGIN, 80, 14);
  return doc.bytes();
}
