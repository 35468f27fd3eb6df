import type { Figures, Metric } from '../api-types';
import { FigureLink } from '../cases/FigureLink';
import { CUMULATIVE, cumulativeMetric } from '../domain';
import { useI18n } from '../i18n';
import { Change } from './Change';

interface Props {
  figures: Figures;
  previous: Figures;
  date: string;
  district: string;
}

function MetricList({
  metrics,
  figures,
  previous,
  date,
  district,
  changes = false,
}: Props & { metrics: Metric[]; changes?: boolean }) {
  const { t } = useI18n();
  return (
    <dl className="figure-list">
      {metrics.map((m) => (
        <div key={m} className="figure-row" data-testid={`figure-${m}`}>
          <dt>{t(`metric.${m}`)}</dt>
          <dd>
            <FigureLink value={figures[m]} metric={m} date={date} district={district} />
            {changes && <Change value={figures[m]} previous={previous[m]} upIsGood={false} compact />}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Where the new local cases were found: quarantine vs community, with their shares. */
function FoundSplit({ figures, date, district }: Props) {
  const { t, lang } = useI18n();
  const q = figures.foundInQuarantine;
  const c = figures.foundInCommunity;
  const total = q + c;
  const pct = (n: number) =>
    total > 0 ? new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(n / total) : '—';
  return (
    <>
      <div className="split-bar" aria-hidden="true">
        {total > 0 && (
          <>
            <span className="split-quarantine" style={{ flexGrow: q }} />
            <span className="split-community" style={{ flexGrow: c }} />
          </>
        )}
      </div>
      <dl className="figure-list">
        {(['foundInQuarantine', 'foundInCommunity'] as const).map((m) => (
          <div key={m} className="figure-row" data-testid={`figure-${m}`}>
            <dt>
              <span className={`swatch swatch-${m === 'foundInQuarantine' ? 'quarantine' : 'community'}`} />
              {t(`metric.${m}`)}
            </dt>
            <dd>
              <FigureLink value={figures[m]} metric={m} date={date} district={district} />
              <span className="muted share">{pct(figures[m])}</span>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** Current load, where cases were found, imported cases and deaths, cumulative totals. */
export function FigurePanels(props: Props) {
  const { t } = useI18n();
  const cumulative = props.figures.cumulative;
  return (
    <div className="figure-panels">
      <section className="card">
        <h2>{t('figures.current')}</h2>
        <MetricList {...props} metrics={['hospitalised', 'underObservation']} changes />
      </section>
      <section className="card">
        <h2>{t('figures.found')}</h2>
        <FoundSplit {...props} />
      </section>
      <section className="card">
        <h2>{t('figures.imported')}</h2>
        <MetricList
          {...props}
          metrics={[
            'newImportedConfirmed',
            'newImportedAsymptomatic',
            'importedDischarged',
            'importedReleased',
            'deaths',
          ]}
        />
      </section>
      <section className="card">
        <h2>{t('figures.cumulative')}</h2>
        <dl className="figure-list">
          {CUMULATIVE.map((k) => (
            <div key={k} className="figure-row" data-testid={`cumulative-${k}`}>
              <dt>{t(`cumulative.${k}`)}</dt>
              <dd>
                <FigureLink
                  value={cumulative[k]}
                  metric={cumulativeMetric(k)}
                  date={props.date}
                  district={props.district}
                />
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
