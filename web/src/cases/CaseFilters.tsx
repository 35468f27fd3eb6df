import { type FormEvent, useEffect, useState } from 'react';
import type { RecordMetric } from '../api-types';
import { METRICS } from '../domain';
import { useI18n } from '../i18n';

export interface CaseFilter {
  date: string;
  metric: RecordMetric | '';
  district: string;
}

interface Props {
  value: CaseFilter;
  /** Districts the user may pick; `city` adds "all". */
  districts: { code: string; name: string }[] | undefined;
  city: boolean;
  onChange: (f: CaseFilter) => void;
}

export function CaseFilters({ value, districts, city, onChange }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  // the address may change under the form (a link to other records): follow it
  useEffect(() => setDraft(value), [value]);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onChange(draft);
  }

  const known = draft.district === '' ? city : (districts ?? []).some((d) => d.code === draft.district);
  return (
    <form className="filters" onSubmit={submit}>
      <label className="field field-inline">
        <span>{t('cases.date')}</span>
        <input
          type="date"
          name="date"
          value={draft.date}
          onChange={(e) => setDraft({ ...draft, date: e.target.value })}
        />
      </label>
      <label className="field field-inline">
        <span>{t('cases.metric')}</span>
        <select
          name="metric"
          value={draft.metric}
          onChange={(e) => setDraft({ ...draft, metric: e.target.value as RecordMetric | '' })}
        >
          <option value="">{t('cases.anyMetric')}</option>
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {t(`metric.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>{t('cases.district')}</span>
        <select
          name="district"
          value={draft.district}
          onChange={(e) => setDraft({ ...draft, district: e.target.value })}
        >
          {city && <option value="">{t('figures.city')}</option>}
          {!known && <option value={draft.district}>{draft.district}</option>}
          {districts?.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <div className="filters-actions">
        <button type="submit" className="btn btn-primary">
          {t('cases.filter')}
        </button>
      </div>
    </form>
  );
}
