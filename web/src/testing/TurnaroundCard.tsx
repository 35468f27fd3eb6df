import { query } from '../api';
import type { Turnaround, TurnaroundFigures } from '../api-types';
import { Empty, ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { type MessageKey, useI18n } from '../i18n';
import { formatPct } from './defaults';

interface Props {
  campaign: string;
  round: number;
  /** A district to narrow to (the first six digits of the area shown), or none for the whole campaign. */
  district?: string;
}

const tone = (pct: number | null) => (pct === null ? 'none' : pct < 80 ? 'low' : pct < 95 ? 'mid' : 'high');

/** Sampled → received → resulted for the round against the target: headline tiles and a table per lab. */
export function TurnaroundCard({ campaign, round, district }: Props) {
  const { t, lang, formatNumber } = useI18n();
  const ta = useApi<Turnaround>(
    `/api/v1/campaigns/${encodeURIComponent(campaign)}/turnaround${query({ round, district })}`,
  );
  const h = (v: number | null) => (v === null ? '—' : t('testing.turnaround.hours', { h: v.toLocaleString(lang) }));
  const f = ta.data?.selected;
  // the test ids keep the tiles' former names (turnaround-taP50, …)
  const tiles: Array<[string, MessageKey, string, string | number | null]> = f
    ? [
        ['taP50', 'testing.turnaround.p50', h(f.p50Hours), f.p50Hours],
        ['taP90', 'testing.turnaround.p90', h(f.p90Hours), f.p90Hours],
        ['taWithin', 'testing.turnaround.within', formatPct(f.pctWithinTarget, lang), f.pctWithinTarget],
        ['taWaiting', 'testing.turnaround.waiting', formatNumber(f.waitingPastTarget), f.waitingPastTarget],
        [
          'taNoReceipt',
          'testing.turnaround.noReceipt',
          formatNumber(f.resultedWithoutReceipt),
          f.resultedWithoutReceipt,
        ],
        ['taToReceipt', 'testing.turnaround.toReceipt', h(f.p50ToReceiptHours), f.p50ToReceiptHours],
        ['taInLab', 'testing.turnaround.inLab', h(f.p50InLabHours), f.p50InLabHours],
      ]
    : [];
  return (
    <section className="card turnaround-card" data-testid="turnaround-card">
      <div className="card-header">
        <h2>{t('testing.turnaround.title')}</h2>
        {ta.data && (
          <span className="muted small" data-testid="turnaround-target" data-value={ta.data.targetHours}>
            {t('testing.turnaround.target', { h: ta.data.targetHours })}
          </span>
        )}
      </div>
      {ta.error !== undefined && <ErrorBox error={ta.error} onRetry={ta.reload} />}
      {ta.loading && !f && <Loading />}
      {f && ta.data && ta.error === undefined && (
        <div className={ta.loading ? 'stale' : undefined}>
          {f.tubes === 0 ? (
            <Empty />
          ) : (
            <>
              <dl className="turnaround-tiles">
                {tiles.map(([key, label, shown, value]) => (
                  <div
                    key={key}
                    className={`turnaround-tile${key === 'taWithin' ? ` ta-${tone(f.pctWithinTarget)}` : ''}${key === 'taWaiting' && f.waitingPastTarget > 0 ? ' ta-low' : ''}`}
                    data-testid={`turnaround-${key}`}
                    data-value={value ?? ''}
                  >
                    <dt>{t(label)}</dt>
                    <dd>{shown}</dd>
                  </div>
                ))}
              </dl>
              <h3 className="turnaround-sub">{t('testing.turnaround.byLab')}</h3>
              <div className="table-wrap">
                <table className="table" data-testid="turnaround-labs">
                  <thead>
                    <tr>
                      <th scope="col">{t('testing.turnaround.lab')}</th>
                      <th scope="col" className="num">
                        {t('testing.turnaround.tubes')}
                      </th>
                      <th scope="col" className="num">
                        {t('testing.turnaround.resulted')}
                      </th>
                      <th scope="col" className="num">
                        {t('testing.turnaround.p50')}
                      </th>
                      <th scope="col" className="num">
                        {t('testing.turnaround.p90')}
                      </th>
                      <th scope="col" className="num">
                        {t('testing.turnaround.within')}
                      </th>
                      <th scope="col" className="num">
                        {t('testing.turnaround.waiting')}
                      </th>
                      <th scope="col" className="num">
                        {t('testing.turnaround.noReceipt')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {ta.data.labs.map((l) => (
                      <LabRow key={l.lab ?? ''} lab={l.lab} f={l} hours={h} />
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}
      <p className="muted small">{t('testing.turnaround.hint')}</p>
    </section>
  );
}

function LabRow({ lab, f, hours }: { lab: string | null; f: TurnaroundFigures; hours: (v: number | null) => string }) {
  const { t, lang, formatNumber } = useI18n();
  return (
    <tr data-testid="turnaround-lab-row" data-lab={lab ?? ''} data-pct={f.pctWithinTarget ?? ''}>
      <td className="mono">{lab ?? t('testing.turnaround.noLab')}</td>
      <td className="num">{formatNumber(f.tubes)}</td>
      <td className="num">{formatNumber(f.resulted)}</td>
      <td className="num">{hours(f.p50Hours)}</td>
      <td className="num">{hours(f.p90Hours)}</td>
      <td className={`num ta-text-${tone(f.pctWithinTarget)}`}>{formatPct(f.pctWithinTarget, lang)}</td>
      <td className={`num${f.waitingPastTarget > 0 ? ' ta-text-low' : ''}`}>{formatNumber(f.waitingPastTarget)}</td>
      <td className="num">{formatNumber(f.resultedWithoutReceipt)}</td>
    </tr>
  );
}
