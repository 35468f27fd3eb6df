import { CameraScanner } from './CameraScanner';

// zxing-wasm (ZXing-C++ compiled to WebAssembly), loaded with the lab screen's first scan only:
// its reader is ~900 kB. The .wasm is served by Banyan itself, never fetched from a CDN.
type Reader = typeof import('zxing-wasm/reader');
let reader: Promise<Reader> | undefined;
function loadReader(): Promise<Reader> {
  reader ??= Promise.all([import('zxing-wasm/reader'), import('zxing-wasm/reader/zxing_reader.wasm?url')]).then(
    ([zxing, wasm]) => {
      zxing.prepareZXingModule({
        overrides: {
          locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasm.default : prefix + path),
        },
      });
      return zxing;
    },
  );
  return reader;
}

/** The text of a Code 128 barcode (a sample tube's label) in one frame, or undefined. */
async function readTube(img: ImageData): Promise<string | undefined> {
  const zxing = await loadReader();
  const [found] = await zxing.readBarcodes(img, { formats: ['Code128'], tryHarder: true, maxNumberOfSymbols: 1 });
  return found?.isValid ? found.text : undefined;
}

/** The camera's view with a reader of tube labels (1-D Code 128 barcodes); see CameraScanner. */
export function BarcodeScanner({ onCode, testId }: { onCode: (text: string) => void; testId?: string }) {
  return <CameraScanner onCode={onCode} decode={readTube} shape="wide" testId={testId} />;
}
