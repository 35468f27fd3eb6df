import { useState } from 'react';
import { api } from '../api';
import { FormError } from '../common/Status';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';

/** The daily status report of one whitelisted enterprise for one day, filed by its liaison or itself. */
export function ReportForm({
  creditCode,
  name,
  day,
  onDone,
  onCancel,
}: {
  creditCode: string;
  name: string;
  day: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, label } = useI18n();
  const [production, setProduction] = useState('normal');
  const submit = useSubmit(async (form: HTMLFormElement) => {
    const f = new FormData(form);
    const n = (k: string) => Number(f.get(k) ?? 0);
    await api(`/api/v1/enterprises/${encodeURIComponent(creditCode)}/reports`, {
      method: 'POST',
      body: {
        day,
        production,
        capacityPct: production === 'stopped' ? 0 : n('capacityPct'),
        materialDays: n('materialDays'),
        logisticsBlocked: f.get('logisticsBlocked') === 'on',
        staffOnSite: n('staffOnSite'),
        staffClosedLoop: n('staffClosedLoop'),
        note: String(f.get('note') ?? '').trim() || undefined,
      },
    });
    onDone();
  });
  return (
    <form className="appeal-report-form" onSubmit={submit.onSubmit} aria-busy={submit.busy} data-testid="report-form">
      <strong>{t('appeals.reportFor', { name, day })}</strong>
      <div className="appeal-report-fields">
        <label>
          {t('appeals.production')}
          <select name="production" value={production} onChange={(e) => setProduction(e.target.value)}>
            {['normal', 'reduced', 'stopped'].map((p) => (
              <option key={p} value={p}>
                {label('appeals.production', p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('appeals.capacity')} %
          <input
            name="capacityPct"
            type="number"
            min={0}
            max={100}
            required
            defaultValue={100}
            disabled={production === 'stopped'}
          />
        </label>
        <label>
          {t('appeals.materialDays')}
          <input name="materialDays" type="number" min={0} max={365} step="0.5" required defaultValue={15} />
        </label>
        <label>
          {t('appeals.staffOnSite')}
          <input name="staffOnSite" type="number" min={0} required defaultValue={0} />
        </label>
        <label>
          {t('appeals.staffClosedLoop')}
          <input name="staffClosedLoop" type="number" min={0} required defaultValue={0} />
        </label>
        <label className="appeal-check">
          <input name="logisticsBlocked" type="checkbox" />
          {t('appeals.logisticsBlocked')}
        </label>
        <label className="appeal-report-note">
          {t('appeals.notes')}
          <input name="note" maxLength={500} />
        </label>
      </div>
      <FormError error={submit.error} />
      <div className="appeal-toolbar">
        <button type="submit" className="btn btn-primary" disabled={submit.busy} data-testid="report-submit">
          {t('appeals.submit')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
