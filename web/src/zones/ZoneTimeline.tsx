import { useMemo } from 'react';
import type { ZoneEvent } from '../api-types';
import { CHINA_TIME_ZONE, formatDateTime, formatShortDay } from '../common/dates';
import { useI18n } from '../i18n';

/** Runs of at least this many testing rounds in a row are folded into one row. */
const FOLD_ROUNDS = 3;

type Item = { kind: 'event'; event: ZoneEvent } | { kind: 'rounds'; rounds: ZoneEvent[] };

const byTime = (a: ZoneEvent, b: ZoneEvent) =>
  a.day === b.day ? (a.at === b.at ? a.id - b.id : a.at < b.at ? -1 : 1) : a.day < b.day ? -1 : 1;

/** Events in order, runs of daily rounds folded. */
function fold(events: ZoneEvent[]): Item[] {
  const items: Item[] = [];
  let run: ZoneEvent[] = [];
  const flush = () => {
    if (run.length >= FOLD_ROUNDS) items.push({ kind: 'rounds', rounds: run });
    else for (const event of run) items.push({ kind: 'event', event });
    run = [];
  };
  for (const event of [...events].sort(byTime)) {
    if (event.kind === 'round') run.push(event);
    else {
      flush();
      items.push({ kind: 'event', event });
    }
  }
  flush();
  return items;
}

interface Props {
  events: ZoneEvent[];
  districtName: (code: string) => string;
}

/** The zone's history, oldest first: level changes by notice with the rule applied, infections, testing rounds. */
export function ZoneTimeline({ events, districtName }: Props) {
  const { t } = useI18n();
  const items = useMemo(() => fold(events), [events]);
  if (items.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  return (
    <ol className="timeline" data-testid="zone-timeline">
      {items.map((item) =>
        item.kind === 'event' ? (
          <EventRow key={item.event.id} event={item.event} districtName={districtName} />
        ) : (
          <RoundsRow key={`rounds-${item.rounds[0]?.id}`} rounds={item.rounds} />
        ),
      )}
    </ol>
  );
}

function EventRow({ event: e, districtName }: { event: ZoneEvent; districtName: (code: string) => string }) {
  const { t, lang, formatNumber } = useI18n();
  const level = (l: string | null) => (l === 'high' || l === 'medium' || l === 'low' ? t(`zones.level.${l}`) : '—');
  let title: string;
  switch (e.kind) {
    case 'designate':
      title = t('timeline.designate', { level: level(e.toLevel) });
      break;
    case 'downgrade':
      title = t('timeline.downgrade', { from: level(e.fromLevel), to: level(e.toLevel) });
      break;
    case 'upgrade':
      title = t('timeline.upgrade', { from: level(e.fromLevel), to: level(e.toLevel) });
      break;
    case 'lift':
      title = t('timeline.lift', { from: level(e.fromLevel) });
      break;
    case 'infection':
      title = e.caseNo ? t('timeline.infectionCase', { caseNo: e.caseNo }) : t('timeline.infection');
      break;
    case 'round':
      title = t('timeline.round', {
        tested: formatNumber(e.tested ?? 0),
        positives: formatNumber(e.positives ?? 0),
      });
      break;
    default:
      title = String(e.kind);
  }
  const change = e.kind === 'designate' || e.kind === 'downgrade' || e.kind === 'upgrade' || e.kind === 'lift';
  return (
    <li className={`timeline-item timeline-${e.kind}`} data-testid="timeline-event" data-kind={e.kind}>
      <span className="timeline-day mono">{formatShortDay(e.day, lang)}</span>
      <span className="timeline-dot" aria-hidden="true" />
      <div className="timeline-body">
        <strong className="timeline-title">{title}</strong>
        {change && (
          <dl className="timeline-facts">
            {e.noticeNo && (
              <div data-testid="timeline-notice">
                <dt>{t('timeline.notice')}</dt>
                <dd>
                  {e.noticeNo}
                  {e.noticeDistrict ? ` · ${districtName(e.noticeDistrict)}` : ''}
                </dd>
              </div>
            )}
            {e.at && (
              <div>
                <dt>{t('timeline.effectiveAt')}</dt>
                <dd>{formatDateTime(e.at, lang, CHINA_TIME_ZONE)}</dd>
              </div>
            )}
            {(e.policyId || e.rule) && (
              <div data-testid="timeline-rule">
                <dt>{t('timeline.rule')}</dt>
                <dd className="mono">{[e.policyId, e.rule].filter(Boolean).join(' · ')}</dd>
              </div>
            )}
            {e.reason && (
              <div>
                <dt>{t('timeline.reason')}</dt>
                <dd>{e.reason}</dd>
              </div>
            )}
            {e.overrideReason && (
              <div className="timeline-override" data-testid="timeline-override">
                <dt>{t('timeline.override')}</dt>
                <dd>{e.overrideReason}</dd>
              </div>
            )}
          </dl>
        )}
        {e.actor && (
          <span className="muted small">
            {t('timeline.actor', { actor: e.actor === 'system' ? t('timeline.system') : e.actor })}
          </span>
        )}
      </div>
    </li>
  );
}

/** A run of daily testing rounds in one row: how many, the days, totals, and each round on demand. */
function RoundsRow({ rounds }: { rounds: ZoneEvent[] }) {
  const { t, lang, formatNumber } = useI18n();
  const first = rounds[0];
  const last = rounds[rounds.length - 1];
  const tested = rounds.reduce((s, r) => s + (r.tested ?? 0), 0);
  const positives = rounds.reduce((s, r) => s + (r.positives ?? 0), 0);
  return (
    <li
      className={`timeline-item timeline-rounds${positives > 0 ? ' timeline-rounds-positive' : ''}`}
      data-testid="timeline-rounds"
      data-kind="rounds"
    >
      <span className="timeline-day mono">
        <span>{first && formatShortDay(first.day, lang)}</span>
        <span>–{last && formatShortDay(last.day, lang)}</span>
      </span>
      <span className="timeline-dot" aria-hidden="true" />
      <details className="timeline-body">
        <summary>
          <strong className="timeline-title">
            {t('timeline.rounds', {
              n: formatNumber(rounds.length),
              tested: formatNumber(tested),
              positives: formatNumber(positives),
            })}
          </strong>
        </summary>
        <ul className="round-chips">
          {rounds.map((r) => (
            <li key={r.id} className={(r.positives ?? 0) > 0 ? 'round-chip positive' : 'round-chip'}>
              <span className="mono">{formatShortDay(r.day, lang)}</span> {formatNumber(r.tested ?? 0)} /{' '}
              <b>{formatNumber(r.positives ?? 0)}</b>
            </li>
          ))}
        </ul>
        <p className="muted small">{t('timeline.roundsHint')}</p>
      </details>
    </li>
  );
}
