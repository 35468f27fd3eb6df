import { useEffect, useRef, useState } from 'react';
import { elapsedMs } from '../common/clock';
import { useI18n } from '../i18n';
import './camera.css';

// A frame is read ~6 times a second: fast enough that a code held up is read before the hand
// moves, slow enough that a phone's CPU stays cool during a guard's shift.
const FRAME_MS = 160;
// Frames are scaled down to this width before decoding: a QR filling a third of the view, or a
// tube's barcode across the frame, still has several pixels per module, and decoding a 1080p frame
// would take ~10x longer.
const MAX_WIDTH = 640;
// The same code seen again within this time is the same person still holding up their phone.
const REPEAT_MS = 4000;

type CameraState = 'starting' | 'scanning' | 'unavailable' | 'denied';

/** Reads the code in one frame, or undefined (most frames have none). */
export type FrameDecoder = (img: ImageData) => string | undefined | Promise<string | undefined>;

/**
 * The camera's view with a code reader (`decode`: QR, a tube's barcode): calls `onCode` with each
 * code it reads (the same code once per few seconds). Without a camera, or when it is refused, says
 * so: the caller keeps a typed fallback. `shape` is the aiming frame drawn over the view.
 */
export function CameraScanner({
  onCode,
  decode,
  shape,
  testId,
}: {
  onCode: (text: string) => void;
  decode: FrameDecoder;
  shape: 'square' | 'wide';
  testId?: string;
}) {
  const { t } = useI18n();
  const decoder = useRef(decode);
  decoder.current = decode;
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');
  const latest = useRef(onCode);
  latest.current = onCode;

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let last = { text: '', at: 0 };
    const canvas = document.createElement('canvas');
    const read = async () => {
      const v = video.current;
      if (stopped || !v) return;
      if (v.readyState >= 2 && v.videoWidth > 0) {
        const scale = Math.min(1, MAX_WIDTH / v.videoWidth);
        canvas.width = Math.round(v.videoWidth * scale);
        canvas.height = Math.round(v.videoHeight * scale);
        const g = canvas.getContext('2d', { willReadFrequently: true });
        if (g) {
          g.drawImage(v, 0, 0, canvas.width, canvas.height);
          const text = await decodeFrame(decoder.current, g.getImageData(0, 0, canvas.width, canvas.height));
          // elapsed (monotonic) time only spaces repeats of one code; it is not business time
          const at = elapsedMs();
          if (text && (text !== last.text || at - last.at > REPEAT_MS)) {
            last = { text, at };
            latest.current(text);
          }
        }
      }
      if (!stopped) timer = setTimeout(() => void read(), FRAME_MS);
    };
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setState('unavailable');
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 } },
          audio: false,
        });
      } catch (err) {
        if (!stopped)
          setState(err instanceof DOMException && err.name === 'NotAllowedError' ? 'denied' : 'unavailable');
        return;
      }
      const v = video.current;
      if (stopped || !v) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      v.srcObject = stream;
      await v.play().catch(() => undefined);
      setState('scanning');
      void read();
    };
    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      // the camera light goes off as soon as the scanner closes
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <div className="qr-scanner" data-testid={testId} data-state={state}>
      <video ref={video} muted playsInline className={state === 'scanning' ? '' : 'qr-hidden'} />
      {state === 'scanning' && (
        <div className={shape === 'wide' ? 'qr-frame qr-frame-wide' : 'qr-frame'} aria-hidden="true" />
      )}
      <p className="muted small" role="status">
        {t(state === 'scanning' && shape === 'wide' ? 'camera.scanningBarcode' : `camera.${state}`)}
      </p>
    </div>
  );
}

/** A decoder's answer for one frame; a frame it cannot read is a frame without a code. */
async function decodeFrame(decode: FrameDecoder, img: ImageData): Promise<string | undefined> {
  try {
    return (await decode(img)) || undefined;
  } catch {
    return undefined;
  }
}
