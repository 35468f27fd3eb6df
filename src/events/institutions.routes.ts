import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { type Api, created, jsonSchema, ok, responseSchema } from '../platform/http/zod.ts';
import { importRoster } from './institutions.import.ts';
import {
  InstitutionDayQuery,
  InstitutionList,
  InstitutionParams,
  InstitutionRoster,
  LeaveAnswer,
  LeaveDecision,
  LeaveInput,
  LeaveParams,
  RosterImportQuery,
  RosterImportResult,
} from './institutions.schema.ts';
import { decideLoopLeave, institutionRoster, institutions, requestLeave } from './institutions.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['events'];

/**
 * Closed-loop institutions: rosters and rotations (imported), the daily test check against the
 * roster, and leaving the loop with the district's approval.
 */
export async function institutionRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 8 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.get(
    '/api/v1/institutions',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'Closed-loop institutions with staff on shift and those missing a test on a day',
        querystring: jsonSchema(InstitutionDayQuery),
        response: ok(InstitutionList),
      },
    },
    async (r) => institutions(ctx, actorOf(r), r.query.date),
  );
  app.get(
    '/api/v1/institutions/:code',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'An institution’s roster checked against the day’s tests, and its leave requests (masked)',
        params: jsonSchema(InstitutionParams),
        querystring: jsonSchema(InstitutionDayQuery),
        response: ok(InstitutionRoster),
      },
    },
    async (r) => institutionRoster(ctx, actorOf(r), r.params.code, r.query.date),
  );
  app.post(
    '/api/v1/institutions/roster',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Record staff rotations from a CSV/XLSX sheet (all or nothing, row-numbered errors, idempotent)',
        querystring: jsonSchema(RosterImportQuery),
        response: {
          200: responseSchema(RosterImportResult, 'Nothing changed, or a dry run'),
          201: responseSchema(RosterImportResult, 'Recorded'),
        },
      },
    },
    async (r, reply) => {
      const { buf, filename } = uploadOf(r);
      const out = await importRoster(ctx, actorOf(r), buf, { dryRun: r.query.dryRun === 'true', filename });
      reply.status(!out.dryRun && out.shiftsAdded + out.shiftsUpdated > 0 ? 201 : 200);
      return out;
    },
  );
  app.post(
    '/api/v1/institutions/:code/leaves',
    {
      config: { scope: 'venue' },
      schema: {
        tags,
        summary: 'Ask the district to let a staff member leave the loop',
        params: jsonSchema(InstitutionParams),
        body: jsonSchema(LeaveInput),
        response: created(LeaveAnswer),
      },
    },
    async (r, reply) => {
      reply.status(201);
      return { leave: await requestLeave(ctx, actorOf(r), r.params.code, r.body) };
    },
  );
  app.post(
    '/api/v1/institutions/leaves/:id/decision',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'A district officer approves or refuses a leave from the loop (approval ends the rotation)',
        params: jsonSchema(LeaveParams),
        body: jsonSchema(LeaveDecision),
        response: ok(LeaveAnswer),
      },
    },
    async (r) => ({ leave: await decideLoopLeave(ctx, actorOf(r), r.params.id, r.body) }),
  );
}
