import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { Dialog } from '../common/Dialog';
import { CHINA_TIME_ZONE, formatDateTime } from '../common/dates';
import { ErrorBox } from '../common/Status';
import { useI18n } from '../i18n';
import type { Duty } from '../types';
import type { Done } from './ZoneActions';

interface Props {
  duty: Duty;
  onClose: () => void;
  onDone: (done: Done) => void;
  /** The duty changed elsewhere (already closed): the screen should fetch it again. */
  onStale: () => void;
}

/** Closes a duty with a closing note (recorded with the duty and audited). */
export function DutyCloseDialog({ duty, onClose, onDone, onStale }: Props) {
  const { t, lang } = useI18n();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api<{ duty: Duty }>(`/api/v1/duties/${duty.id}/close`, { method: 'POST', body: { note: note.trim() } });
      onDone({ text: t('duties.done.closed', { title: duty.title }) });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.code === 'DUTY_CLOSED') onStale();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('duties.closeTitle', { title: duty.title })} onClose={onClose}>
      <form className="zone-form" onSubmit={submit} data-testid="duty-close-form">
        <p className="muted small duty-close-facts">
          {t(`duties.kind.${duty.kind}`)} · {t('duties.owner', { owner: duty.owner })} ·{' '}
          {t('duties.due', { at: formatDateTime(duty.dueAt, lang, CHINA_TIME_ZONE) })}
        </p>
        <label className="field">
          <span>{t('duties.form.note')}</span>
          <textarea
            name="note"
            required
            rows={3}
            maxLength={500}
            placeholder={t('duties.form.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <span className="muted small">{t('duties.form.noteHint')}</span>
        </label>
        {error !== undefined && <ErrorBox error={error} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('zones.form.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || !note.trim()}
            data-testid="duty-close-submit"
          >
            {busy ? t('zones.form.working') : t('duties.close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
