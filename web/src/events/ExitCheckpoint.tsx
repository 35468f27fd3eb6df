import { type FormEvent, useState } from 'react';
import { api } from '../api';
import type { CheckResult, ExitReason, Venue } from '../api-types';
import { businessToday } from '../common/clock';
import { newKey } from '../common/newKey';
import { ErrorBox, FormError, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import { reasonName } from '../venues/reasons';
import '../guard/guard.css';
import './exits.css';

const REASONS: readonly ExitReason[] = ['medical', 'work', 'family', 'study', 'other'];
const RESIDENT_ID = /^\d{17}[\dXx]$/;

/**
 * The guard's screen at a city exit (phone): the checkpoint, the traveller's declared reason
 * (非必要不离榕), then their personal code or ID; the verdict is the venue check's, with its reasons.
 */
export function ExitCheckpoint() {
  const { t } = useI18n();
  const venues = useApi<{ items: Venue[] }>(`/api/v1/venues?date=${businessToday()}`);
  const [picked, setPicked] = useState<string>();
  if (venues.loading && !venues.data) return <Loading />;
  if (venues.error !== undefined && !venues.data) return <ErrorBox error={venues.error} onRetry={venues.reload} />;
  const exits = (venues.data?.items ?? []).filter((v) => v.category === 'city-exit');
  const venue = exits.find((v) => v.code === picked) ?? (exits.length === 1 ? exits[0] : undefined);
  return (
    <div className="guard exit-checkpoint" data-testid="exit-checkpoint">
      <h1>{t('checkpoint.title')}</h1>
      {exits.length === 0 ? (
        <p className="notice">{t('checkpoint.none')}</p>
      ) : venue ? (
        <Desk venue={venue} onChange={exits.length > 1 ? () => setPicked(undefined) : undefined} />
      ) : (
        <div className="guard-picker">
          <h2>{t('checkpoint.pick')}</h2>
          {exits.map((v) => (
            <button
              type="button"
              key={v.code}
              className="btn guard-big-btn"
              onClick={() => setPicked(v.code)}
              data-testid="exit-pick"
            >
              {v.name}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function Desk({ venue, onChange }: { venue: Venue; onChange?: () => void }) {
  const { t, lang, label } = useI18n();
  const signed = useApi<{ code: string }>(`/api/v1/venues/${encodeURIComponent(venue.code)}/code`);
  const [reason, setReason] = useState<ExitReason>();
  const [text, setText] = useState('');
  const [who, setWho] = useState('');
  const [result, setResult] = useState<CheckResult>();
  const check = useSubmit(async () => {
    setResult(undefined);
    if (!signed.data || !reason) return;
    const v = who.trim();
    const person = RESIDENT_ID.test(v) ? { idNumber: v.toUpperCase(), proxy: true } : { personalCode: v };
    const exit = reason === 'other' ? { reason, text: text.trim() } : { reason };
    setResult(
      await api<CheckResult>('/api/v1/scans', {
        method: 'POST',
        body: { venueCode: signed.data.code, ...person, exit },
        headers: { 'Idempotency-Key': newKey() },
      }),
    );
    setWho('');
    setReason(undefined);
    setText('');
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void check.run();
  };
  return (
    <>
      <div className="guard-venue">
        <div>
          <div className="muted small">{t('exits.checkpoint')}</div>
          <strong data-testid="exit-venue">{venue.name}</strong>
        </div>
        {onChange && (
          <button type="button" className="btn btn-small" onClick={onChange}>
            {t('guard.changeVenue')}
          </button>
        )}
      </div>
      {signed.error !== undefined && !signed.data ? (
        <ErrorBox error={signed.error} onRetry={signed.reload} />
      ) : (
        <form className="guard-form" onSubmit={submit}>
          <fieldset className="exit-reasons" data-testid="exit-reasons">
            <legend>{t('checkpoint.reason')}</legend>
            {REASONS.map((r) => (
              <button
                type="button"
                key={r}
                className={`btn exit-reason${reason === r ? ' picked' : ''}`}
                aria-pressed={reason === r}
                onClick={() => setReason(r)}
                data-testid={`exit-reason-${r}`}
              >
                {t(`exit.reason.${r}`)}
              </button>
            ))}
          </fieldset>
          {reason === 'other' && (
            <input
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('checkpoint.otherText')}
              aria-label={t('checkpoint.otherText')}
              maxLength={200}
              data-testid="exit-other-text"
            />
          )}
          <input
            value={who}
            onChange={(e) => setWho(e.target.value)}
            placeholder={t('guard.inputHint')}
            aria-label={t('guard.input')}
            autoComplete="off"
            spellCheck={false}
            data-testid="exit-input"
          />
          <button
            type="submit"
            className="btn btn-primary guard-big-btn"
            disabled={check.busy || !signed.data || !reason || !who.trim() || (reason === 'other' && !text.trim())}
            data-testid="exit-check"
          >
            {reason ? t('guard.check') : t('checkpoint.reasonFirst')}
          </button>
        </form>
      )}
      {result && (
        <section
          className={`guard-verdict ${result.verdict}`}
          data-testid="exit-verdict"
          data-verdict={result.verdict}
          aria-live="assertive"
        >
          <strong className="guard-verdict-word">
            {result.verdict === 'allow' ? t('checkpoint.allow') : t('checkpoint.deny')}
          </strong>
          <div className="guard-verdict-facts">
            <span className={`guard-chip guard-chip-${result.colour}`}>{t(`colour.${result.colour}`)}</span>
          </div>
          {result.reasons.length > 0 && (
            <ul className="guard-reasons">
              {result.reasons.map((r) => (
                <li key={r.code}>{lang === 'en' ? r.en : r['zh-CN']}</li>
              ))}
            </ul>
          )}
          <span className="guard-verdict-meta small">
            {result.policy.id} · {result.policy.rule}
            {result.reasons.length > 0 && ` · ${result.reasons.map((r) => reasonName(label, r.code)).join('、')}`}
          </span>
        </section>
      )}
      <FormError error={check.error} className="guard-error" testId="exit-error" />
    </>
  );
}
