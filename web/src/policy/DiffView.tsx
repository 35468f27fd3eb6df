import type { PolicyDiff } from '../api-types';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';

type Aspect = PolicyDiff['venues']['byCategory'][number]['changes'][number];

/** The day before a date (YYYY-MM-DD): the last day of the version a new one replaces. */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** A difference fetched from the server (a published version against another, or a draft). */
export function Compared({
  path,
  district,
  rule,
  plan,
}: {
  path: string;
  district?: string;
  rule?: string;
  plan?: string;
}) {
  const diff = useApi<PolicyDiff>(path);
  if (diff.error) return <ErrorBox error={diff.error} onRetry={diff.reload} />;
  return diff.data ? <DiffView diff={diff.data} district={district} rule={rule} plan={plan} /> : <Loading />;
}

/**
 * A difference: counts that link to the screens replaying the date under the version, the colour
 * changes by district and rule, the venue categories, and the residents (one district and rule when
 * a count's link chose them).
 */
export function DiffView({
  diff,
  district,
  rule,
  plan,
}: {
  diff: PolicyDiff;
  district?: string;
  rule?: string;
  /** A plan kind chosen by a schedule count's link: its persons are listed. */
  plan?: string;
}) {
  const { t, label, formatNumber } = useI18n();
  // A plan in words: 集中 7 天 + 居家 3 天, or not identified.
  const planText = (p: PolicyDiff['schedules']['byKind'][number]['inForce']) =>
    p === null
      ? t('policyScreen.notIdentified')
      : p.map((x) => `${label('policyScreen.place', x.place)} ${x.days} ${t('policyScreen.days')}`).join(' + ');
  const levelsText = (l: string[]) => l.map((z) => label('zones.level', z)).join('/');
  const count = (id: string, n: number, href: string, text: string) => (
    <li>
      {text}：
      <a href={href} data-testid={`diff-${id}`}>
        {formatNumber(n)}
      </a>
    </li>
  );
  // One part of a category's entrance rule in words: hours, the colours or the zone levels admitted.
  const aspect = (k: Aspect, e: PolicyDiff['venues']['byCategory'][number]['inForce']) => {
    if (k === 'certificateHours') return e.certificateHours === null ? '—' : `${e.certificateHours} h`;
    const values =
      k === 'colours' ? e.colours.map((c) => label('colour', c)) : e.zoneLevels.map((z) => label('zones.level', z));
    return values.length ? values.join('/') : '—';
  };
  const persons = diff.colours.persons.filter(
    (p) => (!district || p.communityCode.startsWith(district)) && (!rule || p.fromRule === rule),
  );
  return (
    <div data-testid="policy-diff">
      <p>
        {t('policyScreen.inForce')}：
        <span className="mono" data-testid="diff-in-force">
          {diff.inForce}
        </span>{' '}
        → <span className="mono">{diff.draft}</span> · {diff.date}
      </p>
      <ul>
        {count('zones-change', diff.zones.wouldChange, diff.zones.href, t('policyScreen.zonesChange'))}
        {count('zones-stay', diff.zones.wouldStay, diff.zones.href, t('policyScreen.zonesStay'))}
        {count('colours', diff.colours.changed, diff.colours.href, t('policyScreen.coloursChanged'))}
        {count('venues', diff.venues.changed, diff.venues.href, t('policyScreen.venuesChanged'))}
        {count('schedules', diff.schedules.changed, diff.schedules.href, t('policyScreen.schedulesChanged'))}
      </ul>
      {levelsText(diff.levels.inForce) !== levelsText(diff.levels.draft) && (
        <p data-testid="diff-levels">
          {t('policyScreen.levels')}：{levelsText(diff.levels.inForce)} → {levelsText(diff.levels.draft)}
        </p>
      )}
      <ul data-testid="diff-schedules">
        {diff.schedules.byKind.map((k) => (
          <li key={k.kind} data-kind={k.kind}>
            {label('policyScreen.plan', k.kind)}：{planText(k.inForce)} → {planText(k.draft)}{' '}
            <a href={k.href}>{formatNumber(k.persons)}</a>
          </li>
        ))}
      </ul>
      <table
        className="table"
        data-testid="diff-colour-table"
        data-total={diff.colours.changed + diff.zones.wouldChange + diff.zones.wouldStay}
      >
        <thead>
          <tr>
            <th>{t('policyScreen.district')}</th>
            <th>{t('policyScreen.from')}</th>
            <th>{t('policyScreen.to')}</th>
            <th>{t('policyScreen.count')}</th>
          </tr>
        </thead>
        <tbody>
          {diff.colours.byDistrict.map((g) => (
            <tr key={`${g.districtCode}|${g.fromRule}|${g.toRule}`}>
              <td className="mono">{g.districtCode}</td>
              <td>
                {g.from} <span className="muted mono">{g.fromRule}</span>
              </td>
              <td>
                {g.to} <span className="muted mono">{g.toRule}</span>
              </td>
              <td>
                <a href={g.href}>{formatNumber(g.count)}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul data-testid="diff-venue-categories">
        {diff.venues.byCategory.map((c) => (
          <li key={c.category} data-category={c.category}>
            {label('venues.category', c.category)}：
            {c.changes.map((k) => (
              <span key={k} className="diff-aspect" data-aspect={k}>
                {label('policyScreen.aspect', k)} {aspect(k, c.inForce)} → {aspect(k, c.draft)}
              </span>
            ))}{' '}
            <a href={c.href}>{formatNumber(c.venues)}</a>
          </li>
        ))}
      </ul>
      {plan && (
        <h3 data-testid="diff-schedule-title">
          {t('policyScreen.schedulePersons', {
            plan: label('policyScreen.plan', plan),
            n: formatNumber(diff.schedules.persons.filter((p) => p.kind === plan).length),
          })}
        </h3>
      )}
      {plan && (
        <table className="table" data-testid="diff-schedule-persons">
          <thead>
            <tr>
              <th>{t('policyScreen.person')}</th>
              <th>{t('policyScreen.lastContact')}</th>
              <th>{t('policyScreen.from')}</th>
              <th>{t('policyScreen.to')}</th>
            </tr>
          </thead>
          <tbody>
            {diff.schedules.persons
              .filter((p) => p.kind === plan)
              .map((p) => (
                <tr key={`${p.personId}|${p.kind}`}>
                  <td className="mono">{p.personId}</td>
                  <td>{p.since}</td>
                  <td>{p.inForceEndsOn ?? t('policyScreen.notIdentified')}</td>
                  <td>{p.draftEndsOn ?? t('policyScreen.notIdentified')}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {(district || rule) && (
        <>
          <h3 data-testid="diff-persons-title">
            {t('policyScreen.residents', {
              district: district ?? '',
              rule: rule ?? '',
              n: formatNumber(persons.length),
            })}
          </h3>
          <table className="table" data-testid="diff-persons">
            <thead>
              <tr>
                <th>{t('policyScreen.person')}</th>
                <th>{t('policyScreen.community')}</th>
                <th>{t('policyScreen.from')}</th>
                <th>{t('policyScreen.to')}</th>
              </tr>
            </thead>
            <tbody>
              {persons.map((p) => (
                <tr key={p.personId}>
                  <td className="mono">{p.personId}</td>
                  <td className="mono">{p.communityCode}</td>
                  <td>
                    {p.from} <span className="muted mono">{p.fromRule}</span>
                  </td>
                  <td>
                    {p.to} <span className="muted mono">{p.toRule}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
