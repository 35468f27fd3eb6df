import { useState } from 'react';
import { query } from '../api';
import type { PointZones } from '../api-types';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useDebounced } from '../common/useDebounced';
import { useI18n } from '../i18n';

interface Props {
  value: string;
  onChange: (code: string) => void;
}

/**
 * The point form's zone field: a search over the zones sealed now in the user's area (the server
 * says which: the city for the regulator, the outlet's district for a manager), picked by a click.
 */
export function ZonePicker({ value, onChange }: Props) {
  const { t, label } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const r = useApi<PointZones>(`/api/v1/courier/delivery-points/zones${query({ q, limit: 50 })}`);
  const chosen = r.data?.items.find((z) => z.code === value);
  return (
    <div className="zone-picker">
      <input
        id="courier-zoneCode"
        name="zoneSearch"
        type="search"
        placeholder={t('courier.zoneSearch')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-controls="courier-zone-options"
        data-testid="zone-picker-search"
      />
      <small className="muted">{t('courier.zoneSearchHint')}</small>
      {r.error ? <ErrorBox error={r.error} /> : null}
      {!r.data && !r.error && <Loading />}
      {r.data && (
        <>
          <small className="muted" data-testid="zone-picker-count">
            {r.data.sealed === 0
              ? t('courier.zoneNone', { areas: r.data.areas.join('、') })
              : r.data.total === 0
                ? t('courier.zoneNoMatch', { q })
                : t('courier.zoneCount', { total: r.data.total, sealed: r.data.sealed })}
          </small>
          <ul id="courier-zone-options" className="zone-picker-list" data-testid="zone-picker">
            {r.data.items.map((z) => (
              <li key={z.code}>
                <button
                  type="button"
                  aria-pressed={z.code === value}
                  className={z.code === value ? 'zone-option selected' : 'zone-option'}
                  onClick={() => onChange(z.code)}
                  data-testid={`zone-option-${z.code}`}
                >
                  <span className={`zone-level zone-level-${z.level}`}>{label('zones.level', z.level)}</span>
                  <strong>{z.code}</strong> {z.name}
                  <small className="muted">
                    {z.districtName} · {z.communityName} · {t('courier.zoneSince', { day: z.designatedOn })}
                    {z.points > 0 ? ` · ${t('courier.zonePoints', { n: z.points })}` : ''}
                  </small>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {value && (
        <small data-testid="zone-picker-chosen">
          {t('courier.zoneChosen', { zone: chosen ? `${chosen.code} ${chosen.name}` : value })}
        </small>
      )}
    </div>
  );
}
