import type { ColourVerdict } from '../health-code/health-code.rules.ts';
import type { Ctx } from '../platform/context.ts';
import type { DoorAnswer, DoorFacts, DoorRule, DoorVerdict, Text2 } from '../platform/module.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { candidacyOf, sitesInSession } from './entry.repo.ts';
import { classify, examParamsOf } from './events.rules.ts';

const NOT_CANDIDATE: Text2 = {
  'zh-CN': '非今日本考点考生，按场所常规查验',
  en: 'not a candidate here today: the site’s ordinary check applies',
};

/**
 * The exam's word at an exam site's door on a day of its sessions: a candidate is judged as the
 * classification judges (colour, zone, latest negative, the version's exam parameters, from what
 * the entrance check already worked out), and the verdict is the exam's: a barred candidate is
 * refused with the reason, a special one sent to the special lane and an isolation room, a regular
 * one to their room; a candidate at another site is refused and told where to go. Anyone else
 * (staff) is checked by the site's ordinary rule. Venues of other categories never come here.
 */
export async function examEntrance(ctx: Ctx, f: DoorFacts, v: DoorVerdict): Promise<DoorAnswer | null> {
  const sites = await sitesInSession(ctx.db, f.venue.code, f.day);
  const first = sites[0];
  if (!first) return null;
  const c = await candidacyOf(
    ctx.db,
    sites.map((s) => s.eventId),
    f.personId,
  );
  if (!c?.room)
    return {
      ...v,
      entry: { kind: 'exam', event: first.eventCode, ref: '', lane: null, site: null, room: null, text: NOT_CANDIDATE },
    };
  const event = sites.find((s) => s.eventId === c.eventId)?.eventCode ?? first.eventCode;
  // The policy module's params as stored; the entrance check hands them over untyped (platform shape).
  const policy = f.policy as Pick<Policy, 'id' | 'params'>;
  const verdict = classify(
    { colour: f.colour as ColourVerdict, zone: f.zone, lastNegativeAt: f.lastNegativeAt },
    examParamsOf(policy),
    policy.id,
    f.now,
  );
  const entry = { kind: 'exam', event, ref: c.candidateNo, text: verdict.text };
  const rule = `exam.${verdict.reason}`;
  if (verdict.class === 'barred')
    return {
      verdict: 'deny',
      reasons: [{ code: `exam-${verdict.reason}`, ...verdict.text }],
      rule,
      entry: { ...entry, lane: null, site: c.room.site, room: null },
    };
  // A special candidate sits where the plan put them in an isolation room (perhaps at a nearby
  // site); a regular one keeps the room they were given, even if an earlier plan moved them.
  const special = verdict.class === 'special';
  const seat = special ? (c.planned?.isolation ? c.planned : c.room.isolation ? c.room : null) : c.room;
  const site = seat?.site ?? c.room.site;
  const room = seat ? { no: seat.no, isolation: seat.isolation } : null;
  const lane = special ? ('special' as const) : ('regular' as const);
  if (site.code !== f.venue.code)
    return {
      verdict: 'deny',
      reasons: [
        {
          code: 'exam-wrong-site',
          'zh-CN': `非本考点考生，请前往${site.name}（${site.code}）`,
          en: `sits at another site: go to ${site.name} (${site.code})`,
        },
      ],
      rule: 'exam.wrong-site',
      entry: { ...entry, lane, site, room },
    };
  const text = room
    ? entry.text
    : {
        'zh-CN': `${entry.text['zh-CN']}；未排入隔离考场，由考点考务办现场安排`,
        en: `${entry.text.en}; not yet seated in an isolation room: the site office seats them`,
      };
  return { verdict: 'allow', reasons: [], rule, entry: { ...entry, text, lane, site, room } };
}

/** The events module's rule at exam sites' doors. */
export const examDoor: DoorRule = {
  id: 'events.exam',
  applies: (venue) => venue.category === 'exam-site',
  verdict: examEntrance,
};
