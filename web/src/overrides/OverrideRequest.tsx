import { useState } from 'react';
import { api, query } from '../api';
import type { PersonMasked, PersonPage } from '../api-types';
import { FormError } from '../common/Status';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';

const COLOURS = ['green', 'yellow', 'red'] as const;
const HOURS = [12, 24, 48, 72, 168] as const;

/** Find the person by resident ID (the register's blind index), then ask for a colour with a reason and an expiry. */
export function OverrideRequest({ onRequested }: { onRequested: () => void }) {
  const { t } = useI18n();
  const [idNumber, setIdNumber] = useState('');
  const [person, setPerson] = useState<PersonMasked | null>();
  const [colour, setColour] = useState<(typeof COLOURS)[number]>('yellow');
  const [hours, setHours] = useState<number>(24);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);

  const find = useSubmit(async () => {
    setDone(false);
    const page = await api<PersonPage>(`/api/v1/persons${query({ q: idNumber.trim().toUpperCase(), pageSize: 1 })}`);
    setPerson(page.items[0] ?? null);
  });
  const send = useSubmit(async () => {
    if (!person) return;
    await api('/api/v1/colour-overrides', {
      method: 'POST',
      body: { personId: person.id, colour, hours, reason: reason.trim() },
    });
    setReason('');
    setPerson(undefined);
    setIdNumber('');
    setDone(true);
    onRequested();
  });

  return (
    <section className="card override-request" data-testid="override-request">
      <h2>{t('overrides.request')}</h2>
      <form className="override-find" onSubmit={find.onSubmit}>
        <label className="field field-grow">
          <span>{t('overrides.idNumber')}</span>
          <input
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)}
            maxLength={18}
            autoComplete="off"
            spellCheck={false}
            className="mono"
            data-testid="override-id"
          />
        </label>
        <button
          type="submit"
          className="btn"
          disabled={find.busy || idNumber.trim().length < 18}
          data-testid="override-find"
        >
          {t('overrides.find')}
        </button>
      </form>
      <FormError error={find.error} />
      {done && (
        <p className="notice notice-ok" data-testid="override-requested">
          {t('overrides.requested')}
        </p>
      )}
      {person === null && <p className="notice notice-warn">{t('overrides.notFound')}</p>}
      {person && (
        <form className="override-form" onSubmit={send.onSubmit} data-testid="override-form">
          <p className="override-person" data-testid="override-person">
            <strong>{person.nameMasked}</strong> <span className="mono">{person.idNumberMasked}</span> ·{' '}
            {person.communityName}
          </p>
          <fieldset className="override-colours">
            <legend>{t('overrides.colour')}</legend>
            {COLOURS.map((c) => (
              <label key={c} className={`override-colour override-colour-${c}`}>
                <input
                  type="radio"
                  name="colour"
                  value={c}
                  checked={colour === c}
                  onChange={() => setColour(c)}
                  data-testid={`override-colour-${c}`}
                />
                {t(`colour.${c}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>{t('overrides.hours')}</span>
            <select value={hours} onChange={(e) => setHours(Number(e.target.value))} data-testid="override-hours">
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {h % 24 === 0 && h > 24 ? t('overrides.daysN', { n: h / 24 }) : t('overrides.hoursN', { n: h })}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('overrides.reason')}</span>
            <textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={3}
              maxLength={500}
              data-testid="override-reason"
            />
          </label>
          <FormError error={send.error} />
          <button
            type="submit"
            className="btn btn-primary"
            disabled={send.busy || reason.trim().length < 10}
            data-testid="override-submit"
          >
            {t('overrides.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
