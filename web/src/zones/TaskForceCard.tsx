import type { TaskForceDetail } from '../api-types';
import { formatDay } from '../common/dates';
import { WORKING_GROUPS } from '../domain';
import { useI18n } from '../i18n';

/** The zone's task force: its leader with rank and home unit, then the members by working group. */
export function TaskForceCard({ taskForce }: { taskForce: TaskForceDetail | null }) {
  const { t, lang, formatNumber } = useI18n();
  if (!taskForce) return <p className="muted">{t('taskForce.none')}</p>;
  const { members } = taskForce;
  const leader = taskForce.leader ?? members.find((m) => m.isLeader)?.cadre;
  const groups = WORKING_GROUPS.map((g) => ({ group: g, people: members.filter((m) => m.group === g) })).filter(
    (g) => g.people.length > 0,
  );
  // a group the web does not know yet is still shown, under its code
  const other = members.filter((m) => !(WORKING_GROUPS as readonly string[]).includes(m.group));
  return (
    <div className="task-force" data-testid="task-force">
      {leader && (
        <div className="task-force-leader" data-testid="task-force-leader">
          <span className="muted small">{t('taskForce.leader')}</span>
          <strong>{leader.name}</strong>
          <span className="rank-badge">{t(`zones.rank.${leader.rank}`)}</span>
          <span className="muted small">{leader.homeUnit}</span>
        </div>
      )}
      <p className="muted small">
        {t('taskForce.members', { n: formatNumber(members.length) })}
        {taskForce.formedOn && ` · ${t('taskForce.formedOn', { day: formatDay(taskForce.formedOn, lang) })}`}
        {taskForce.disbandedOn && ` · ${t('taskForce.disbandedOn', { day: formatDay(taskForce.disbandedOn, lang) })}`}
      </p>
      <dl className="task-force-groups">
        {groups.map(({ group, people }) => (
          <div key={group} data-testid={`group-${group}`}>
            <dt>{t(`taskForce.group.${group}`)}</dt>
            <dd>
              {people.map((m) => (
                <span
                  key={m.cadre.id}
                  className={m.isLeader ? 'member member-leader' : 'member'}
                  title={m.cadre.homeUnit}
                >
                  {m.cadre.name}
                  <span className="muted small"> · {t(`zones.rank.${m.cadre.rank}`)}</span>
                </span>
              ))}
            </dd>
          </div>
        ))}
        {other.length > 0 && (
          <div>
            <dt>{t('taskForce.otherGroup')}</dt>
            <dd>
              {other.map((m) => (
                <span key={m.cadre.id} className="member">
                  {m.cadre.name} <span className="muted small">({m.group})</span>
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
