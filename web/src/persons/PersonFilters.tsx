import { type FormEvent, useState } from 'react';
import type { Division } from '../api-types';
import { useI18n } from '../i18n';

export interface Filters {
  district: string;
  q: string;
}

interface Props {
  districts: Division[] | undefined;
  value: Filters;
  onChange: (f: Filters) => void;
}

export function PersonFilters({ districts, value, onChange }: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState(value.q);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onChange({ ...value, q: q.trim().toUpperCase() });
  }

  return (
    <form className="filters" onSubmit={submit}>
      <label className="field field-inline">
        <span>{t('persons.district')}</span>
        <select
          name="district"
          value={value.district}
          onChange={(e) => onChange({ ...value, district: e.target.value })}
          disabled={!districts}
        >
          <option value="">{t('common.all')}</option>
          {districts?.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline field-grow">
        <span>{t('persons.q')}</span>
        <input
          name="q"
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={18}
          pattern="[0-9]{17}[0-9Xx]"
          placeholder={t('persons.qPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      <div className="filters-actions">
        <button type="submit" className="btn btn-primary">
          {t('common.search')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setQ('');
            onChange({ district: '', q: '' });
          }}
        >
          {t('common.reset')}
        </button>
      </div>
    </form>
  );
}
