import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api, errorText } from '../api';
import { CHINA_TIME_ZONE } from '../common/dates';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { type GuardKey, useGuardStrings } from './strings';
import './guard.css';

interface Venue {
  code: string;
  name: string;
  category: string;
  status: string;
}

interface ScanResult {
  scanId: string;
  verdict: 'allow' | 'deny';
  colour: 'green' | 'yellow' | 'red';
  colourRule: string;
  lastNegativeSampledAt: string | null;
  reasons: Array<{ code: string; 'zh-CN': string; en: string }>;
  venue: { code: string; name: string; category: string };
}

interface Outcome {
  result?: ScanResult;
  error?: unknown;
  byId: boolean;
  at: number;
}

interface Counts {
  date: string;
  allowed: number;
  denied: number;
}

const VENUE_KEY = 'banyan.guard.venue';
const COUNTS_KEY = 'banyan.guard.counts';
const DAY_MS = 24 * 60 * 60 * 1000;
const RESIDENT_ID = /^\d{17}[\dXx]$/;

/** Today in China Standard Time, YYYY-MM-DD. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE }).format(new Date());
}

function readJson<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // private mode or full storage: the screen still works, it just forgets
  }
}

/** A fresh idempotency key; randomUUID needs a secure context, so fall back to random bytes. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function loadCounts(): Counts {
  const c = readJson<Counts>(COUNTS_KEY);
  const d = today();
  return c && c.date === d ? c : { date: d, allowed: 0, denied: 0 };
}

/** The guard's entrance check: pick the venue once, then check each person by personal code or resident ID. */
export function Guard() {
  const g = useGuardStrings();
  const [venue, setVenue] = useState<Venue | undefined>(() => readJson<Venue>(VENUE_KEY));
  const choose = (v: Venue | undefined) => {
    writeJson(VENUE_KEY, v);
    setVenue(v);
  };
  return (
    <div className="guard">
      <h1>{g('title')}</h1>
      {venue ? <Checkpoint venue={venue} onChange={() => choose(undefined)} /> : <VenuePicker onPick={choose} />}
    </div>
  );
}

