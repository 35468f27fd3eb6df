import { useI18n } from '../i18n';

interface Props {
  date: string;
  district: string;
  /** Districts the user may pick (from the API, already limited to the user's scope). */
  districts: { code: string; name: string }[] | undefined;
  /** Whether the whole city may be picked. */
  city: boolean;
  onChange: (p: { date?: string; district?: string }) => void;
}

export function FigureFilters({ date, district, districts, city, onChange }: Props) {
  const { t } = useI18n();
  const options = districts ?? [];
  const known = district === '' ? city : options.some((d) => d.code === district);
  return (
    <div className="filters">
      <label className="field field-inline">
        <span>{t('figures.date')}</span>
        <input
          type="date"
          name="date"
          value={date}
          required
          onChange={(e) => e.target.value && onChange({ date: e.target.value })}
        />
      </label>
      <label className="field field-inline">
        <span>{t('figures.area')}</span>
        <select name="district" value={district} onChange={(e) => onChange({ district: e.target.value })}>
          {city && <option value="">{t('figures.city')}</option>}
          {!known && <option value={district}>{district}</option>}
          {options.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
