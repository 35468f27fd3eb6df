import { z } from 'zod';

/** Text in both UI languages. */
export const Messages = z.object({ 'zh-CN': z.string(), en: z.string() });

/** Every failure's body: a catalogued code with its message in the asked and in both languages. */
export const ApiError = z.object({
  error: z.object({
    code: z.string().describe('Stable code from the error catalogue (GET /api/v1/errors)'),
    message: z.string().describe('The message in the language of Accept-Language'),
    messages: Messages,
    details: z.unknown().optional().describe('Per-field issues or rows, when the code has them'),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/** GET /api/v1/clock: the business clock. */
export const Clock = z.object({ now: z.string(), shifted: z.boolean() });
export type Clock = z.infer<typeof Clock>;

/** GET /api/v1/errors: every catalogued code with its status and both messages. */
export const ErrorCatalogue = z.object({
  items: z.array(z.object({ code: z.string(), status: z.number().int(), 'zh-CN': z.string(), en: z.string() })),
});
export type ErrorCatalogue = z.infer<typeof ErrorCatalogue>;

/** GET /healthz. */
export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
});

/** One problem of a refused import, as listed in the IMPORT_INVALID error's `details`. */
export const ImportProblem = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: Messages,
});
export type ImportProblem = z.infer<typeof ImportProblem>;
