import type { DashboardToday } from '../api-types';
import { href } from '../common/router';
import { useApi } from '../common/useApi';
import { type MessageKey, useI18n } from '../i18n';

interface Tile {
  id: string;
  title: MessageKey;
  link: string;
  /** The day (or period) the figures are of. */
  asOf: string;
  figures: Array<{ label: MessageKey; value: string; alert?: boolean }>;
}

/** The day at a glance on the big screen: one linked tile per module the user may read. */
export function TodayStrip() {
  const { t, formatNumber } = useI18n();
  const { data } = useApi<DashboardToday>('/api/v1/dashboard/today');
  if (!data) return null;
  const n = formatNumber;
  const tiles: Tile[] = [];
  if (data.cases)
    tiles.push({
      id: 'cases',
      title: 'dashboard.today.cases',
      link: href('figures'),
      asOf: data.cases.date,
      figures: [
        {
          label: 'dashboard.today.confirmed',
          value: n(data.cases.newLocalConfirmed),
          alert: data.cases.newLocalConfirmed > 0,
        },
        { label: 'dashboard.today.asymptomatic', value: n(data.cases.newLocalAsymptomatic) },
        { label: 'dashboard.today.discharged', value: n(data.cases.localDischarged) },
        { label: 'dashboard.today.released', value: n(data.cases.localReleased) },
      ],
    });
  if (data.zones)
    tiles.push({
      id: 'zones',
      title: 'dashboard.today.zones',
      link: href('zones'),
      asOf: data.zones.date,
      figures: [
        { label: 'dashboard.today.high', value: n(data.zones.high), alert: data.zones.high > 0 },
        { label: 'dashboard.today.medium', value: n(data.zones.medium) },
        { label: 'dashboard.today.taskForces', value: n(data.zones.taskForces) },
      ],
    });
  if (data.checks)
    tiles.push({
      id: 'checks',
      title: 'dashboard.today.checks',
      link: href('venues'),
      asOf: data.checks.date,
      figures: [
        { label: 'dashboard.today.scans', value: n(data.checks.scans) },
        { label: 'dashboard.today.denied', value: n(data.checks.denied) },
        { label: 'dashboard.today.denialRate', value: `${(data.checks.denialRate * 100).toFixed(1)}%` },
      ],
    });
  if (data.appeals)
    tiles.push({
      id: 'appeals',
      title: 'dashboard.today.appeals',
      link: href('appeals'),
      asOf: `${data.appeals.from.slice(5)} – ${data.appeals.to.slice(5)}`,
      figures: [
        { label: 'dashboard.today.received', value: n(data.appeals.received) },
        { label: 'dashboard.today.overdue', value: n(data.appeals.overdue), alert: data.appeals.overdue > 0 },
      ],
    });
  if (!tiles.length) return null;
  return (
    <div className="today-strip" data-testid="today-strip">
      {tiles.map((tile) => (
        <a key={tile.id} className="card today-tile" href={tile.link} data-testid={`today-${tile.id}`}>
          <span className="today-title">
            {t(tile.title)} <span className="muted">{tile.asOf}</span>
          </span>
          <span className="today-figures">
            {tile.figures.map((f) => (
              <span key={f.label} className="today-figure">
                <strong className={f.alert ? 'today-alert' : undefined}>{f.value}</strong>
                <small>{t(f.label)}</small>
              </span>
            ))}
          </span>
        </a>
      ))}
    </div>
  );
}
