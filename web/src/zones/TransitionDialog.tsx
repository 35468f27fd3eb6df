import { useState } from 'react';
import { ApiError, api } from '../api';
import type { Division, Evaluation, Zone } from '../api-types';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import { localized } from './defaults';
import { refusalReason, toChinaIso } from './forms';
import type { Done } from './ZoneActions';

interface Props {
  zone: Zone;
  action: 'downgrade' | 'lift';
  date: string;
  districts: Division[] | undefined;
  onClose: () => void;
  onDone: (done: Done) => void;
}

/**
 * Downgrades or lifts a zone by notice. The server checks the policy in force; when it refuses
 * (ZONE_LIFT_NOT_ALLOWED) the reason is shown and the change can still be made with a recorded override reason.
 */
export function TransitionDialog({ zone, action, date, districts, onClose, onDone }: Props) {
  const { t, lang } = useI18n();
  const [noticeNo, setNoticeNo] = useState('');
  const [noticeDistrict, setNoticeDistrict] = useState(zone.districtCode);
  const [effectiveAt, setEffectiveAt] = useState(`${date}T10:00`);
  const [overrideReason, setOverrideReason] = useState('');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const submit = useSubmit(
    async () => {
      const res = await api<{ zone: Zone; evaluation?: Evaluation }>(
        `/api/v1/zones/${encodeURIComponent(zone.code)}/transitions`,
        {
          method: 'POST',
          body: {
            action,
            noticeNo: noticeNo.trim(),
            noticeDistrict,
            effectiveAt: toChinaIso(effectiveAt),
            ...(refusal ? { overrideReason: overrideReason.trim() } : {}),
          },
        },
      );
      const level = res.zone.status === 'lifted' ? t('zones.status.lifted') : t(`zones.level.${res.zone.level}`);
      const why = localized(res.evaluation?.reason, lang);
      onDone({ text: `${t('zones.done.transition', { level })}${why ? ` ${t('zones.done.why', { why })}` : ''}` });
    },
    {
      // the policy's refusal opens the override field instead of reading as a failure
      onError: (err) => {
        if (!(err instanceof ApiError && err.code === 'ZONE_LIFT_NOT_ALLOWED')) return false;
        setRefusal(err);
        return true;
      },
    },
  );

  const reason = refusal ? refusalReason(refusal, lang) : '';
  const message = refusal?.localized(lang) ?? '';
  const options = districts ?? [];
  return (
    <FormDialog
      title={t(`zones.action.${action}Title`, { name: zone.name })}
      onClose={onClose}
      submit={submit}
      submitLabel={refusal ? t('zones.form.override') : t(`zones.action.${action}`)}
      name="transition"
    >
      <label className="field">
        <span>{t('zones.form.noticeNo')}</span>
        <input
          name="noticeNo"
          required
          maxLength={64}
          placeholder={t('zones.form.noticeNoPlaceholder')}
          value={noticeNo}
          onChange={(e) => setNoticeNo(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('zones.form.noticeDistrict')}</span>
        <select name="noticeDistrict" value={noticeDistrict} onChange={(e) => setNoticeDistrict(e.target.value)}>
          {!options.some((d) => d.code === noticeDistrict) && (
            <option value={noticeDistrict}>{zone.districtName}</option>
          )}
          {options.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('zones.form.effectiveAt')}</span>
        <input
          type="datetime-local"
          name="effectiveAt"
          required
          value={effectiveAt}
          onChange={(e) => setEffectiveAt(e.target.value)}
        />
        <span className="muted small">{t('zones.form.effectiveAtHint')}</span>
      </label>
      {refusal && (
        <div className="refusal" role="alert" data-testid="lift-refused">
          <strong>{t('zones.form.refused')}</strong>
          <p>{message}</p>
          {reason && !message.includes(reason) && <p data-testid="refusal-reason">{reason}</p>}
          <label className="field">
            <span>{t('zones.form.overrideReason')}</span>
            <textarea
              name="overrideReason"
              required
              minLength={4}
              rows={3}
              maxLength={500}
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.target.value)}
              data-testid="override-reason"
            />
            <span className="muted small">{t('zones.form.overrideHint')}</span>
          </label>
        </div>
      )}
    </FormDialog>
  );
}
