import type { Campaign } from '../api-types';
import { formatDay } from '../common/dates';
import { useI18n } from '../i18n';

interface Props {
  campaigns: Campaign[];
  code: string;
  round: number;
  days: string[];
  onChange: (patch: { campaign?: string; round?: number }) => void;
}

/** Which campaign and which of its rounds (one a day) the dashboard shows. */
export function CampaignPicker({ campaigns, code, round, days, onChange }: Props) {
  const { t, lang } = useI18n();
  const known = campaigns.some((c) => c.code === code);
  return (
    <div className="filters testing-picker">
      <label className="field field-inline">
        <span>{t('testing.campaign')}</span>
        <select
          name="campaign"
          value={code}
          onChange={(e) => onChange({ campaign: e.target.value, round: undefined })}
          data-testid="campaign-select"
        >
          {!known && <option value={code}>{code}</option>}
          {campaigns.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code} · {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>{t('testing.round')}</span>
        <select
          name="round"
          value={round}
          onChange={(e) => onChange({ round: Number(e.target.value) })}
          data-testid="round-select"
        >
          {days.map((day, i) => (
            <option key={day} value={i + 1}>
              {t('testing.roundOn', { n: i + 1, day: formatDay(day, lang) })}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
