import type { Division } from '../api-types';
import { useI18n } from '../i18n';

interface Props {
  value: string;
  districts: Division[] | undefined;
  /** Adds "whole city" ('') for a city-wide user. */
  city: boolean;
  onChange: (code: string) => void;
}

export function DistrictFilter({ value, districts, city, onChange }: Props) {
  const { t } = useI18n();
  const known = value === '' ? city : (districts ?? []).some((d) => d.code === value);
  return (
    <div className="filters">
      <label className="field field-inline">
        <span>{t('testing.district')}</span>
        <select name="district" value={value} onChange={(e) => onChange(e.target.value)} data-testid="district-select">
          {city && <option value="">{t('figures.city')}</option>}
          {!known && <option value={value}>{value}</option>}
          {districts?.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
