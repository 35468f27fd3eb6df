import { useState } from 'react';
import { api } from '../api';
import type { Duty, DutyKind, Zone } from '../api-types';
import { businessNow } from '../common/clock';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../common/useSubmit';
import { DUTY_KINDS } from '../domain';
import { useI18n } from '../i18n';
import { chinaLocal, chinaPast, toChinaIso } from './forms';
import type { Done } from './ZoneActions';

interface Props {
  zone: Zone;
  onClose: () => void;
  onDone: (done: Done) => void;
}

const DAY_MS = 86_400_000;

/** Adds a tracked duty to the zone: what, who answers for it, and by when (Beijing time). */
export function DutyDialog({ zone, onClose, onDone }: Props) {
  const { t } = useI18n();
  const [kind, setKind] = useState<DutyKind>('screening');
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  // tomorrow, 18:00 in Beijing
  const [dueAt, setDueAt] = useState(() => `${chinaLocal(businessNow() + DAY_MS).slice(0, 10)}T18:00`);
  const submit = useSubmit(async () => {
    const { duty } = await api<{ duty: Duty }>(`/api/v1/zones/${encodeURIComponent(zone.code)}/duties`, {
      method: 'POST',
      body: { kind, title: title.trim(), owner: owner.trim(), dueAt: toChinaIso(dueAt) },
    });
    onDone({ text: t('duties.done.added', { title: duty.title }) });
  });

  return (
    <FormDialog
      title={t('duties.addTitle', { name: zone.name })}
      onClose={onClose}
      submit={submit}
      submitLabel={t('common.save')}
      ready={!!title.trim() && !!owner.trim() && !!dueAt}
      name="duty"
    >
      <label className="field">
        <span>{t('duties.form.kind')}</span>
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as DutyKind)}>
          {DUTY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`duties.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('duties.form.title')}</span>
        <input
          name="title"
          required
          maxLength={200}
          placeholder={t('duties.form.titlePlaceholder')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('duties.form.owner')}</span>
        <input
          name="owner"
          required
          maxLength={64}
          placeholder={t('duties.form.ownerPlaceholder')}
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('duties.form.dueAt')}</span>
        <input type="datetime-local" name="dueAt" required value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
        {chinaPast(dueAt) && (
          <span className="small duty-past-hint" data-testid="duty-past-hint">
            {t('duties.form.pastHint')}
          </span>
        )}
      </label>
    </FormDialog>
  );
}
