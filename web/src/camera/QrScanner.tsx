import decodeQR from '@paulmillr/qr/decode.js';
import { CameraScanner } from './CameraScanner';

/** The camera's view with a QR reader (a venue poster, a resident's pass); see CameraScanner. */
export function QrScanner({ onCode, testId }: { onCode: (text: string) => void; testId?: string }) {
  return <CameraScanner onCode={onCode} decode={(img) => decodeQR(img)} shape="square" testId={testId} />;
}
