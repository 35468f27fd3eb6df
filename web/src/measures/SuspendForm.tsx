import { api } from '../api';
import type { Division, NoticeSuspended } from '../api-types';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';

// The categories a crowded-venue notice takes; institutions go to closed loop, not suspension.
const CATEGORIES = ['public-place', 'mall-market', 'office', 'factory', 'construction-site', 'school'] as const;
const KINDS = ['ktv', 'internet-cafe', 'cinema', 'gym', 'bath-house'] as const;

/** A new suspension notice: its number and title, the categories and kinds it takes, the districts or the whole city. */
export function SuspendForm({
  day,
  districts,
  onClose,
  onDone,
}: {
  day: string;
  districts: Division[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, label } = useI18n();
  const submit = useSubmit(async (form: HTMLFormElement) => {
    const f = new FormData(form);
    const r = await api<NoticeSuspended>('/api/v1/venue-notices', {
      method: 'POST',
      body: {
        noticeNo: String(f.get('noticeNo') ?? ''),
        title: String(f.get('title') ?? ''),
        categories: f.getAll('categories').map(String),
        kinds: f.getAll('kinds').map(String),
        districts: f.getAll('districts').map(String),
        effectiveOn: String(f.get('effectiveOn') ?? day),
      },
    });
    onDone(t('measures.suspendDone', { n: r.suspended, m: r.alreadySuspended }));
  });
  return (
    <FormDialog
      title={t('measures.create')}
      onClose={onClose}
      submit={submit}
      submitLabel={t('measures.suspend')}
      name="notice"
      className="notice-form"
    >
      <label>
        {t('measures.noticeNo')}
        <input name="noticeNo" required maxLength={60} placeholder="榕防指〔2022〕45号" />
      </label>
      <label>
        {t('measures.noticeTitle')}
        <input name="title" required maxLength={200} />
      </label>
      <label>
        {t('measures.effective')}
        <input name="effectiveOn" type="date" required defaultValue={day} />
      </label>
      <fieldset>
        <legend>{t('measures.categories')}</legend>
        {CATEGORIES.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" name="categories" value={c} defaultChecked={c === 'public-place'} />{' '}
            {label('venues.category', c)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('measures.kinds')}</legend>
        {KINDS.map((k) => (
          <label key={k} className="check">
            <input type="checkbox" name="kinds" value={k} /> {label('measures.noticeKind', k)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('measures.districts')}</legend>
        {districts.map((d) => (
          <label key={d.code} className="check">
            <input type="checkbox" name="districts" value={d.code} /> {d.name}
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}
