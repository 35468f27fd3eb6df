import type { FastifySchemaCompiler } from 'fastify';
import { type ZodType, z } from 'zod';

// Route schemas are written once in zod: the JSON Schema form feeds OpenAPI, and the compiler
// below finds the zod original again to validate (and coerce) the request.
const originals = new WeakMap<object, ZodType>();

/** Converts a zod schema to JSON Schema for a route, remembering the original for validation. */
export function jsonSchema(schema: ZodType): Record<string, unknown> {
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
