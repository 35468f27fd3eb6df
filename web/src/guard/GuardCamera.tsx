import { QrScanner } from '../camera/QrScanner';
import { useI18n } from '../i18n';

/**
 * The guard's camera: once opened it stays open through the queue, reading each resident's
 * personal code as they hold their phone up; the typed input below stays for resident IDs.
 */
export function GuardCamera({
  onCode,
  busy,
  open,
  setOpen,
}: {
  onCode: (text: string) => void;
  busy: boolean;
  open: boolean;
  setOpen: (open: boolean) => void;
}) {
  const { t } = useI18n();
  if (!open)
    return (
      <button
        type="button"
        className="btn btn-primary guard-big-btn"
        onClick={() => setOpen(true)}
        data-testid="guard-scan"
      >
        {t('guard.scan')}
      </button>
    );
  return (
    <div className="guard-camera">
      <p className="muted small">{t('guard.scanHint')}</p>
      <QrScanner
        onCode={(text) => {
          // a code read while the previous answer is still coming is read again on the next frame
          if (!busy) onCode(text);
        }}
        testId="guard-scanner"
      />
      <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
        {t('camera.close')}
      </button>
    </div>
  );
}
