import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { type Api, file, jsonSchema, ok } from '../platform/http/zod.ts';
import { figuresWorkbook, templateCsv, templateXlsx } from './cases.export.ts';
import { casesOf, districtsOf, figuresOf, latestFiguresDay, seriesOf } from './cases.figures.ts';
import {
  CasePage,
  CasesQuery,
  DayFigures,
  DistrictFigures,
  DistrictsQuery,
  FigureSeries,
  FiguresQuery,
  ImportQuery,
  ImportResult,
  LatestFigures,
  SeriesQuery,
} from './cases.schema.ts';
import { importCases } from './cases.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT_LIMIT = 64 * 1024 * 1024; // a 200,000-row line list is about 30 MB of CSV

/** Figures, case records, line-list import and the Excel export. */
export async function casesRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/v1/figures',
    {
      config: { scope: 'district' },
      schema: {
        tags: ['cases'],
        summary: 'Figures of a day',
        querystring: jsonSchema(FiguresQuery),
        response: ok(DayFigures),
      },
    },
    async (request) => {
      const q = request.query;
      return figuresOf(ctx, actorOf(request), q.date, q.district);
    },
  );

  app.get(
    '/api/v1/figures/latest',
    {
      config: { scope: 'district' },
      schema: { tags: ['cases'], summary: 'The latest day with figures', response: ok(LatestFigures) },
    },
    async (request) => ({
      date: await latestFiguresDay(ctx, actorOf(request)),
    }),
  );

  app.get(
    '/api/v1/figures/series',
    {
      config: { scope: 'district' },
      schema: {
        tags: ['cases'],
        summary: 'Figures per day over a range',
        querystring: jsonSchema(SeriesQuery),
        response: ok(FigureSeries),
      },
    },
    async (request) => {
      const q = request.query;
      return seriesOf(ctx, actorOf(request), q.from, q.to, q.district);
    },
  );

  app.get(
    '/api/v1/figures/districts',
    {
      config: { scope: 'district' },
      schema: {
        tags: ['cases'],
        summary: 'Figures of a day by district',
        querystring: jsonSchema(DistrictsQuery),
        response: ok(DistrictFigures),
      },
    },
    async (request) => districtsOf(ctx, actorOf(request), request.query.date),
  );

  app.get(
    '/api/v1/figures/export.xlsx',
    {
      config: { scope: 'district' },
      schema: {
        tags: ['cases'],
        summary: 'Figures per day as an Excel workbook',
        querystring: jsonSchema(SeriesQuery),
        response: file('The workbook', XLSX),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = request.query;
      const main = await seriesOf(ctx, actor, q.from, q.to, q.district);
      const sheets = [{ name: main.jurisdiction.name, days: main.days }];
      // For the city, one more sheet per district so nobody retypes the table by hand.
      if (!q.district && actor.scope.kind === 'city') {
        // The districts only name the sheets: those of the range's last day up to the business today.
        const { districts } = await districtsOf(ctx, actor, main.days.at(-1)?.date ?? q.from);
        for (const d of districts)
          sheets.push({ name: d.name, days: (await seriesOf(ctx, actor, q.from, q.to, d.code)).days });
      }
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="figures-${q.from}-${q.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(`疫情数据-${main.jurisdiction.name}-${q.from}-${q.to}.xlsx`)}`,
        );
      return figuresWorkbook(sheets);
    },
  );

  app.get(
    '/api/v1/cases',
    {
      config: { scope: 'district' },
      schema: {
        tags: ['cases'],
        summary: 'Case records (masked), or those behind a figure',
        querystring: jsonSchema(CasesQuery),
        response: ok(CasePage),
      },
    },
    async (request) => casesOf(ctx, actorOf(request), request.query as CasesQuery),
  );

  app.post(
    '/api/v1/imports/cases',
    {
      config: { scope: 'district' },
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags: ['cases'],
        summary: 'Import a CSV/XLSX line list (all or nothing)',
        querystring: jsonSchema(ImportQuery),
        response: ok(ImportResult),
      },
    },
    async (request) => {
      return importCases(ctx, actorOf(request), uploadOf(request), {
        dryRun: (request.query as { dryRun: string }).dryRun === 'true',
      });
    },
  );

  app.get(
    '/api/v1/imports/cases/template.csv',
    {
      config: { scope: 'public' },
      schema: { tags: ['cases'], summary: 'Line-list template (CSV)', response: file('The template', 'text/csv') },
    },
    async (request, reply) => {
      requirePermission(actorOf(request), 'cases:write');
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="cases-template.csv"');
      return templateCsv();
    },
  );

  app.get(
    '/api/v1/imports/cases/template.xlsx',
    {
      config: { scope: 'public' },
      schema: { tags: ['cases'], summary: 'Line-list template (XLSX)', response: file('The template', XLSX) },
    },
    async (request, reply) => {
      requirePermission(actorOf(request), 'cases:write');
      reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="cases-template.xlsx"');
      return templateXlsx();
    },
  );
}
