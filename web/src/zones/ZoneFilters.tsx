import type { ZoneLevel, ZoneStatus } from '../api-types';
import { ZONE_LEVELS } from '../domain';
import { useI18n } from '../i18n';

export interface ZoneFilter {
  date: string;
  district: string;
  level: ZoneLevel | '';
  status: ZoneStatus | '';
}

interface Props {
  value: ZoneFilter;
  /** Districts the user may pick; `city` adds "whole city". */
  districts: { code: string; name: string }[] | undefined;
  city: boolean;
  /** Level and status are for the zone list only (the evaluation covers active zones). */
  withLevel?: boolean;
  onChange: (patch: Partial<ZoneFilter>) => void;
}

export function ZoneFilters({ value, districts, city, withLevel = true, onChange }: Props) {
  const { t } = useI18n();
  const known = value.district === '' ? city : (districts ?? []).some((d) => d.code === value.district);
  return (
    <div className="filters">
      <label className="field field-inline">
        <span>{t('zones.date')}</span>
        <input
          type="date"
          name="date"
          value={value.date}
          required
          min="2022-01-01"
          onChange={(e) => e.target.value && onChange({ date: e.target.value })}
        />
      </label>
      <label className="field field-inline">
        <span>{t('zones.district')}</span>
        <select name="district" value={value.district} onChange={(e) => onChange({ district: e.target.value })}>
          {city && <option value="">{t('figures.city')}</option>}
          {!known && <option value={value.district}>{value.district}</option>}
          {districts?.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      {withLevel && (
        <>
          <label className="field field-inline">
            <span>{t('zones.levelFilter')}</span>
            <select
              name="level"
              value={value.level}
              onChange={(e) => onChange({ level: e.target.value as ZoneLevel | '' })}
            >
              <option value="">{t('common.all')}</option>
              {ZONE_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`zones.level.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-inline">
            <span>{t('zones.statusFilter')}</span>
            <select
              name="status"
              value={value.status}
              onChange={(e) => onChange({ status: e.target.value as ZoneStatus | '' })}
            >
              <option value="">{t('common.all')}</option>
              <option value="active">{t('zones.status.active')}</option>
              <option value="lifted">{t('zones.status.lifted')}</option>
            </select>
          </label>
        </>
      )}
    </div>
  );
}
