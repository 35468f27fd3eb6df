import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './http.schema.ts';
import { checkResponseWith, responseSchema, zodSerializerCompiler } from './zod.ts';

// OpenAPI 3.1 because its Schema Objects are JSON Schema 2020-12, which is what z.toJSONSchema writes:
// tuples (prefixItems), numeric exclusiveMinimum and `type: [x, 'null']` go into the document as
// they are, instead of through a lossy 3.0 rewrite.
export const OPENAPI_VERSION = '3.1.0';
const ERROR_ID = 'ApiError';

function errorRef(description: string, headers?: Record<string, unknown>): Record<string, unknown> {
  const ref = { $ref: `${ERROR_ID}#`, description, ...(headers ? { headers } : {}) };
  checkResponseWith(ref, ApiError);
  return ref;
}

/**
 * The API document and its answers: responses serialize as JSON.stringify does (checked against
 * their schemas when `checkResponses`), and every route gets the error catalogue's answers, so no
 * route can forget them. Call before any route is added.
 */
export async function installOpenApi(
  app: FastifyInstance,
  opts: { version: string; checkResponses: boolean },
): Promise<void> {
  app.setSerializerCompiler(zodSerializerCompiler(opts.checkResponses));
  app.addSchema({ $id: ERROR_ID, ...responseSchema(ApiError) });
  app.addHook('onRoute', (route) => {
    const response: Record<string, unknown> = { ...(route.schema?.response as object | undefined) };
    response['4xx'] ??= errorRef('Refused: bad input, not signed in, not allowed, not found or conflicting');
    response['5xx'] ??= errorRef('Internal error, logged under the request id in the message');
    if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit) {
      response['429'] ??= errorRef('Too many requests (RATE_LIMITED)', {
        'retry-after': { type: 'integer', description: 'Seconds to wait before retrying' },
      });
    }
    route.schema = { ...route.schema, response };
  });
  await app.register(swagger, {
    openapi: {
      openapi: OPENAPI_VERSION,
      info: { title: 'Banyan API', version: opts.version, description: 'Outbreak command-centre operations platform' },
    },
    // Shared schemas keep their $id as their name under components/schemas.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string | undefined) ?? `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
}
