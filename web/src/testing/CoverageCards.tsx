import type { CoverageTotals } from '../api-types';
import { useI18n } from '../i18n';
import { coveragePct, formatPct, pctTone } from './defaults';

const CARDS = ['population', 'sampled', 'resulted', 'positive', 'missing'] as const;

/** The round's headline for the area shown: people, sampled, with results, positive, not yet sampled, coverage. */
export function CoverageCards({ totals }: { totals: CoverageTotals }) {
  const { t, lang, formatNumber } = useI18n();
  const pct = coveragePct(totals.sampled, totals.population);
  const resultedPct = coveragePct(totals.resulted, totals.sampled);
  return (
    <div className="testing-cards">
      {CARDS.map((id) => (
        <article key={id} className={`card testing-card testing-card-${id}`} data-testid={`testing-card-${id}`}>
          <h2 className="testing-card-label">{t(`testing.card.${id}`)}</h2>
          <strong className="testing-card-value" data-testid="testing-card-value" data-value={totals[id]}>
            {formatNumber(totals[id])}
          </strong>
          {id === 'resulted' && resultedPct !== null && (
            <span className="testing-card-sub">
              {t('testing.card.resultedShare', { pct: formatPct(resultedPct, lang) })}
            </span>
          )}
        </article>
      ))}
      <article className="card testing-card testing-card-coverage" data-testid="testing-card-coverage">
        <h2 className="testing-card-label">{t('testing.card.coverage')}</h2>
        <strong className="testing-card-value" data-testid="testing-card-value" data-value={pct ?? ''}>
          {formatPct(pct, lang)}
        </strong>
        <span className={`pct-bar pct-${pctTone(pct)}`} aria-hidden="true">
          <span style={{ width: `${Math.min(100, pct ?? 0)}%` }} />
        </span>
      </article>
    </div>
  );
}
