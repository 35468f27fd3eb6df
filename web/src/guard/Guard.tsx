import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api';
import type { CheckResult } from '../api-types';
import { businessNow, businessToday } from '../common/clock';
import { CHINA_TIME_ZONE } from '../common/dates';
import { newKey } from '../common/newKey';
import { ErrorBox, FormError, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { translate, useI18n } from '../i18n';
import { GuardCamera } from './GuardCamera';
import { GuardEntry } from './GuardEntry';
import './guard.css';
import './guard-entry.css';

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
  entry?: CheckResult['entry'];
}

interface Checked {
  result: ScanResult;
  byId: boolean;
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

/** The business today in China Standard Time, YYYY-MM-DD: the day the counter counts. */
const today = businessToday;

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

/** The local check's refusal, in both languages like a server error, so it follows a language switch. */
function notRecognised(): ApiError {
  const messages = { 'zh-CN': translate('zh-CN', 'guard.notRecognised'), en: translate('en', 'guard.notRecognised') };
  return new ApiError(0, 'GUARD_INPUT', messages.en, messages);
}

function loadCounts(): Counts {
  const c = readJson<Counts>(COUNTS_KEY);
  const d = today();
  return c && c.date === d ? c : { date: d, allowed: 0, denied: 0 };
}

/** The guard's entrance check: pick the venue once, then check each person by personal code or resident ID. */
export function Guard() {
  const { t } = useI18n();
  const [venue, setVenue] = useState<Venue | undefined>(() => readJson<Venue>(VENUE_KEY));
  const choose = (v: Venue | undefined) => {
    writeJson(VENUE_KEY, v);
    setVenue(v);
  };
  return (
    <div className="guard">
      <h1>{t('guard.title')}</h1>
      {venue ? <Checkpoint venue={venue} onChange={() => choose(undefined)} /> : <VenuePicker onPick={choose} />}
    </div>
  );
}

function VenuePicker({ onPick }: { onPick: (v: Venue) => void }) {
  const { t } = useI18n();
  const venues = useApi<{ items: Venue[] }>(`/api/v1/venues?date=${today()}`);
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState('');
  if (venues.loading && !venues.data) return <Loading />;
  if (venues.error && !venues.data) return <ErrorBox error={venues.error} onRetry={venues.reload} />;
  const open = (venues.data?.items ?? []).filter((v) => v.status === 'open');
  const f = filter.trim().toLowerCase();
  const shown = f ? open.filter((v) => v.name.toLowerCase().includes(f) || v.code.toLowerCase().includes(f)) : open;
  const chosen = open.find((v) => v.code === picked) ?? shown[0];
  if (open.length === 0) return <p className="notice">{t('guard.noVenues')}</p>;
  return (
    <form
      className="guard-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) onPick(chosen);
      }}
    >
      <h2>{t('guard.pickVenue')}</h2>
      <input
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        placeholder={t('guard.filter')}
        aria-label={t('guard.filter')}
        data-testid="guard-venue-filter"
      />
      <label>
        {t('guard.venue')}
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
        {t('guard.useVenue')}
      </button>
    </form>
  );
}