function VenuePicker({ onPick }: { onPick: (v: Venue) => void }) {
  const g = useGuardStrings();
  const venues = useApi<{ items: Venue[] }>(`/api/v1/venues?date=${today()}`);
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState('');
  if (venues.loading && !venues.data) return <Loading />;
  if (venues.error && !venues.data) return <ErrorBox error={venues.error} onRetry={venues.reload} />;
  const open = (venues.data?.items ?? []).filter((v) => v.status === 'open');
  const f = filter.trim().toLowerCase();
  const shown = f ? open.filter((v) => v.name.toLowerCase().includes(f) || v.code.toLowerCase().includes(f)) : open;
  const chosen = open.find((v) => v.code === picked) ?? shown[0];
  if (open.length === 0) return <p className="notice">{g('noVenues')}</p>;
  return (
    <form
      className="guard-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) onPick(chosen);
      }}
    >
      <h2>{g('pickVenue')}</h2>
      <input
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        placeholder={g('filter')}
        aria-label={g('filter')}
        data-testid="guard-venue-filter"
      />
      <label>
        {g('venue')}
        <select
          value={chosen?.code ?? ''}
          onChange={(e) => setPicked(e.target.value)}
          size={Math.min(8, Math.max(2, shown.length))}
          data-testid="guard-venue"
        >
          {shown.map((v) => (
            <option key={v.code} value={v.code} data-category={v.category}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-primary guard-big-btn" disabled={!chosen} data-testid="guard-use-venue">
        {g('useVenue')}
      </button>
    </form>
  );
}

function Checkpoint({ venue, onChange }: { venue: Venue; onChange: () => void }) {
  const g = useGuardStrings();
  const { lang } = useI18n();
  const signed = useApi<{ code: string }>(`/api/v1/venues/${encodeURIComponent(venue.code)}/code`);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [counts, setCounts] = useState<Counts>(loadCounts);
  const input = useRef<HTMLInputElement>(null);
  const ready = !!signed.data;

  // focus on arrival and again after each answer, once the input is enabled
  useEffect(() => {
    void outcome;
    if (ready && !busy) input.current?.focus();
  }, [ready, busy, outcome]);

  const count = (verdict: 'allow' | 'deny') => {
    const c = loadCounts();
    const next = verdict === 'allow' ? { ...c, allowed: c.allowed + 1 } : { ...c, denied: c.denied + 1 };
    writeJson(COUNTS_KEY, next);
    setCounts(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = value.trim();
    if (!text || busy || !signed.data) return;
    const byId = RESIDENT_ID.test(text);
    const done = (o: Omit<Outcome, 'at'>) => {
      setOutcome({ ...o, at: Date.now() });
      setValue('');
      setBusy(false);
    };
    if (!byId && !text.startsWith('P1.')) {
      done({ error: new ApiError(0, 'GUARD_INPUT', g('notRecognised')), byId });
      return;
    }
    setBusy(true);
    const body = byId
      ? { venueCode: signed.data.code, idNumber: text.toUpperCase(), proxy: true }
      : { venueCode: signed.data.code, personalCode: text };
    try {
      const result = await api<ScanResult>('/api/v1/scans', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': newKey() },
      });
      count(result.verdict);
      done({ result, byId });
    } catch (err) {
      // a revoked or stale poster code: fetch the current one for the next person
      if (err instanceof ApiError && err.code.startsWith('VENUE_CODE_')) signed.reload();
      done({ error: err, byId });
    }
  };

  return (
    <>
      <div className="guard-venue">
        <div>
          <div className="muted small">{g('venue')}</div>
          <strong data-testid="guard-venue-name">{venue.name}</strong>
        </div>
        <button type="button" className="btn btn-small" onClick={onChange} data-testid="guard-change-venue">
          {g('changeVenue')}
        </button>
      </div>
      {signed.error && !signed.data ? (
        <ErrorBox error={signed.error} onRetry={signed.reload} />
      ) : !signed.data ? (
        <Loading label={g('loadingCode')} />
      ) : (
        <form className="guard-form" onSubmit={(e) => void submit(e)}>
          <label htmlFor="guard-input" className="sr-only">
            {g('input')}
          </label>
          <input
            id="guard-input"
            ref={input}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder={g('inputHint')}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            disabled={busy}
            data-testid="guard-input"
          />
          <button type="submit" className="btn btn-primary guard-big-btn" disabled={busy || !value.trim()}>
            {g('check')}
          </button>
        </form>
      )}
      {outcome?.result && <Verdict result={outcome.result} byId={outcome.byId} key={outcome.at} />}
      {outcome?.error !== undefined && (
        <div className="guard-error" role="alert" data-testid="guard-error" key={outcome.at}>
          {errorText(outcome.error, lang)}
        </div>
      )}
      <div className="guard-counter muted small" data-testid="guard-counter">
        {g('today')}: <span className="guard-count-allow">{g('allowed', { n: counts.allowed })}</span> ·{' '}
        <span className="guard-count-deny">{g('denied', { n: counts.denied })}</span>
      </div>
    </>
  );
}

function Verdict({ result, byId }: { result: ScanResult; byId: boolean }) {
  const g = useGuardStrings();
  const { lang } = useI18n();
  const last = result.lastNegativeSampledAt ? Date.parse(result.lastNegativeSampledAt) : Number.NaN;
  const negative24 = Number.isFinite(last) && Date.now() - last <= DAY_MS;
  const when = Number.isFinite(last) ? new Date(last).toLocaleString(lang, { timeZone: CHINA_TIME_ZONE }) : g('none');
  return (
    <section
      className={`guard-verdict ${result.verdict}`}
      data-testid="guard-verdict"
      data-verdict={result.verdict}
      data-colour={result.colour}
      aria-live="assertive"
    >
      <strong className="guard-verdict-word">{result.verdict === 'allow' ? g('allow') : g('deny')}</strong>
      <span className="guard-verdict-venue">{result.venue.name}</span>
      <div className="guard-verdict-facts">
        <span className={`guard-chip guard-chip-${result.colour}`}>{g(result.colour as GuardKey)}</span>
        <span className={`guard-chip ${negative24 ? 'ok' : 'no'}`}>
          {negative24 ? g('negative24') : g('noNegative24')}
        </span>
        {byId && <span className="guard-chip">{g('byId')}</span>}
      </div>
      {result.reasons.length > 0 && (
        <ul className="guard-reasons">
          {result.reasons.map((r) => (
            <li key={r.code}>{lang === 'en' ? r.en : r['zh-CN']}</li>
          ))}
        </ul>
      )}
      <span className="guard-verdict-meta small">
        {g('lastNegative')}: {when}
      </span>
    </section>
  );
}
