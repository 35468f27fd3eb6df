import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** A small modal dialog on the native <dialog>: Escape, the close button or a click on the backdrop closes it. */
export function Dialog({ title, onClose, children }: Props) {
  const { t } = useI18n();
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onClose();
    };
    // a click whose target is the <dialog> itself landed on the backdrop
    const onClick = (e: MouseEvent) => e.target === dialog && onClose();
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('click', onClick);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('click', onClick);
      if (dialog.open) dialog.close();
    };
  }, [onClose]);

  return (
    <dialog className="dialog" ref={ref} aria-labelledby={titleId} data-testid="dialog">
      <div className="dialog-inner">
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn btn-ghost" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
      </div>
    </dialog>
  );
}
