/** A fake camera for browser tests: the page's getUserMedia films a canvas that shows the image a test holds up. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';

// Plain JavaScript in a string, not a function: tsx would add helpers to a function's source that
// the page does not have. The image fills most of the view, as a phone held up to a camera does.
const FAKE_CAMERA = `(() => {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const g = canvas.getContext('2d');
  let held = null;
  const paint = () => {
    g.fillStyle = '#8a8a8a';
    g.fillRect(0, 0, canvas.width, canvas.height);
    if (!held) return;
    const s = Math.min(440 / held.naturalWidth, 440 / held.naturalHeight);
    const w = held.naturalWidth * s;
    const h = held.naturalHeight * s;
    g.drawImage(held, (canvas.width - w) / 2, (canvas.height - h) / 2, w, h);
  };
  setInterval(paint, 40);
  window.__showToCamera = (url) =>
    new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => { held = img; paint(); resolve(); };
      img.onerror = () => reject(new Error('the image did not load'));
      img.src = url;
    });
  if (navigator.mediaDevices) navigator.mediaDevices.getUserMedia = async () => canvas.captureStream(15);
})();`;

/**
 * Replaces `getUserMedia` on the page with a 640×480 stream of a grey desk, and defines
 * `window.__showToCamera(url)` to hold an image (a poster, another phone's screenshot) in front of
 * it. Headless Chromium has no camera; this keeps the page's own decoding path real.
 */
export async function fakeCamera(page: Page): Promise<void> {
  await page.addInitScript({ content: FAKE_CAMERA });
}

/** Holds an image (bytes and their type) in front of the page's fake camera. */
export async function showToCamera(page: Page, bytes: Buffer, type: string): Promise<void> {
  const url = `data:${type};base64,${bytes.toString('base64')}`;
  await page.evaluate(
    (u) => (window as unknown as { __showToCamera: (u: string) => Promise<void> }).__showToCamera(u),
    url,
  );
}

/**
 * A PNG of a Code 128 barcode (a sample tube's label) with its quiet zones, drawn by ZXing-C++'s
 * writer (zxing-wasm, the library whose reader the lab's camera uses), its .wasm read from disk.
 */
export async function code128Png(text: string): Promise<Buffer> {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/writer/zxing_writer.wasm'));
  prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer },
  });
  const out = await writeBarcode(text, { format: 'Code128', scale: 3, addQuietZones: true });
  if (out.error || !out.image) throw new Error(`no Code 128 for ${text}: ${out.error}`);
  return Buffer.from(await out.image.arrayBuffer());
}
