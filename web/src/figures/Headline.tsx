import type { Figures } from '../api-types';
import { FigureLink } from '../cases/FigureLink';
import { useI18n } from '../i18n';
import { Change } from './Change';

const CARDS = [
  { metric: 'newLocalConfirmed', upIsGood: false },
  { metric: 'newLocalAsymptomatic', upIsGood: false },
  { metric: 'localDischarged', upIsGood: true },
  { metric: 'localReleased', upIsGood: true },
] as const;

interface Props {
  figures: Figures;
  previous: Figures;
  date: string;
  district: string;
}

/** The four numbers of the daily briefing, each with its change on the day before. */
export function Headline({ figures, previous, date, district }: Props) {
  const { t } = useI18n();
  return (
    <div className="headline">
      {CARDS.map(({ metric, upIsGood }) => (
        <article key={metric} className={`card headline-card headline-${metric}`} data-testid={`headline-${metric}`}>
          <h2 className="headline-label">{t(`figures.card.${metric}`)}</h2>
          <FigureLink
            className="headline-value"
            value={figures[metric]}
            metric={metric}
            date={date}
            district={district}
            testId="headline-value"
          />
          <Change value={figures[metric]} previous={previous[metric]} upIsGood={upIsGood} />
          {metric === 'newLocalConfirmed' && (
            <span className="headline-sub">
              {t('metric.newLocalConfirmedReclassified')}{' '}
              <FigureLink
                value={figures.newLocalConfirmedReclassified}
                metric="newLocalConfirmedReclassified"
                date={date}
                district={district}
              />
            </span>
          )}
        </article>
      ))}
    </div>
  );
}
