import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { dayOf } from '../platform/dates.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, created, jsonSchema, ok } from '../platform/http/zod.ts';
import { addDuty, closeDuty, listDuties, listOverdue } from './duties.service.ts';
import { residentsRoutes } from './residents.routes.ts';
import { cadres, formTaskForce } from './taskforce.service.ts';
import { evaluateZones, getZone, listZones, zoneCounts } from './zones.query.ts';
import {
  CadreList,
  CadreQuery,
  DayDistrictQuery,
  DesignateInput,
  DutyAnswer,
  DutyCloseInput,
  DutyIdParams,
  DutyInput,
  DutyList,
  EvaluationQuery,
  InfectionInput,
  OverdueQuery,
  RoundInput,
  TaskForceAnswer,
  TaskForceInput,
  TransitionAnswer,
  TransitionInput,
  ZoneCodeParams,
  ZoneCounts,
  ZoneDetail,
  ZoneEvaluation,
  ZoneList,
  ZonesQuery,
} from './zones.schema.ts';
import { designateZone, recordInfection, recordRound, transitionZone } from './zones.service.ts';

type Code = { code: string };
const todayIfMissing = (d?: string) => d ?? dayOf(nowIso());

/** Zones, their lift evaluation and counts, task forces, cadres and duties. */
export async function zonesRoutes(app: Api, ctx: Ctx): Promise<void> {
  const tags = ['zones'];
  const code = jsonSchema(ZoneCodeParams);
  const detail = ok(ZoneDetail, 'The zone after the change');
  await app.register(async (scoped) => residentsRoutes(scoped, ctx));
  app.get(
    '/api/v1/zones',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Zones as of a day', querystring: jsonSchema(ZonesQuery), response: ok(ZoneList) },
    },
    async (r) => listZones(ctx, actorOf(r), r.query),
  );
  app.get(
    '/api/v1/zones/evaluation',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Lift/downgrade recommendations of a day (or a replay under another version)',
        querystring: jsonSchema(EvaluationQuery),
        response: ok(ZoneEvaluation),
      },
    },
    async (r) =>
      evaluateZones(ctx, actorOf(r), todayIfMissing(r.query.date), r.query.district, r.query.policy, r.query.zone),
  );
  app.get(
    '/api/v1/zones/counts',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Zone and cadre counts of a day',
        querystring: jsonSchema(DayDistrictQuery),
        response: ok(ZoneCounts),
      },
    },
    async (r) => zoneCounts(ctx, actorOf(r), todayIfMissing(r.query.date), r.query.district),
  );
  app.get(
    '/api/v1/zones/:code',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'One zone with history, task force and duties',
        params: code,
        querystring: jsonSchema(DayDistrictQuery.pick({ date: true })),
        response: ok(ZoneDetail),
      },
    },
    async (r) => getZone(ctx, actorOf(r), (r.params as Code).code, todayIfMissing(r.query.date)),
  );
  app.post(
    '/api/v1/zones',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Designate a zone by notice',
        body: jsonSchema(DesignateInput),
        response: created(ZoneDetail, 'The zone designated'),
      },
    },
    async (r, reply) => {
      const z = await designateZone(ctx, actorOf(r), r.body as DesignateInput);
      reply.status(201);
      return getZone(ctx, actorOf(r), z.code);
    },
  );
  app.post(
    '/api/v1/zones/:code/transitions',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Downgrade, lift or upgrade by notice',
        params: code,
        body: jsonSchema(TransitionInput),
        response: ok(TransitionAnswer),
      },
    },
    async (r) => {
      const { evaluation } = await transitionZone(ctx, actorOf(r), (r.params as Code).code, r.body as TransitionInput);
      return { ...(await getZone(ctx, actorOf(r), (r.params as Code).code)), evaluation };
    },
  );
  app.post(
    '/api/v1/zones/:code/infections',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Record a new infection',
        params: code,
        body: jsonSchema(InfectionInput),
        response: detail,
      },
    },
    async (r) => {
      const b = r.body;
      await recordInfection(ctx, actorOf(r), (r.params as Code).code, b.day, b.caseNo);
      return getZone(ctx, actorOf(r), (r.params as Code).code);
    },
  );
  app.post(
    '/api/v1/zones/:code/rounds',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Record a full testing round',
        params: code,
        body: jsonSchema(RoundInput),
        response: detail,
      },
    },
    async (r) => {
      const b = r.body;
      await recordRound(ctx, actorOf(r), (r.params as Code).code, b.day, b.tested, b.positives);
      return getZone(ctx, actorOf(r), (r.params as Code).code);
    },
  );
  app.post(
    '/api/v1/zones/:code/task-force',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Form the zone task force',
        params: code,
        body: jsonSchema(TaskForceInput),
        response: created(TaskForceAnswer),
      },
    },
    async (r, reply) => {
      const taskForce = await formTaskForce(ctx, actorOf(r), (r.params as Code).code, r.body as TaskForceInput);
      reply.status(201);
      return { taskForce };
    },
  );
  app.get(
    '/api/v1/cadres',
    {
      config: { scope: 'city' },
      schema: { tags, summary: 'Cadres', querystring: jsonSchema(CadreQuery), response: ok(CadreList) },
    },
    async (r) => {
      const q = r.query;
      return { items: await cadres(ctx, actorOf(r), { rank: q.rank, free: q.free === 'true', q: q.q }) };
    },
  );
  app.get(
    '/api/v1/zones/:code/duties',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Duties of a zone', params: code, response: ok(DutyList) },
    },
    async (r) => ({
      items: await listDuties(ctx, actorOf(r), (r.params as Code).code),
    }),
  );
  app.post(
    '/api/v1/zones/:code/duties',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Add a duty', params: code, body: jsonSchema(DutyInput), response: created(DutyAnswer) },
    },
    async (r, reply) => {
      reply.status(201);
      return { duty: await addDuty(ctx, actorOf(r), (r.params as Code).code, r.body as DutyInput) };
    },
  );
  app.post(
    '/api/v1/duties/:id/close',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Close a duty',
        params: jsonSchema(DutyIdParams),
        body: jsonSchema(DutyCloseInput),
        response: ok(DutyAnswer),
      },
    },
    async (r) => ({
      duty: await closeDuty(ctx, actorOf(r), r.params.id, r.body.note),
    }),
  );
  app.get(
    '/api/v1/duties/overdue',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Overdue duties', querystring: jsonSchema(OverdueQuery), response: ok(DutyList) },
    },
    async (r) => ({
      items: await listOverdue(ctx, actorOf(r), r.query.district),
    }),
  );
}
