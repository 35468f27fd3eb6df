import { errorText } from '../api';
import { useI18n } from '../i18n';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="status status-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="status status-error" role="alert">
      <strong>{t('common.error')}</strong>
      <span className="status-message">{errorText(error, lang)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A failed submission's message in the UI language (the server's catalogue text), or nothing. */
export function FormError({
  error,
  className = 'notice notice-warn',
  testId,
}: {
  error: unknown;
  className?: string;
  testId?: string;
}) {
  const { lang } = useI18n();
  if (error === undefined) return null;
  return (
    <p className={className} role="alert" data-testid={testId}>
      {errorText(error, lang)}
    </p>
  );
}

export function Empty() {
  const { t } = useI18n();
  return <div className="status status-empty">{t('common.empty')}</div>;
}
