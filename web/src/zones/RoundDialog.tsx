import { useState } from 'react';
import { api } from '../api';
import type { Zone } from '../api-types';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import { count } from './forms';
import type { Done } from './ZoneActions';

interface Props {
  zone: Zone;
  date: string;
  onClose: () => void;
  onDone: (done: Done) => void;
}

/** Records a testing round of the whole zone: how many were tested and how many were positive. */
export function RoundDialog({ zone, date, onClose, onDone }: Props) {
  const { t, formatNumber } = useI18n();
  const [day, setDay] = useState(date);
  const [tested, setTested] = useState(String(zone.residents));
  const [positives, setPositives] = useState('0');
  const nTested = count(tested);
  const nPositives = count(positives);
  const invalid = nTested === null || nPositives === null || nPositives > nTested;

  const submit = useSubmit(async () => {
    if (invalid) return;
    await api(`/api/v1/zones/${encodeURIComponent(zone.code)}/rounds`, {
      method: 'POST',
      body: { day, tested: nTested, positives: nPositives },
    });
    onDone({
      text: t('zones.done.round', { day, tested: formatNumber(nTested), positives: formatNumber(nPositives) }),
    });
  });

  return (
    <FormDialog
      title={t('zones.action.roundTitle', { name: zone.name })}
      onClose={onClose}
      submit={submit}
      submitLabel={t('common.save')}
      ready={!invalid}
      name="round"
    >
      <label className="field">
        <span>{t('zones.form.day')}</span>
        <input type="date" name="day" required value={day} onChange={(e) => setDay(e.target.value)} />
      </label>
      <div className="zone-form-row">
        <label className="field">
          <span>{t('zones.form.tested')}</span>
          <input
            name="tested"
            inputMode="numeric"
            required
            value={tested}
            onChange={(e) => setTested(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('zones.form.positives')}</span>
          <input
            name="positives"
            inputMode="numeric"
            required
            value={positives}
            onChange={(e) => setPositives(e.target.value)}
          />
        </label>
      </div>
      {invalid && <p className="form-error">{t('zones.form.badCounts')}</p>}
    </FormDialog>
  );
}
