import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { dayOf } from '../platform/dates.ts';
import { actorOf } from '../platform/http/session.ts';
import { jsonSchema } from '../platform/http/zod.ts';
import { addDuty, closeDuty, listDuties, listOverdue } from './duties.service.ts';
import { residentsRoutes } from './residents.routes.ts';
import { cadres, formTaskForce } from './taskforce.service.ts';
import { evaluateZones, getZone, listZones, zoneCounts } from './zones.query.ts';
import {
  DayDistrictQuery,
  DesignateInput,
  DutyInput,
  InfectionInput,
  RoundInput,
  TaskForceInput,
  TransitionInput,
  ZonesQuery,
} from './zones.schema.ts';
import { designateZone, recordInfection, recordRound, transitionZone } from './zones.service.ts';

const CodeParams = z.object({ code: z.string().min(1).max(32) });
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const CadreQuery = z.object({
  rank: z.enum(['clerk', 'section', 'division', 'bureau']).optional(),
  free: z.enum(['true', 'false']).optional(),
  q: z.string().max(40).optional(),
});
type DD = z.infer<typeof DayDistrictQuery>;
type Code = { code: string };
const todayIfMissing = (d?: string) => d ?? dayOf(nowIso());

/** Zones, their lift evaluation and counts, task forces, cadres and duties. */
export async function zonesRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  const tags = ['zones'];
  const code = jsonSchema(CodeParams);
  await app.register(async (scoped) => residentsRoutes(scoped, ctx));
  app.get(
    '/api/v1/zones',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Zones as of a day', querystring: jsonSchema(ZonesQuery) },
    },
    async (r) => listZones(ctx, actorOf(r), r.query as ZonesQuery),
  );
  app.get(
    '/api/v1/zones/evaluation',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Lift/downgrade recommendations of a day', querystring: jsonSchema(DayDistrictQuery) },
    },
    async (r) => {
      const q = r.query as DD;
      return evaluateZones(ctx, actorOf(r), todayIfMissing(q.date), q.district);
    },
  );
  app.get(
    '/api/v1/zones/counts',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Zone and cadre counts of a day', querystring: jsonSchema(DayDistrictQuery) },
    },
    async (r) => {
      const q = r.query as DD;
      return zoneCounts(ctx, actorOf(r), todayIfMissing(q.date), q.district);
    },
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
      },
    },
    async (r) => getZone(ctx, actorOf(r), (r.params as Code).code, todayIfMissing((r.query as DD).date)),
  );
  app.post(
    '/api/v1/zones',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Designate a zone by notice', body: jsonSchema(DesignateInput) },
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
      schema: { tags, summary: 'Record a new infection', params: code, body: jsonSchema(InfectionInput) },
    },
    async (r) => {
      const b = r.body as z.infer<typeof InfectionInput>;
      await recordInfection(ctx, actorOf(r), (r.params as Code).code, b.day, b.caseNo);
      return getZone(ctx, actorOf(r), (r.params as Code).code);
    },
  );
  app.post(
    '/api/v1/zones/:code/rounds',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Record a full testing round', params: code, body: jsonSchema(RoundInput) },
    },
    async (r) => {
      const b = r.body as z.infer<typeof RoundInput>;
      await recordRound(ctx, actorOf(r), (r.params as Code).code, b.day, b.tested, b.positives);
      return getZone(ctx, actorOf(r), (r.params as Code).code);
    },
  );
  app.post(
    '/api/v1/zones/:code/task-force',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Form the zone task force', params: code, body: jsonSchema(TaskForceInput) },
    },
    async (r, reply) => {
      const taskForce = await formTaskForce(ctx, actorOf(r), (r.params as Code).code, r.body as TaskForceInput);
      reply.status(201);
      return { taskForce };
    },
  );
  app.get(
    '/api/v1/cadres',
    { config: { scope: 'city' }, schema: { tags, summary: 'Cadres', querystring: jsonSchema(CadreQuery) } },
    async (r) => {
      const q = r.query as z.infer<typeof CadreQuery>;
      return { items: await cadres(ctx, actorOf(r), { rank: q.rank, free: q.free === 'true', q: q.q }) };
    },
  );
  app.get(
    '/api/v1/zones/:code/duties',
    { config: { scope: 'district' }, schema: { tags, summary: 'Duties of a zone', params: code } },
    async (r) => ({
      items: await listDuties(ctx, actorOf(r), (r.params as Code).code),
    }),
  );
  app.post(
    '/api/v1/zones/:code/duties',
    {
      config: { scope: 'district' },
      schema: { tags, summary: 'Add a duty', params: code, body: jsonSchema(DutyInput) },
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
        params: jsonSchema(IdParams),
        body: jsonSchema(z.object({ note: z.string().trim().min(1).max(500) })),
      },
    },
    async (r) => ({
      duty: await closeDuty(ctx, actorOf(r), (r.params as { id: number }).id, (r.body as { note: string }).note),
    }),
  );
  app.get(
    '/api/v1/duties/overdue',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Overdue duties',
        querystring: jsonSchema(
          z.object({
            district: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
          }),
        ),
      },
    },
    async (r) => ({
      items: await listOverdue(ctx, actorOf(r), (r.query as { district?: string }).district),
    }),
  );
}
