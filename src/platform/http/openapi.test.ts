import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import Fastify from 'fastify';
import { z } from 'zod';
import { testApp } from '../../../test/helpers/app.ts';
import { responseDrift, responseSchema, zodSerializerCompiler } from './zod.ts';

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every operation of the document as [`METHOD path`, operation]. */
function operations(doc: Json): Array<[string, Json]> {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => [`${m.toUpperCase()} ${path}`, item[m] as Json] as [string, Json]),
  );
}

/** Every Schema Object of an operation: parameters, request bodies and responses. */
function schemasOf(op: Json): Json[] {
  const params = ((op.parameters as Json[] | undefined) ?? []).map((p) => p.schema as Json);
  const media = (c: unknown) =>
    Object.values((c as Record<string, Json> | undefined) ?? {}).map((m) => m.schema as Json);
  const body = media((op.requestBody as Json | undefined)?.content);
  const responses = Object.values(op.responses as Record<string, Json>).flatMap((r) => media(r.content));
  return [...params, ...body, ...responses].filter(Boolean);
}

// OpenAPI 3.1's Schema Objects are JSON Schema 2020-12 plus a few annotations of its own, and its
// format registry names formats JSON Schema does not: compiling each schema strictly fails on any
// keyword of another draft (a boolean exclusiveMinimum, 3.0's nullable, an array-valued items).
function strictAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  ajv.removeKeyword('nullable');
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  for (const f of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) ajv.addFormat(f, true);
  return ajv;
}

describe('the OpenAPI document', async () => {
  const t = await testApp('sqlite');
  after(() => t.close());
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  const doc = res.json() as Json;

  test('is valid against the OpenAPI schema of the version it declares', async () => {
    assert.equal(res.statusCode, 200);
    const validator = new Validator({ allErrors: true });
    const result = await validator.validate(structuredClone(doc));
    assert.deepEqual(result.errors ?? [], [], String(JSON.stringify(result.errors)).slice(0, 2000));
    assert.equal(result.valid, true);
    assert.equal(validator.version, '3.1');
    assert.equal(doc.openapi, '3.1.0');
  });

  test('every Schema Object is strict JSON Schema 2020-12', () => {
    const ajv = strictAjv();
    const problems: string[] = [];
    const check = (where: string, schema: Json) => {
      if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/components/')) return;
      try {
        ajv.compile(schema);
      } catch (err) {
        problems.push(`${where}: ${(err as Error).message}`);
      }
    };
    for (const [name, schema] of Object.entries((doc.components as Json).schemas as Record<string, Json>)) {
      check(`components.schemas.${name}`, schema);
    }
    for (const [where, op] of operations(doc)) for (const s of schemasOf(op)) check(where, s);
    assert.deepEqual(problems, []);
  });

  test('every operation declares its success answer with a schema', () => {
    const missing: string[] = [];
    for (const [where, op] of operations(doc)) {
      const responses = op.responses as Record<string, Json>;
      const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
      const described = success.some(
        ([status, r]) =>
          status === '204' ||
          Object.values((r.content as Record<string, Json> | undefined) ?? {}).some(
            (m) => m.schema && Object.keys(m.schema as Json).length > 0,
          ),
      );
      if (!described) missing.push(where);
    }
    assert.deepEqual(missing, []);
  });

  test('every operation answers its errors with the error catalogue shape', () => {
    const ops = operations(doc);
    assert.ok(ops.length > 100, `${ops.length} operations`);
    const ref = { $ref: '#/components/schemas/ApiError' };
    for (const [where, op] of ops) {
      const responses = op.responses as Record<string, Json>;
      for (const status of ['4XX', '5XX']) {
        assert.deepEqual(
          (responses[status]?.content as Json)?.['application/json'],
          { schema: ref },
          `${where} ${status}`,
        );
      }
    }
    const error = ((doc.components as Json).schemas as Record<string, Json>).ApiError as Json;
    assert.deepEqual(((error.properties as Json).error as Json).required, ['code', 'message', 'messages']);
    const login = operations(doc).find(([w]) => w === 'POST /api/v1/sessions')?.[1] as Json;
    const limited = (login.responses as Record<string, Json>)['429'] as Json;
    assert.deepEqual((limited.content as Json)['application/json'], { schema: ref });
    assert.ok((limited.headers as Json)['retry-after']);
  });
});

test('route files declare no schemas of their own: requests and answers live in the modules’ *.schema.ts', () => {
  const root = new URL('../../', import.meta.url).pathname;
  const inline = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.routes.ts'))
    .filter((f) => /\bz\.[a-z]+\(/.test(readFileSync(join(root, f), 'utf8')));
  assert.deepEqual(inline, []);
});

describe('response checks', () => {
  const Shape = z.object({
    id: z.number().int(),
    tags: z.array(z.object({ name: z.string() })),
    note: z.string().nullable(),
  });

  test('an answer that matches its schema passes; a missing, mistyped or undeclared field is named', () => {
    assert.equal(responseDrift(Shape, { id: 1, tags: [{ name: 'a' }], note: null }), null);
    assert.match(responseDrift(Shape, { id: 1, tags: [] }) ?? '', /note/);
    assert.match(responseDrift(Shape, { id: '1', tags: [], note: null }) ?? '', /^id:/);
    assert.equal(
      responseDrift(Shape, { id: 1, tags: [{ name: 'a', colour: 'red' }], note: null, extra: 2 }),
      'undeclared fields .tags.0.colour, .extra',
    );
  });

  test('with checks on, a drifting answer fails the request; without, it is sent as JSON.stringify writes it', async () => {
    for (const check of [true, false]) {
      const app = Fastify();
      app.setSerializerCompiler(zodSerializerCompiler(check));
      app.get('/x', { schema: { response: { 200: responseSchema(Shape) } } }, async () => ({
        id: 1,
        tags: [],
        note: null,
        extra: 2,
      }));
      const original = console.error;
      console.error = () => {};
      const r = await app.inject({ method: 'GET', url: '/x' });
      console.error = original;
      if (check) assert.equal(r.statusCode, 500);
      else assert.deepEqual(r.json(), { id: 1, tags: [], note: null, extra: 2 });
      await app.close();
    }
  });
});
