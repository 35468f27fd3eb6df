import type { PersonFull } from '../api-types';
import { Dialog } from '../common/Dialog';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';

export function UnmaskDialog({ personId, onClose }: { personId: number; onClose: () => void }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useApi<{ person: PersonFull }>(`/api/v1/persons/${personId}/unmasked`);
  const p = data?.person;
  return (
    <Dialog title={t('persons.unmaskTitle')} onClose={onClose}>
      <p className="audit-note" data-testid="audit-note">
        ⚠ {t('persons.auditNote')}
      </p>
      {loading && !p && <Loading />}
      {error !== undefined && <ErrorBox error={error} onRetry={reload} />}
      {p && (
        <dl className="details">
          <dt>{t('persons.name')}</dt>
          <dd>{p.name}</dd>
          <dt>{t('persons.idNumber')}</dt>
          <dd className="mono">{p.idNumber}</dd>
          <dt>{t('persons.sex')}</dt>
          <dd>{t(p.sex === 'male' ? 'persons.male' : 'persons.female')}</dd>
          <dt>{t('persons.birthYear')}</dt>
          <dd>{p.birthYear}</dd>
          <dt>{t('persons.phone')}</dt>
          <dd className="mono">{p.phone ?? '—'}</dd>
          <dt>{t('persons.community')}</dt>
          <dd>{p.communityName}</dd>
          <dt>{t('persons.address')}</dt>
          <dd>{p.address ?? '—'}</dd>
        </dl>
      )}
    </Dialog>
  );
}
