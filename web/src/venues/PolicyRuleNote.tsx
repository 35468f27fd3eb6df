import type { Draft, Policy } from '../api-types';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';

/**
 * Opened from a policy difference (`#/venues?category=…&policy=…`): what that version (a published
 * one or a draft) asks at the door of the category, beside the version in force, so the list below
 * reads as the venues that rule would govern.
 */
export function PolicyRuleNote({ policy, category, day }: { policy: string; category?: string; day: string }) {
  const { t, label } = useI18n();
  const versions = useApi<{ items: Policy[] }>('/api/v1/policies');
  const published = versions.data?.items.find((p) => p.id === policy);
  const draft = useApi<{ draft: Draft }>(
    versions.data && !published ? `/api/v1/policy-drafts/${encodeURIComponent(policy)}` : null,
  );
  const inForce = versions.data?.items.filter((p) => p.effectiveFrom <= day).at(-1);
  const params = published?.params ?? draft.data?.draft.params;
  if (!params || !inForce) return null;
  const rule = (p: Policy['params']) => {
    const cats = category ? [category as keyof Policy['params']['entrance']] : [];
    return cats
      .map((c) => {
        const r = p.entrance[c];
        // Hours, colours and zone levels admitted: the three parts a difference's venue line may name.
        const colours = r.colours.map((x) => label('colour', x)).join('/');
        const levels = r.zoneLevels.map((z) => label('zones.level', z)).join('/');
        return `${label('venues.category', c)}：${r.certificateHours === null ? '—' : `${r.certificateHours} h`} · ${colours} · ${levels}`;
      })
      .join('；');
  };
  return (
    <p className="notice" data-testid="venues-policy-note">
      {t('venues.policyNote', { policy, inForce: inForce.id })}{' '}
      {category && `${rule(params)}（${rule(inForce.params)}）`}
    </p>
  );
}
