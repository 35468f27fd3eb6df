import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Dialog } from './Dialog';
import { ErrorBox } from './Status';

interface Props {
  title: string;
  onClose: () => void;
  /** The form's state from useSubmit: busy, the failure, and its onSubmit. */
  submit: { busy: boolean; error: unknown; onSubmit: (e: FormEvent<HTMLFormElement>) => void };
  submitLabel: string;
  /** False while the form cannot be sent (a required field empty, counts that do not add up). */
  ready?: boolean;
  /** Names the test ids `<name>-form` and `<name>-submit`. */
  name: string;
  className?: string;
  children: ReactNode;
}

/** A form in the shared dialog frame: its fields, the server's refusal in the UI language, cancel and submit. */
export function FormDialog({ title, onClose, submit, submitLabel, ready = true, name, className, children }: Props) {
  const { t } = useI18n();
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        className={className ? `zone-form ${className}` : 'zone-form'}
        onSubmit={submit.onSubmit}
        aria-busy={submit.busy}
        data-testid={`${name}-form`}
      >
        {children}
        {submit.error !== undefined && <ErrorBox error={submit.error} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={submit.busy || !ready}
            data-testid={`${name}-submit`}
          >
            {submit.busy ? t('common.working') : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
