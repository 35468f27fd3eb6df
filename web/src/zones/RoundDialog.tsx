import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { Dialog } from '../common/Dialog';
import { ErrorBox } from '../common/Status';
import { useI18n } from '../i18n';
import type { Zone } from '../types';
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
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const nTested = count(tested);
  const nPositives = count(positives);
  const invalid = nTested === null || nPositives === null || nPositives > nTested;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (invalid) return;
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/v1/zones/${encodeURIComponent(zone.code)}/rounds`, {
        method: 'POST',
        body: { day, tested: nTested, positives: nPositives },
      });
      onDone({
        text: t('zones.done.round', { day, tested: formatNumber(nTested), positives: formatNumber(nPositives) }),
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('zones.action.roundTitle', { name: zone.name })} onClose={onClose}>
      <form className="zone-form" onSubmit={submit} data-testid="round-form">
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
        {error !== undefined && <ErrorBox error={error} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('zones.form.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || invalid} data-testid="round-submit">
            {busy ? t('zones.form.working') : t('zones.form.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
