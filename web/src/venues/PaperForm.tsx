import { useState } from 'react';
import { ApiError, api, errorText } from '../api';
import { sheetContentType } from '../common/useSheetUpload';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';

interface Issue {
  row: number;
  column: string;
  message: Record<string, string>;
}
interface Entered {
  entered: number;
  duplicates: number;
}

/** Types in one line of a paper sign-in sheet, or imports a whole sheet; problems are listed by row. */
export function PaperForm({ venue, day, onEntered }: { venue: string; day: string; onEntered: () => void }) {
  const { t, lang } = useI18n();
  const [at, setAt] = useState(`${day}T08:00`);
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [result, setResult] = useState<Entered | null>(null);

  // one line typed in, or a whole sheet: either way the counts or every problem by row
  const enter = useSubmit(async (file: File | null) => {
    setResult(null);
    if (file) {
      setResult(
        await api<Entered>('/api/v1/imports/paper-registrations', {
          method: 'POST',
          raw: file,
          contentType: sheetContentType(file.name) ?? 'text/csv',
        }),
      );
    } else {
      setResult(
        await api<Entered>('/api/v1/paper-registrations', {
          method: 'POST',
          body: {
            records: [
              { venue, at, idNumber: idNumber || undefined, name: name || undefined, phone: phone || undefined },
            ],
          },
        }),
      );
      setIdNumber('');
      setName('');
      setPhone('');
    }
    onEntered();
  });
  const e = enter.error;
  const issues = e instanceof ApiError ? (e.details as { issues?: Issue[] } | undefined)?.issues : undefined;
  const problems =
    e === undefined ? [] : issues ? issues.map((i) => `#${i.row} ${i.message[lang] ?? ''}`) : [errorText(e, lang)];

  return (
    <details className="venue-paper" data-testid="venue-paper">
      <summary>{t('venues.paper')}</summary>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          void enter.run(null);
        }}
        className="venue-paper-form"
        aria-busy={enter.busy}
      >
        <label>
          {t('venues.paperAt')}
          <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required />
        </label>
        <label>
          {t('venues.idNumber')}
          <input value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={18} />
        </label>
        <p className="muted small">{t('venues.orNamePhone')}</p>
        <label>
          {t('venues.personName')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={50} />
        </label>
        <label>
          {t('venues.phone')}
          <input value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={20} />
        </label>
        <div className="venue-paper-actions">
          <button type="submit" className="btn btn-primary" disabled={enter.busy}>
            {t('venues.submit')}
          </button>
          <label className="btn">
            {t('venues.csv')}
            <input
              type="file"
              hidden
              accept=".csv,.xlsx,text/csv"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void enter.run(f);
                e.target.value = '';
              }}
            />
          </label>
        </div>
      </form>
      {result && (
        <p className="notice notice-ok">{t('venues.paperDone', { n: result.entered, d: result.duplicates })}</p>
      )}
      {problems.length > 0 && (
        <ul className="notice notice-warn">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
