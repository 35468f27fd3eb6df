import type { FastifyReply } from 'fastify';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { type Api, file, jsonSchema, ok } from '../platform/http/zod.ts';
import { AppealVolume, EnterpriseOverview, LiaisonDesk, WhitelistBreakdown } from './answers.schema.ts';
import { localDay } from './appeals.rules.ts';
import { CreditCodeParams, DashboardQuery, DayQuery, EnterprisesQuery } from './appeals.schema.ts';
import { exportBoard, exportEnterprises, exportLiaison } from './registry.export.ts';
import { appealVolume, enterpriseOverview, liaisonDesk, whitelistBreakdown } from './registry.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const today = () => localDay(nowIso());

function xlsx(reply: FastifyReply, ascii: string, zh: string, buf: Buffer) {
  reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(zh)}`);
  return buf;
}

/** The screens' extra reads: enterprise page, registry and board exports, liaison desk, daily volume by channel. */
export async function enterprisesRoutes(app: Api, ctx: Ctx): Promise<void> {
  const tags = ['appeals'];
  app.get(
    '/api/v1/enterprises/export.xlsx',
    {
      config: { scope: 'enterprise' },
      schema: {
        tags,
        summary: 'The filtered registry as XLSX',
        querystring: jsonSchema(EnterprisesQuery),
        response: file('The workbook', XLSX),
      },
    },
    async (r, reply) => {
      const buf = await exportEnterprises(ctx, actorOf(r), r.query);
      return xlsx(reply, 'enterprises.xlsx', `企业名录-${today()}.xlsx`, buf);
    },
  );
  app.get(
    '/api/v1/enterprises/:code/overview',
    {
      config: { scope: 'enterprise' },
      schema: {
        tags,
        summary: 'One enterprise with recent appeals, last daily reports and open liaison tasks',
        params: jsonSchema(CreditCodeParams),
        response: ok(EnterpriseOverview),
      },
    },
    async (r) => enterpriseOverview(ctx, actorOf(r), r.params.code),
  );
  app.get(
    '/api/v1/appeals/dashboard/volume',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Appeals per day and channel',
        querystring: jsonSchema(DashboardQuery),
        response: ok(AppealVolume),
      },
    },
    async (r) => appealVolume(ctx, actorOf(r), r.query),
  );
  app.get(
    '/api/v1/whitelist/breakdown',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Whitelist board by tier and district, troubled and missing (default: latest reported day)',
        querystring: jsonSchema(DayQuery),
        response: ok(WhitelistBreakdown),
      },
    },
    async (r) => whitelistBreakdown(ctx, actorOf(r), r.query.date),
  );
  app.get(
    '/api/v1/whitelist/board.xlsx',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Whitelist board of a day as XLSX',
        querystring: jsonSchema(DayQuery),
        response: file('The workbook', XLSX),
      },
    },
    async (r, reply) => {
      const day = r.query.date ?? today();
      return xlsx(reply, 'whitelist.xlsx', `白名单企业状态-${day}.xlsx`, await exportBoard(ctx, actorOf(r), day));
    },
  );
  app.get(
    '/api/v1/liaison/desk',
    {
      config: { scope: 'enterprise' },
      schema: {
        tags,
        summary: 'The liaison’s enterprises with the day’s report status, tasks and overdue appeals',
        querystring: jsonSchema(DayQuery),
        response: ok(LiaisonDesk),
      },
    },
    async (r) => liaisonDesk(ctx, actorOf(r), r.query.date),
  );
  app.get(
    '/api/v1/liaison/export.xlsx',
    {
      config: { scope: 'enterprise' },
      schema: {
        tags,
        summary: 'The liaison’s enterprises as XLSX',
        querystring: jsonSchema(DayQuery),
        response: file('The workbook', XLSX),
      },
    },
    async (r, reply) => {
      const day = r.query.date ?? today();
      return xlsx(reply, 'liaison.xlsx', `挂钩企业-${day}.xlsx`, await exportLiaison(ctx, actorOf(r), day));
    },
  );
}
