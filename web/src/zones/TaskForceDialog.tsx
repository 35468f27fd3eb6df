import { useEffect, useMemo, useState } from 'react';
import { ApiError, api } from '../api';
import type { Cadre, Rank, WorkingGroup, Zone } from '../api-types';
import { FormDialog } from '../common/FormDialog';
import { ErrorBox, Loading } from '../common/Status';
import { useSubmit } from '../common/useSubmit';
import { RANKS, WORKING_GROUPS } from '../domain';
import { useI18n } from '../i18n';
import type { Done } from './ZoneActions';

/** Ranks that may lead a task force, highest first (the server checks it again). */
const LEADER_RANKS: readonly Rank[] = ['bureau', 'division', 'section'];
/** The server answers at most this many cadres per request. */
const CADRE_CAP = 500;
/** Candidates listed at once; a filter narrows the rest. */
const SHOWN = 30;

interface Props {
  zone: Zone;
  onClose: () => void;
  onDone: (done: Done) => void;
}

interface Member {
  cadre: Cadre;
  group: WorkingGroup;
}

interface Free {
  byRank: Partial<Record<Rank, Cadre[]>>;
  capped: boolean;
}

/** The free cadres (serving in no task force now), asked rank by rank so that no rank is cut off by another. */
function useFreeCadres(nonce: number): { free?: Free; error: unknown } {
  const [state, setState] = useState<{ free?: Free; error?: unknown }>({});
  useEffect(() => {
    void nonce;
    const ctrl = new AbortController();
    Promise.all(
      RANKS.map((rank) =>
        api<{ items: Cadre[] }>(`/api/v1/cadres?rank=${rank}&free=true`, { signal: ctrl.signal }).then(
          (r) => [rank, r.items] as const,
        ),
      ),
    ).then(
      (lists) =>
        setState({
          free: {
            byRank: Object.fromEntries(lists),
            capped: lists.some(([, items]) => items.length >= CADRE_CAP),
          },
        }),
      (error: unknown) => {
        if (!ctrl.signal.aborted) setState({ error });
      },
    );
    return () => ctrl.abort();
  }, [nonce]);
  return { free: state.free, error: state.error };
}

const matches = (c: Cadre, q: string) =>
  !q || c.name.toLowerCase().includes(q) || c.homeUnit.toLowerCase().includes(q) || String(c.id) === q;

/**
 * Forms the zone's task force: a leader of section level or above and members from the free cadres, each in a
 * working group. The server has the last word (leader's rank, a cadre already serving elsewhere): its refusal is
 * shown in the interface language.
 */
