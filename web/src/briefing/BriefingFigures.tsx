import type { Briefing, RecordMetric } from '../api-types';
import { metricValue } from '../domain';
import { Change } from '../figures/Change';
import { useI18n } from '../i18n';

/** Higher is better for these; for the rest a rise is bad news. */
const UP_IS_GOOD: ReadonlySet<RecordMetric> = new Set<RecordMetric>([
  'localDischarged',
  'localReleased',
  'importedDischarged',
  'importedReleased',
]);

/** The figures quoted in the briefing, each linking to its records, with the change on the day before. */
export function BriefingFigures({ briefing }: { briefing: Briefing }) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table briefing-figures" data-testid="briefing-figures">
        <thead>
          <tr>
            <th scope="col">{t('briefing.metric')}</th>
            <th scope="col" className="num">
              {t('briefing.value')}
            </th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {briefing.links.map((l) => (
            <tr key={l.metric}>
              <th scope="row" className="wrap">
                {t(`metric.${l.metric}`)}
              </th>
              <td className="num">
                <a className="figure-link" href={l.href}>
                  {formatNumber(l.value)}
                </a>
              </td>
              <td>
                {briefing.previous && (
                  <Change
                    value={l.value}
                    previous={metricValue(briefing.previous, l.metric)}
                    upIsGood={UP_IS_GOOD.has(l.metric)}
                    compact
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