function Checkpoint({ venue, onChange }: { venue: Venue; onChange: () => void }) {
  const { t } = useI18n();
  const signed = useApi<{ code: string }>(`/api/v1/venues/${encodeURIComponent(venue.code)}/code`);
  const [value, setValue] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  // each answer is a new element, so that the same verdict twice still flashes
  const [attempt, setAttempt] = useState(0);
  const [counts, setCounts] = useState<Counts>(loadCounts);
  const input = useRef<HTMLInputElement>(null);
  const ready = !!signed.data;
  // while the camera reads codes, focusing the input would raise the phone's keyboard over it
  const [camera, setCamera] = useState(false);

  const count = (verdict: 'allow' | 'deny') => {
    const c = loadCounts();
    const next = verdict === 'allow' ? { ...c, allowed: c.allowed + 1 } : { ...c, denied: c.denied + 1 };
    writeJson(COUNTS_KEY, next);
    setCounts(next);
  };

  const check = useSubmit(
    async ({ text, venueCode }: { text: string; venueCode: string }) => {
      setAttempt((n) => n + 1);
      setChecked(null);
      const byId = RESIDENT_ID.test(text);
      if (!byId && !text.startsWith('P1.')) throw notRecognised();
      const body = byId ? { venueCode, idNumber: text.toUpperCase(), proxy: true } : { venueCode, personalCode: text };
      const result = await api<ScanResult>('/api/v1/scans', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': newKey() },
      });
      count(result.verdict);
      setChecked({ result, byId });
    },
    {
      onError: (err) => {
        // a revoked or stale poster code: fetch the current one for the next person
        if (err instanceof ApiError && err.code.startsWith('VENUE_CODE_')) signed.reload();
        return false;
      },
    },
  );

  // focus on arrival and again after each answer, once the input is enabled
  useEffect(() => {
    void attempt;
    if (ready && !check.busy && !camera) input.current?.focus();
  }, [ready, check.busy, attempt, camera]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = value.trim();
    if (!text || !signed.data) return;
    // the input empties for the next person once the answer is in
    void check.run({ text, venueCode: signed.data.code }).then(() => setValue(''));
  };

  return (
    <>
      <div className="guard-venue">
        <div>
          <div className="muted small">{t('guard.venue')}</div>
          <strong data-testid="guard-venue-name">{venue.name}</strong>
        </div>
        <button type="button" className="btn btn-small" onClick={onChange} data-testid="guard-change-venue">
          {t('guard.changeVenue')}
        </button>
      </div>
      {signed.error && !signed.data ? (
        <ErrorBox error={signed.error} onRetry={signed.reload} />
      ) : !signed.data ? (
        <Loading label={t('guard.loadingCode')} />
      ) : (
        <>
          <GuardCamera
            busy={check.busy}
            open={camera}
            setOpen={setCamera}
            onCode={(text) => {
              if (signed.data) void check.run({ text, venueCode: signed.data.code });
            }}
          />
          <form className="guard-form" onSubmit={submit}>
            <label htmlFor="guard-input" className="sr-only">
              {t('guard.input')}
            </label>
            <input
              id="guard-input"
              ref={input}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              placeholder={t('guard.inputHint')}
              autoComplete="off"
              autoCapitalize="characters"
              autoCorrect="off"
              spellCheck={false}
              enterKeyHint="go"
              disabled={check.busy}
              data-testid="guard-input"
            />
            <button type="submit" className="btn btn-primary guard-big-btn" disabled={check.busy || !value.trim()}>
              {t('guard.check')}
            </button>
          </form>
        </>
      )}
      {checked && <Verdict result={checked.result} byId={checked.byId} key={`verdict-${attempt}`} />}
      <FormError error={check.error} className="guard-error" testId="guard-error" key={`error-${attempt}`} />
      <div className="guard-counter muted small" data-testid="guard-counter">
        {t('guard.today')}: <span className="guard-count-allow">{t('guard.allowed', { n: counts.allowed })}</span> ·{' '}
        <span className="guard-count-deny">{t('guard.denied', { n: counts.denied })}</span>
      </div>
    </>
  );
}

function Verdict({ result, byId }: { result: ScanResult; byId: boolean }) {
  const { t, lang } = useI18n();
  const last = result.lastNegativeSampledAt ? Date.parse(result.lastNegativeSampledAt) : Number.NaN;
  // Judged by the server's business clock, as the verdict and the resident's pass are.
  const now = businessNow();
  const negative24 = Number.isFinite(last) && last <= now && now - last <= DAY_MS;
  const when = Number.isFinite(last)
    ? new Date(last).toLocaleString(lang, { timeZone: CHINA_TIME_ZONE })
    : t('certificate.none');
  return (
    <section
      className={`guard-verdict ${result.verdict}`}
      data-testid="guard-verdict"
      data-verdict={result.verdict}
      data-colour={result.colour}
      aria-live="assertive"
    >
      <strong className="guard-verdict-word">{result.verdict === 'allow' ? t('guard.allow') : t('guard.deny')}</strong>
      <span className="guard-verdict-venue">{result.venue.name}</span>
      <div className="guard-verdict-facts">
        <span className={`guard-chip guard-chip-${result.colour}`}>{t(`colour.${result.colour}`)}</span>
        <span
          className={`guard-chip ${negative24 ? 'ok' : 'no'}`}
          data-testid="guard-negative24"
          data-ok={String(negative24)}
        >
          {negative24 ? t('certificate.negative24') : t('guard.noNegative24')}
        </span>
        {byId && <span className="guard-chip">{t('guard.byId')}</span>}
      </div>
      {result.entry && <GuardEntry entry={result.entry} />}
      {result.reasons.length > 0 && (
        <ul className="guard-reasons">
          {result.reasons.map((r) => (
            <li key={r.code}>{lang === 'en' ? r.en : r['zh-CN']}</li>
          ))}
        </ul>
      )}
      <span className="guard-verdict-meta small">
        {t('certificate.lastNegative')}: {when}
      </span>
    </section>
  );
}
