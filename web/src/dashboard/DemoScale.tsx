import type { DemoInfo } from '../api-types';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';

/**
 * Under a population figure of the demo: the residents are synthetic and a share of the real city
 * (1 % at `npm start`'s scale), so nobody reads 84,000 as Fuzhou's population. Nothing elsewhere.
 */
export function DemoScale() {
  const { t, formatNumber } = useI18n();
  const demo = useApi<DemoInfo>('/api/v1/demo').data;
  if (!demo?.demo || demo.scale === null) return null;
  const pct = demo.scale * 100;
  return (
    <span className="muted small demo-scale" data-testid="demo-scale">
      {t('dashboard.demoScale', {
        pct: pct >= 1 ? formatNumber(pct) : pct.toLocaleString('en', { maximumSignificantDigits: 2 }),
        scale: demo.scale,
      })}
    </span>
  );
}
