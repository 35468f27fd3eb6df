import encodeQR from '@paulmillr/qr';
import { useMemo } from 'react';

/**
 * A text as a QR code (SVG, crisp at any size), for another phone's camera to read. Error
 * correction M and a 4-module quiet zone: a phone screen is clean, but a guard reads it at an angle.
 */
export function QrCode({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const cells = useMemo(() => encodeQR(text, 'raw', { ecc: 'medium', border: 4 }), [text]);
  const n = cells.length;
  let d = '';
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (cells[y]?.[x]) d += `M${x} ${y}h1v1h-1z`;
  return (
    <svg
      className="qr-code"
      viewBox={`0 0 ${n} ${n}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      shapeRendering="crispEdges"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
