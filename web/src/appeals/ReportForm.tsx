import { type FormEvent, useState } from 'react';
import { api, errorText } from '../api';
import { useI18n } from '../i18n';
import { useAT } from './strings';

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
  const t = useAT();
  const { lang } = useI18n();
  const [production, setProduction] = useState('normal');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string>();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const n = (k: string) => Number(f.get(k) ?? 0);
    setBusy(true);
    setErr(undefined);
    try {
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
    } catch (x) {
      setErr(errorText(x, lang));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="appeal-report-form" onSubmit={submit} data-testid="report-form">
      <strong>{t('reportFor', { name, day })}</strong>
      <div className="appeal-report-fields">
        <label>
          {t('production')}
          <select name="production" value={production} onChange={(e) => setProduction(e.target.value)}>
            {['normal', 'reduced', 'stopped'].map((p) => (
              <option key={p} value={p}>
                {t(`production.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('capacity')} %
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
          {t('materialDays')}
          <input name="materialDays" type="number" min={0} max={365} step="0.5" required defaultValue={15} />
        </label>
        <label>
          {t('staffOnSite')}
          <input name="staffOnSite" type="number" min={0} required defaultValue={0} />
        </label>
        <label>
          {t('staffClosedLoop')}
          <input name="staffClosedLoop" type="number" min={0} required defaultValue={0} />
        </label>
        <label className="appeal-check">
          <input name="logisticsBlocked" type="checkbox" />
          {t('logisticsBlocked')}
        </label>
        <label className="appeal-report-note">
          {t('notes')}
          <input name="note" maxLength={500} />
        </label>
      </div>
      {err && <p className="notice notice-warn">{err}</p>}
      <div className="appeal-toolbar">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="report-submit">
          {t('submit')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
