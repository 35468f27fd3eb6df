import { useState } from 'react';
import type { PolicyParams } from '../api-types';
import { useI18n } from '../i18n';
import { ColourOrder } from './ColourOrder';

type Category = keyof PolicyParams['entrance'];
type PlanKind = keyof PolicyParams['quarantine'];
const PLAN_KINDS: PlanKind[] = ['close-contact', 'secondary-contact', 'left-high-zone'];
const COLOURS = ['green', 'yellow', 'red'] as const;
// The colour rules' other durations, each a whole number named by the measures' words for it.
const DURATIONS = ['recoveredYellowDays', 'positivePoolHours', 'leftZoneRedDays', 'traceListDays'] as const;

/** A whole number typed into a field, or the field's problem (shown beside it, nothing sent). */
function whole(v: string): number | null {
  return /^\d+$/.test(v.trim()) ? Number(v) : null;
}

/**
 * The parameters of a draft that differ between versions, edited in place: lift days and final
 * rounds, entrance hours and the colours and zone levels each category admits, quarantine plan days,
 * the colour rules applied and their order, colour durations, tracing windows and pool sizes.
 * A field that is not a whole number is flagged here; the server validates the rest by name
 * (a missing or contradictory parameter), and its message is shown by the editor.
 */
export function ParamsEditor({
  params,
  disabled,
  onChange,
  onInvalid,
}: {
  params: PolicyParams;
  disabled: boolean;
  onChange: (p: PolicyParams) => void;
  /** The fields that hold no whole number now (empty: all valid). */
  onInvalid: (fields: string[]) => void;
}) {
  const { t, label } = useI18n();
  const [bad, setBad] = useState<Record<string, string>>({});
  // The text typed, while it is not a number yet, so the field keeps what the user sees.
  const field = (
    name: string,
    value: number | null | undefined,
    set: (n: number | null) => PolicyParams,
    optional = false,
  ) => (
    <input
      id={`policy-${name}`}
      name={name}
      type="text"
      inputMode="numeric"
      className="input-narrow"
      disabled={disabled}
      aria-invalid={bad[name] !== undefined}
      value={bad[name] ?? (value === null || value === undefined ? '' : String(value))}
      onChange={(e) => {
        const v = e.target.value;
        const n = whole(v);
        const next = { ...bad };
        if (n === null && !(optional && v.trim() === '')) next[name] = v;
        else delete next[name];
        setBad(next);
        onInvalid(Object.keys(next));
        if (n !== null || (optional && v.trim() === '')) onChange(set(n));
      }}
    />
  );
  const lift = (level: 'high' | 'medium') => params.lift[level];
  const setLift = (level: 'high' | 'medium', patch: Record<string, unknown>) => {
    const r = lift(level);
    return r ? { ...params, lift: { ...params.lift, [level]: { ...r, ...patch } } } : params;
  };
  const [pools, setPools] = useState(params.pools.allowedSizes.join(', '));
  // The colours or zone levels a category admits, one box each (the server refuses a contradiction by name).
  const admits = (c: Category, k: 'colours' | 'zoneLevels', values: readonly string[], name: (v: string) => string) =>
    values.map((v) => {
      const list = params.entrance[c][k] as string[];
      return (
        <label key={v} className="check-inline">
          <input
            type="checkbox"
            name={`${k}-${c}-${v}`}
            disabled={disabled}
            checked={list.includes(v)}
            onChange={(e) =>
              onChange({
                ...params,
                entrance: {
                  ...params.entrance,
                  [c]: {
                    ...params.entrance[c],
                    [k]: e.target.checked ? [...list, v] : list.filter((x) => x !== v),
                  } as PolicyParams['entrance'][Category],
                },
              })
            }
          />
          {name(v)}
        </label>
      );
    });
  return (
    <div className="policy-params" data-testid="params-editor">
      <h3>{t('policyScreen.levels')}</h3>
      <p data-testid="levels-editor">
        {(['high', 'medium', 'low'] as const).map((l) => (
          <label key={l} className="check-inline">
            <input
              type="checkbox"
              name={`level-${l}`}
              disabled={disabled}
              checked={params.levels.includes(l)}
              onChange={(e) =>
                onChange({
                  ...params,
                  // Kept in the order high, medium, low; a level still named elsewhere is refused by the server, by path.
                  levels: (['high', 'medium', 'low'] as const).filter((x) =>
                    x === l ? e.target.checked : params.levels.includes(x),
                  ),
                })
              }
            />
            {label('zones.level', l)}
          </label>
        ))}
      </p>
      <h3>{t('policyScreen.lift')}</h3>
      <table className="table">
        <thead>
          <tr>
            <th>{t('policyScreen.level')}</th>
            <th>{t('policyScreen.cleanDays')}</th>
            <th>{t('policyScreen.finalRound')}</th>
            <th>{t('policyScreen.afterDowngrade')}</th>
          </tr>
        </thead>
        <tbody>
          {(['high', 'medium'] as const).map((level) => {
            const r = lift(level);
            if (!r) return null;
            return (
              <tr key={level}>
                <td>
                  {label('zones.level', level)} → {label('zones.level', r.to)}
                </td>
                <td>{field(`lift-${level}-days`, r.cleanDays, (n) => setLift(level, { cleanDays: n ?? 0 }))}</td>
                <td>
                  <input
                    type="checkbox"
                    name={`lift-${level}-final`}
                    disabled={disabled}
                    checked={r.finalRound}
                    onChange={(e) => onChange(setLift(level, { finalRound: e.target.checked }))}
                  />
                </td>
                <td>
                  {r.afterDowngrade
                    ? field(`lift-${level}-after`, r.afterDowngrade.cleanDays, (n) =>
                        setLift(level, { afterDowngrade: { ...r.afterDowngrade, cleanDays: n ?? 0 } }),
                      )
                    : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3>{t('policyScreen.entrance')}</h3>
      <table className="table">
        <thead>
          <tr>
            <th>{t('policyScreen.category')}</th>
            <th>{t('policyScreen.hours')}</th>
            <th>{t('policyScreen.aspect.colours')}</th>
            <th>{t('policyScreen.aspect.zoneLevels')}</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(params.entrance) as Category[]).map((c) => (
            <tr key={c}>
              <td>{label('venues.category', c)}</td>
              <td>
                {field(
                  `hours-${c}`,
                  params.entrance[c].certificateHours,
                  (n) => ({
                    ...params,
                    entrance: { ...params.entrance, [c]: { ...params.entrance[c], certificateHours: n } },
                  }),
                  true,
                )}
              </td>
              <td>{admits(c, 'colours', COLOURS, (v) => label('colour', v))}</td>
              <td>{admits(c, 'zoneLevels', params.levels, (v) => label('zones.level', v))}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t('policyScreen.quarantine')}</h3>
      <table className="table">
        <tbody>
          {PLAN_KINDS.map((kind) => {
            const plan = params.quarantine[kind];
            return (
              <tr key={kind}>
                <td>{label('policyScreen.plan', kind)}</td>
                <td>
                  {plan === null
                    ? t('policyScreen.notIdentified')
                    : plan.map((phase, i) => (
                        <span key={`${kind}-${phase.place}-${phase.kind}`} className="plan-phase">
                          {label('policyScreen.place', phase.place)}{' '}
                          {field(`plan-${kind}-${i}`, phase.days, (n) => ({
                            ...params,
                            quarantine: {
                              ...params.quarantine,
                              [kind]: plan.map((p, j) => (j === i ? { ...p, days: n ?? 0 } : p)),
                            },
                          }))}{' '}
                          {t('policyScreen.days')}
                        </span>
                      ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3>{t('policyScreen.colourRules')}</h3>
      <ColourOrder
        order={params.colours.order}
        disabled={disabled}
        onChange={(order) => onChange({ ...params, colours: { ...params.colours, order } })}
      />

      <h3>{t('policyScreen.windows')}</h3>
      <div className="form-row">
        <label htmlFor="policy-tracing-minutes">
          {t('policyScreen.coPresence')}
          {field('tracing-minutes', params.tracing.coPresenceMinutes, (n) => ({
            ...params,
            tracing: { ...params.tracing, coPresenceMinutes: n ?? 0 },
          }))}
        </label>
        <label htmlFor="policy-tracing-days">
          {t('policyScreen.lookBack')}
          {field('tracing-days', params.tracing.lookBackDays, (n) => ({
            ...params,
            tracing: { ...params.tracing, lookBackDays: n ?? 0 },
          }))}
        </label>
        <label htmlFor="policy-colours-secondary">
          {t('policyScreen.secondaryRed')}
          {field('colours-secondary', params.colours.secondaryContactRedDays, (n) => ({
            ...params,
            colours: { ...params.colours, secondaryContactRedDays: n ?? 0 },
          }))}
        </label>
        {DURATIONS.map((k) => (
          <label key={k} htmlFor={`policy-colours-${k}`}>
            {label('measures.param', k)}
            {field(`colours-${k}`, params.colours[k], (n) => ({
              ...params,
              colours: { ...params.colours, [k]: n ?? 0 },
            }))}
          </label>
        ))}
        {(['redDays', 'yellowUntilDay'] as const).map((k) => (
          <label key={k} htmlFor={`policy-close-${k}`}>
            {label('measures.param', 'close-contact')} · {label('measures.param', k)}
            {field(`close-${k}`, params.colours.closeContact[k], (n) => ({
              ...params,
              colours: { ...params.colours, closeContact: { ...params.colours.closeContact, [k]: n ?? 0 } },
            }))}
          </label>
        ))}
        <label>
          {t('policyScreen.pools')}
          <input
            name="pools"
            type="text"
            disabled={disabled}
            aria-invalid={bad.pools !== undefined}
            value={pools}
            onChange={(e) => {
              setPools(e.target.value);
              const sizes = e.target.value
                .split(/[,，\s]+/)
                .filter(Boolean)
                .map(whole);
              const next = { ...bad };
              if (!sizes.length || sizes.some((s) => s === null)) next.pools = e.target.value;
              else {
                delete next.pools;
                onChange({ ...params, pools: { allowedSizes: sizes as number[] } });
              }
              setBad(next);
              onInvalid(Object.keys(next));
            }}
          />
        </label>
      </div>
      {Object.keys(bad).length > 0 && (
        <p className="notice notice-warn" data-testid="params-invalid">
          {t('policyScreen.notWhole', { fields: Object.keys(bad).join(', ') })}
        </p>
      )}
    </div>
  );
}
