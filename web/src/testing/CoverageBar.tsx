import { useI18n } from '../i18n';
import { coveragePct, formatPct, pctTone } from './defaults';

/** Coverage as a bar and a percentage, coloured by band (below 90% red, below 95% amber). */
export function CoverageBar({ sampled, population }: { sampled: number; population: number }) {
  const { lang } = useI18n();
  const pct = coveragePct(sampled, population);
  return (
    <span className={`coverage pct-${pctTone(pct)}`}>
      <span className="pct-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, pct ?? 0)}%` }} />
      </span>
      <span className="coverage-pct" data-testid="coverage-pct">
        {formatPct(pct, lang)}
      </span>
    </span>
  );
}
