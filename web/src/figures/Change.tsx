import { useI18n } from '../i18n';

interface Props {
  value: number;
  previous: number;
  upIsGood: boolean;
  /** Arrow and number only (the words go to the tooltip and screen readers). */
  compact?: boolean;
}

/** The change on the day before: ↑ / ↓ / —, coloured by whether a rise is good news. */
export function Change({ value, previous, upIsGood, compact = false }: Props) {
  const { t, formatNumber } = useI18n();
  const d = value - previous;
  const n = formatNumber(Math.abs(d));
  const words = d === 0 ? t('figures.same') : t(d > 0 ? 'figures.up' : 'figures.down', { n });
  const title = `${words} (${t('figures.previous', { n: formatNumber(previous) })})`;
  const tone = d === 0 ? 'change-same' : d > 0 === upIsGood ? 'change-good' : 'change-bad';
  const arrow = d === 0 ? '—' : d > 0 ? '↑' : '↓';
  return (
    <span className={`change ${tone}`} title={title} data-testid="change">
      {compact ? (
        <>
          <span aria-hidden="true">
            {arrow}
            {d === 0 ? '' : n}
          </span>
          <span className="sr-only">{words}</span>
        </>
      ) : (
        <>
          <span aria-hidden="true">{arrow} </span>
          {words}
        </>
      )}
    </span>
  );
}
