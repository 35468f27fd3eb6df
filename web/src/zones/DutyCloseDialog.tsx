import { useState } from 'react';
import { ApiError, api } from '../api';
import type { Duty } from '../api-types';
import { CHINA_TIME_ZONE, formatDateTime } from '../common/dates';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
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
  const submit = useSubmit(
    async () => {
      await api<{ duty: Duty }>(`/api/v1/duties/${duty.id}/close`, { method: 'POST', body: { note: note.trim() } });
      onDone({ text: t('duties.done.closed', { title: duty.title }) });
    },
    {
      // shown like any refusal, and the screen fetches the duty again
      onError: (err) => {
        if (err instanceof ApiError && err.code === 'DUTY_CLOSED') onStale();
        return false;
      },
    },
  );

  return (
    <FormDialog
      title={t('duties.closeTitle', { title: duty.title })}
      onClose={onClose}
      submit={submit}
      submitLabel={t('duties.close')}
      ready={!!note.trim()}
      name="duty-close"
    >
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
    </FormDialog>
  );
}
