import { query } from '../api';
import { Empty, ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { formatPct } from './defaults';
import { type TestingKey, useTestingStrings } from './strings';
import type { Turnaround, TurnaroundFigures } from './types';

interface Props {
  campaign: string;
  round: number;
  /** A district to narrow to (the first six digits of the area shown), or none for the whole campaign. */
  district?: string;
}

const tone = (pct: number | null) => (pct === null ? 'none' : pct < 80 ? 'low' : pct < 95 ? 'mid' : 'high');

/** Sampled → received → resulted for the round against the target: headline tiles and a table per lab. */
export function TurnaroundCard({ campaign, round, district }: Props) {
  const s = useTestingStrings();
  const { lang, formatNumber } = useI18n();
  const ta = useApi<Turnaround>(
    `/api/v1/campaigns/${encodeURIComponent(campaign)}/turnaround${query({ round, district })}`,
  );
  const h = (v: number | null) => (v === null ? '—' : s('taHours', { h: v.toLocaleString(lang) }));
  const f = ta.data?.selected;
  const tiles: Array<[TestingKey, string, string | number | null]> = f
    ? [
        ['taP50', h(f.p50Hours), f.p50Hours],
        ['taP90', h(f.p90Hours), f.p90Hours],
        ['taWithin', formatPct(f.pctWithinTarget, lang), f.pctWithinTarget],
        ['taWaiting', formatNumber(f.waitingPastTarget), f.waitingPastTarget],
        ['taNoReceipt', formatNumber(f.resultedWithoutReceipt), f.resultedWithoutReceipt],
        ['taToReceipt', h(f.p50ToReceiptHours), f.p50ToReceiptHours],
        ['taInLab', h(f.p50InLabHours), f.p50InLabHours],
      ]
    : [];
  return (
    <section className="card turnaround-card" data-testid="turnaround-card">
      <div className="card-header">
        <h2>{s('taTitle')}</h2>
        {ta.data && (
          <span className="muted small" data-testid="turnaround-target" data-value={ta.data.targetHours}>
            {s('taTarget', { h: ta.data.targetHours })}
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
                {tiles.map(([key, shown, value]) => (
                  <div
                    key={key}
                    className={`turnaround-tile${key === 'taWithin' ? ` ta-${tone(f.pctWithinTarget)}` : ''}${key === 'taWaiting' && f.waitingPastTarget > 0 ? ' ta-low' : ''}`}
                    data-testid={`turnaround-${key}`}
                    data-value={value ?? ''}
                  >
                    <dt>{s(key)}</dt>
                    <dd>{shown}</dd>
                  </div>
                ))}
              </dl>
              <h3 className="turnaround-sub">{s('taByLab')}</h3>
              <div className="table-wrap">
                <table className="table" data-testid="turnaround-labs">
                  <thead>
                    <tr>
                      <th scope="col">{s('taLab')}</th>
                      <th scope="col" className="num">
                        {s('taTubes')}
                      </th>
                      <th scope="col" className="num">
                        {s('taResulted')}
                      </th>
                      <th scope="col" className="num">
                        {s('taP50')}
                      </th>
                      <th scope="col" className="num">
                        {s('taP90')}
                      </th>
                      <th scope="col" className="num">
                        {s('taWithin')}
                      </th>
                      <th scope="col" className="num">
                        {s('taWaiting')}
                      </th>
                      <th scope="col" className="num">
                        {s('taNoReceipt')}
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
      <p className="muted small">{s('taHint')}</p>
    </section>
  );
}

function LabRow({ lab, f, hours }: { lab: string | null; f: TurnaroundFigures; hours: (v: number | null) => string }) {
  const s = useTestingStrings();
  const { lang, formatNumber } = useI18n();
  return (
    <tr data-testid="turnaround-lab-row" data-lab={lab ?? ''} data-pct={f.pctWithinTarget ?? ''}>
      <td className="mono">{lab ?? s('taNoLab')}</td>
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
