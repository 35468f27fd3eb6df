import { useState } from 'react';
import { api } from '../api';
import type { Zone } from '../api-types';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import type { Done } from './ZoneActions';

interface Props {
  zone: Zone;
  date: string;
  onClose: () => void;
  onDone: (done: Done) => void;
}

/** Records a new infection in the zone (restarts its clean days). */
export function InfectionDialog({ zone, date, onClose, onDone }: Props) {
  const { t } = useI18n();
  const [day, setDay] = useState(date);
  const [caseNo, setCaseNo] = useState('');
  const submit = useSubmit(async () => {
    await api(`/api/v1/zones/${encodeURIComponent(zone.code)}/infections`, {
      method: 'POST',
      body: { day, ...(caseNo.trim() ? { caseNo: caseNo.trim() } : {}) },
    });
    onDone({ text: t('zones.done.infection', { day }) });
  });

  return (
    <FormDialog
      title={t('zones.action.infectionTitle', { name: zone.name })}
      onClose={onClose}
      submit={submit}
      submitLabel={t('common.save')}
      name="infection"
    >
      <label className="field">
        <span>{t('zones.form.day')}</span>
        <input type="date" name="day" required value={day} onChange={(e) => setDay(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('zones.form.caseNo')}</span>
        <input name="caseNo" maxLength={64} value={caseNo} onChange={(e) => setCaseNo(e.target.value)} />
      </label>
      <p className="muted small">{t('zones.form.infectionHint')}</p>
    </FormDialog>
  );
}
