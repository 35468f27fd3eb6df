import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { sheetContentType } from '../common/useSheetUpload';
import { useI18n } from '../i18n';
import { useVenueStrings } from './strings';

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
export function PaperForm({
  venue,
  day,
  onEntered,
  errorText,
}: {
  venue: string;
  day: string;
  onEntered: () => void;
  errorText: (e: unknown) => string;
}) {
  const s = useVenueStrings();
  const { lang } = useI18n();
  const [at, setAt] = useState(`${day}T08:00`);
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  function show(e: unknown) {
    const issues = e instanceof ApiError ? (e.details as { issues?: Issue[] } | undefined)?.issues : undefined;
    setProblems(issues ? issues.map((i) => `#${i.row} ${i.message[lang] ?? ''}`) : [errorText(e)]);
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    setProblems([]);
    try {
      const r = await api<Entered>('/api/v1/paper-registrations', {
        method: 'POST',
        body: {
          records: [{ venue, at, idNumber: idNumber || undefined, name: name || undefined, phone: phone || undefined }],
        },
      });
      setResult(s('paperDone', { n: r.entered, d: r.duplicates }));
      setIdNumber('');
      setName('');
      setPhone('');
      onEntered();
    } catch (err) {
      show(err);
    }
  }
  async function upload(file: File) {
    setResult(null);
    setProblems([]);
    try {
      const r = await api<Entered>('/api/v1/imports/paper-registrations', {
        method: 'POST',
        raw: file,
        contentType: sheetContentType(file.name) ?? 'text/csv',
      });
      setResult(s('paperDone', { n: r.entered, d: r.duplicates }));
      onEntered();
    } catch (err) {
      show(err);
    }
  }

  return (
    <details className="venue-paper" data-testid="venue-paper">
      <summary>{s('paper')}</summary>
      <form onSubmit={(e) => void submit(e)} className="venue-paper-form">
        <label>
          {s('paperAt')}
          <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required />
        </label>
        <label>
          {s('idNumber')}
          <input value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={18} />
        </label>
        <p className="muted small">{s('orNamePhone')}</p>
        <label>
          {s('personName')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={50} />
        </label>
        <label>
          {s('phone')}
          <input value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={20} />
        </label>
        <div className="venue-paper-actions">
          <button type="submit" className="btn btn-primary">
            {s('submit')}
          </button>
          <label className="btn">
            {s('csv')}
            <input
              type="file"
              hidden
              accept=".csv,.xlsx,text/csv"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void upload(f);
                e.target.value = '';
              }}
            />
          </label>
        </div>
      </form>
      {result && <p className="notice notice-ok">{result}</p>}
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