export function TaskForceDialog({ zone, onClose, onDone }: Props) {
  const { t, lang, formatNumber } = useI18n();
  const [nonce, setNonce] = useState(0);
  const { free, error: loadError } = useFreeCadres(nonce);
  const [leaderId, setLeaderId] = useState('');
  const [members, setMembers] = useState<Member[]>([]);
  const [filter, setFilter] = useState('');
  const [formedOn, setFormedOn] = useState('');
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const all = useMemo(() => (free ? [...RANKS].reverse().flatMap((r) => free.byRank[r] ?? []) : []), [free]);
  const leader = all.find((c) => String(c.id) === leaderId);
  const chosen = new Set(members.map((m) => m.cadre.id));
  const q = filter.trim().toLowerCase();
  const candidates = all.filter((c) => c.id !== leader?.id && !chosen.has(c.id) && matches(c, q));
  const rank = (r: Rank) => t(`zones.rank.${r}`);

  function chooseLeader(id: string) {
    setLeaderId(id);
    // the leader is not also a member
    setMembers((ms) => ms.filter((m) => String(m.cadre.id) !== id));
  }
  const add = (cadre: Cadre) => setMembers((ms) => [...ms, { cadre, group: 'coordination' }]);
  const remove = (id: number) => setMembers((ms) => ms.filter((m) => m.cadre.id !== id));
  const regroup = (id: number, group: WorkingGroup) =>
    setMembers((ms) => ms.map((m) => (m.cadre.id === id ? { ...m, group } : m)));

  const submit = useSubmit(
    async () => {
      if (!leader) return;
      setRefusal(null);
      await api(`/api/v1/zones/${encodeURIComponent(zone.code)}/task-force`, {
        method: 'POST',
        body: {
          leaderId: leader.id,
          members: members.map((m) => ({ cadreId: m.cadre.id, group: m.group })),
          ...(formedOn ? { formedOn } : {}),
        },
      });
      onDone({
        text: t('taskForce.done', { name: leader.name, n: formatNumber(members.length + 1) }),
      });
    },
    {
      // a refusal by the rules (rank, a cadre serving elsewhere) is shown with its code, apart from failures
      onError: (err) => {
        if (!(err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 401)) return false;
        setRefusal(err);
        // someone may have taken a cadre meanwhile: list the free ones again
        if (err.code === 'CADRE_ALREADY_SERVING') setNonce((n) => n + 1);
        return true;
      },
    },
  );

  return (
    <FormDialog
      title={t('taskForce.formTitle', { name: zone.name })}
      onClose={onClose}
      submit={submit}
      submitLabel={t('taskForce.form.submit')}
      ready={!!leader}
      name="taskforce"
      className="taskforce-form"
    >
      {loadError !== undefined && <ErrorBox error={loadError} onRetry={() => setNonce((n) => n + 1)} />}
      {!free && loadError === undefined && <Loading />}
      {free && (
        <>
          <div className="field">
            <label htmlFor="taskforce-leader">{t('taskForce.form.leader')}</label>
            <div className="taskforce-leader-pick">
              <select
                id="taskforce-leader"
                name="leaderId"
                required
                value={leaderId}
                onChange={(e) => chooseLeader(e.target.value)}
              >
                <option value="">{t('taskForce.form.leaderChoose')}</option>
                {LEADER_RANKS.map((r) => {
                  const people = free.byRank[r] ?? [];
                  return (
                    people.length > 0 && (
                      <optgroup key={r} label={rank(r)}>
                        {people.map((c) => (
                          <option key={c.id} value={c.id}>
                            {lang === 'zh-CN' ? `${c.name}（${rank(c.rank)}）` : `${c.name} (${rank(c.rank)})`} ·{' '}
                            {c.homeUnit}
                          </option>
                        ))}
                      </optgroup>
                    )
                  );
                })}
              </select>
              {leader && (
                <span className="rank-badge" data-testid="leader-rank">
                  {rank(leader.rank)}
                </span>
              )}
            </div>
            <span className="muted small">
              {LEADER_RANKS.every((r) => !free.byRank[r]?.length)
                ? t('taskForce.form.noLeaders')
                : t('taskForce.form.leaderHint')}
            </span>
          </div>

          <fieldset className="taskforce-members">
            <legend>{t('taskForce.form.members', { n: formatNumber(members.length) })}</legend>
            {members.length === 0 ? (
              <p className="muted small">{t('taskForce.form.noMembers')}</p>
            ) : (
              <ul className="taskforce-chosen">
                {members.map((m) => (
                  <li key={m.cadre.id} data-testid="taskforce-member" data-id={m.cadre.id}>
                    <span className="taskforce-who">
                      <strong>{m.cadre.name}</strong>
                      <span className="rank-badge">{rank(m.cadre.rank)}</span>
                      <span className="muted small">{m.cadre.homeUnit}</span>
                    </span>
                    <select
                      name="group"
                      aria-label={t('taskForce.form.groupOf', { name: m.cadre.name })}
                      value={m.group}
                      onChange={(e) => regroup(m.cadre.id, e.target.value as WorkingGroup)}
                    >
                      {WORKING_GROUPS.map((g) => (
                        <option key={g} value={g}>
                          {t(`taskForce.group.${g}`)}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      aria-label={t('taskForce.form.remove', { name: m.cadre.name })}
                      title={t('taskForce.form.remove', { name: m.cadre.name })}
                      onClick={() => remove(m.cadre.id)}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <label className="field">
              <span>{t('taskForce.form.search')}</span>
              <input
                type="search"
                name="cadreFilter"
                placeholder={t('taskForce.form.searchPlaceholder')}
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
            </label>
            <ul className="taskforce-candidates" data-testid="taskforce-candidates">
              {candidates.slice(0, SHOWN).map((c) => (
                <li key={c.id} data-testid="cadre-candidate" data-id={c.id} data-rank={c.rank}>
                  <span className="taskforce-who">
                    <span>{c.name}</span>
                    <span className="rank-badge">{rank(c.rank)}</span>
                    <span className="muted small">{c.homeUnit}</span>
                  </span>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => add(c)}
                    data-testid="candidate-add"
                    aria-label={t('taskForce.form.addName', { name: c.name })}
                  >
                    {t('taskForce.form.add')}
                  </button>
                </li>
              ))}
            </ul>
            {candidates.length === 0 && <p className="muted small">{t('taskForce.form.noMatch')}</p>}
            {candidates.length > SHOWN && (
              <p className="muted small">{t('taskForce.form.more', { n: formatNumber(candidates.length - SHOWN) })}</p>
            )}
            {free.capped && <p className="muted small">{t('taskForce.form.capped', { n: formatNumber(CADRE_CAP) })}</p>}
          </fieldset>

          <label className="field">
            <span>{t('taskForce.form.formedOn')}</span>
            <input type="date" name="formedOn" value={formedOn} onChange={(e) => setFormedOn(e.target.value)} />
            <span className="muted small">{t('taskForce.form.formedOnHint')}</span>
          </label>
        </>
      )}
      {refusal && (
        <div className="refusal" role="alert" data-testid="taskforce-error" data-code={refusal.code}>
          <strong>{t('taskForce.form.refused')}</strong>
          <p>{refusal.localized(lang)}</p>
        </div>
      )}
    </FormDialog>
  );
}
