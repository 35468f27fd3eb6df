import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { Dialog } from '../common/Dialog';
import { ErrorBox } from '../common/Status';
import { useI18n } from '../i18n';
import type { Zone } from '../types';
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
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/v1/zones/${encodeURIComponent(zone.code)}/infections`, {
        method: 'POST',
        body: { day, ...(caseNo.trim() ? { caseNo: caseNo.trim() } : {}) },
      });
      onDone({ text: t('zones.done.infection', { day }) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('zones.action.infectionTitle', { name: zone.name })} onClose={onClose}>
      <form className="zone-form" onSubmit={submit} data-testid="infection-form">
        <label className="field">
          <span>{t('zones.form.day')}</span>
          <input type="date" name="day" required value={day} onChange={(e) => setDay(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('zones.form.caseNo')}</span>
          <input name="caseNo" maxLength={64} value={caseNo} onChange={(e) => setCaseNo(e.target.value)} />
        </label>
        <p className="muted small">{t('zones.form.infectionHint')}</p>
        {error !== undefined && <ErrorBox error={error} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('zones.form.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="infection-submit">
            {busy ? t('zones.form.working') : t('zones.form.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
