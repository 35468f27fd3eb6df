import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifySchemaCompiler,
  FastifySerializerCompiler,
  FastifyTypeProvider,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { type ZodType, z } from 'zod';

// Route schemas are written once in zod: the JSON Schema form feeds OpenAPI, and the compiler
// below finds the zod original again to validate (and coerce) the request.
const originals = new WeakMap<object, ZodType>();

declare const zodOf: unique symbol;

/** A route schema in JSON Schema form that still names, for the type checker, the zod schema it came from. */
export type JsonSchemaOf<T extends ZodType> = Record<string, unknown> & { readonly [zodOf]?: T };

type ZodOf<S> = S extends { readonly [zodOf]?: infer T } ? (T extends ZodType ? T : never) : never;

/**
 * Types a route's request parts and answers from its zod schemas: `request.query` is what the
 * validator hands over, and a handler that returns something its response schema does not
 * describe fails to compile.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: [ZodOf<this['schema']>] extends [never] ? unknown : z.output<ZodOf<this['schema']>>;
  serializer: [ZodOf<this['schema']>] extends [never] ? unknown : z.output<ZodOf<this['schema']>>;
}

/** The Fastify instance route sets are written against. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Converts a zod schema to JSON Schema for a route, remembering the original for validation. */
export function jsonSchema<T extends ZodType>(schema: T): JsonSchemaOf<T> {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete js.$schema;
  originals.set(js, schema);
  return js;
}

/** One issue of a failed validation, as served in `details`. */
export interface Issue {
  path: string;
  message: string;
}

/** Carries zod issues to the error handler. */
export class ValidationError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '));
    this.issues = issues;
  }
}

/** Fastify validator compiler that runs the zod original of each route schema. */
export const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const original = originals.get(schema as object);
  if (!original) return () => true;
  return (data: unknown) => {
    const r = original.safeParse(data ?? (httpPart === 'body' ? undefined : {}));
    if (r.success) return { value: r.data };
    return { error: new ValidationError(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))) };
  };
};

// Response schemas: the zod original checks answers in tests (BANYAN_CHECK_RESPONSES=1).
const responseOriginals = new WeakMap<object, ZodType>();

/**
 * Converts a zod response schema to JSON Schema for the OpenAPI document. Objects are left open
 * (no `additionalProperties: false`): a field the server adds later must not break a generated client.
 */
export function responseSchema<T extends ZodType>(schema: T, description?: string): JsonSchemaOf<T> {
  const js = z.toJSONSchema(schema, {
    io: 'output',
    unrepresentable: 'any',
    override: (c) => {
      if (c.jsonSchema.additionalProperties === false) delete c.jsonSchema.additionalProperties;
    },
  }) as Record<string, unknown>;
  delete js.$schema;
  if (description) js.description = description;
  responseOriginals.set(js, schema);
  return js;
}

/** Remembers the zod original of a response schema built by hand (a shared `$ref`). */
export function checkResponseWith(js: object, schema: ZodType): void {
  responseOriginals.set(js, schema);
}

/** A 200 answer with a JSON body of this schema, for a route's `schema.response`. */
export function ok<T extends ZodType>(schema: T, description = 'OK'): { 200: JsonSchemaOf<T> } {
  return { 200: responseSchema(schema, description) };
}

/** A 201 answer with a JSON body of this schema, for a route's `schema.response`. */
export function created<T extends ZodType>(schema: T, description = 'Created'): { 201: JsonSchemaOf<T> } {
  return { 201: responseSchema(schema, description) };
}

/** A 200 answer that is a file of one of these content types (a download). */
export function file(description: string, ...contentTypes: string[]): { 200: Record<string, unknown> } {
  const content = Object.fromEntries(contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]));
  return { 200: { description, content } };
}

/** Where an answer departs from its schema: an issue, or fields the schema does not declare. */
export function responseDrift(schema: ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  if (!r.success) {
    return r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
      .join('; ');
  }
  const extra = undeclared(value, r.data, '');
  return extra.length ? `undeclared fields ${extra.slice(0, 5).join(', ')}` : null;
}

// zod drops keys its objects do not declare, so a key of the answer missing from the parse is undeclared.
function undeclared(raw: unknown, parsed: unknown, path: string): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed))
    return raw.flatMap((v, i) => undeclared(v, parsed[i], `${path}.${i}`));
  if (raw && parsed && typeof raw === 'object' && typeof parsed === 'object') {
    const p = parsed as Record<string, unknown>;
    return Object.entries(raw).flatMap(([k, v]) => (k in p ? undeclared(v, p[k], `${path}.${k}`) : [`${path}.${k}`]));
  }
  return [];
}

/**
 * Fastify serializer compiler that keeps `JSON.stringify` semantics (fast-json-stringify would drop
 * undeclared fields silently); with `check`, an answer that drifts from its schema fails loudly.
 */
export function zodSerializerCompiler(check: boolean): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url, httpStatus }) => {
    const original = check ? responseOriginals.get(schema as object) : undefined;
    if (!original) return (data) => JSON.stringify(data);
    return (data) => {
      const json = JSON.stringify(data);
      const drift = responseDrift(original, JSON.parse(json));
      if (drift) {
        const message = `response of ${method} ${url} (${httpStatus}) drifts from its schema: ${drift}`;
        console.error(message);
        throw new Error(message);
      }
      return json;
    };
  };
}

/** An answer without a body (204). */
export function noContent(description: string): { 204: Record<string, unknown> } {
  return { 204: { type: 'null', description } };
}
