import type { Ctx } from '../platform/context.ts';
import { actorOf } from '../platform/http/session.ts';
import { uploadOf } from '../platform/http/upload.ts';
import { type Api, file, jsonSchema, ok } from '../platform/http/zod.ts';
import { powerWorkbook } from './economy.export.ts';
import {
  AccountParams,
  AccountQuery,
  FirmParams,
  PowerAccount,
  PowerFirm,
  PowerImportQuery,
  PowerImportResult,
  PowerOverview,
  PowerQuery,
  PowerSettingsBody,
  PowerSettingsView,
} from './economy.schema.ts';
import { importReadings } from './economy.service.ts';
import { firmView } from './firm.service.ts';
import { settingsView, updateSettings } from './settings.service.ts';
import { accountView, powerOverview } from './views.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// A month of 50,000 accounts is about 100 MB of CSV; the grid sends a day or a week at a time.
const IMPORT_LIMIT = 128 * 1024 * 1024;
const tags = ['economy'];

/** Industrial electricity: import, the screen's views, one account, the bureau's settings. */
export async function economyRoutes(app: Api, ctx: Ctx): Promise<void> {
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT },
    (_req, body, done) => done(null, body),
  );
  app.post(
    '/api/v1/imports/electricity',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Import daily readings per account (CSV/XLSX; all or nothing; idempotent by account and day)',
        querystring: jsonSchema(PowerImportQuery),
        response: ok(PowerImportResult),
      },
    },
    async (r) =>
      importReadings(ctx, actorOf(r), uploadOf(r), {
        dryRun: r.query.dryRun === 'true',
        confirmAbsurd: r.query.confirm === 'true',
      }),
  );
  app.get(
    '/api/v1/economy/power',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'Industrial electricity of a day: city against baseline, districts, industries, flags, curves',
        querystring: jsonSchema(PowerQuery),
        response: ok(PowerOverview),
      },
    },
    async (r) => powerOverview(ctx, actorOf(r), r.query),
  );
  app.get(
    '/api/v1/economy/power.xlsx',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'The electricity tables of a day as XLSX',
        querystring: jsonSchema(PowerQuery),
        response: file('The workbook', XLSX),
      },
    },
    async (r, reply) => {
      const o = await powerOverview(ctx, actorOf(r), r.query);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="electricity-${o.date ?? 'none'}.xlsx"`);
      return powerWorkbook(o);
    },
  );
  app.get(
    '/api/v1/economy/power/accounts/:account',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'One account: its curve against its baseline and its corrected values',
        params: jsonSchema(AccountParams),
        querystring: jsonSchema(AccountQuery),
        response: ok(PowerAccount),
      },
    },
    async (r) => accountView(ctx, actorOf(r), r.params.account, r.query.to),
  );
  app.get(
    '/api/v1/economy/firms/:code',
    {
      config: { scope: 'district' },
      schema: {
        tags,
        summary: 'A firm: its accounts against their baselines, its flags, whitelist reports and appeals',
        params: jsonSchema(FirmParams),
        querystring: jsonSchema(AccountQuery),
        response: ok(PowerFirm),
      },
    },
    async (r) => firmView(ctx, actorOf(r), r.params.code, r.query.to),
  );
  app.get(
    '/api/v1/economy/settings',
    {
      config: { scope: 'city' },
      schema: { tags, summary: 'Thresholds and the baseline window', response: ok(PowerSettingsView) },
    },
    async (r) => settingsView(ctx, actorOf(r)),
  );
  app.put(
    '/api/v1/economy/settings',
    {
      config: { scope: 'city' },
      schema: {
        tags,
        summary: 'Change thresholds or the baseline window (the baselines follow at once)',
        body: jsonSchema(PowerSettingsBody),
        response: ok(PowerSettingsView),
      },
    },
    async (r) => updateSettings(ctx, actorOf(r), r.body),
  );
}
