// One fuzz request for one route: valid (to reach the handler and the service behind it), valid
// with exactly one part broken (path, query, body or a header), or broken everywhere at once.
import { type FuzzRng, nastyString } from '../helpers/fuzz.ts';
import { brokenValue, deepJsonText, fromSchema, mutatedBody, ODD_VALUES, oddFile, type Schema } from './fuzz.gen.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A route as the OpenAPI document describes it. */
export interface Operation {
  method: string;
  path: string;
  params: Array<{ in: string; name: string; schema?: Schema }>;
  body?: Schema;
}

/** How much of a request is broken. */
export type Mode = 'valid' | 'mutate' | 'chaos';

/** What a request is built from besides the route: real values by parameter name, and any real value. */
export interface Values {
  /** Real values for a path parameter of this route (from the collection it belongs to), maybe none. */
  pathValues(op: Operation, name: string): string[];
  /** Every real value seen, for patterns to choose from. */
  pool: string[];
}

/** A request ready for inject(). */
export interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Percent-encodes anything; lone surrogates (which encodeURIComponent refuses) become bytes no decoder accepts. */
export function pct(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^%\w.-]/g, (c) => encodeURIComponent(c));
  }
}

const hasBody = (op: Operation) => op.method !== 'GET' && op.method !== 'DELETE';
// An upload route takes a file, not JSON: its document has no JSON body.
const isUpload = (op: Operation) => hasBody(op) && !op.body && /imports|residents/.test(op.path);

function brokenText(rng: FuzzRng): string {
  return rng.chance(0.5) ? nastyString(rng) : String(JSON.stringify(brokenValue(rng)) ?? '').slice(0, 3000);
}

function brokenBody(rng: FuzzRng, op: Operation, values: Values): { type: string; payload: string | Buffer } {
  switch (rng.int(6)) {
    case 0:
      return { type: 'application/json', payload: deepJsonText(rng.pick([20_000, 65, 64]), rng.chance(0.5)) };
    case 1:
      return {
        type: 'application/json',
        payload: rng.pick([
          '{"a":',
          '',
          '\ufeff{}',
          '{"a":"\\ud800"}',
          '{"a":"\\u0000"}',
          '{"__proto__":{"x":1}}',
          'null',
          '"x"',
        ]),
      };
    case 2:
      return { type: rng.pick(['text/csv', XLSX, 'application/octet-stream']), payload: oddFile(rng) };
    case 3:
      return {
        type: rng.pick([
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'application/x-www-form-urlencoded',
        ]),
        payload: rng.pick(['a=1&b=2', '--x\r\n\r\n--x--', '<a/>', nastyString(rng)]),
      };
    case 4:
      return { type: 'application/json', payload: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) };
    default:
      return { type: 'application/json', payload: JSON.stringify(mutatedBody(rng, op.body, values.pool)) ?? 'null' };
  }
}

/** Builds one request; `cookie` is the identity's session (none for anonymous). */
export function buildRequest(rng: FuzzRng, op: Operation, mode: Mode, values: Values, cookie?: string): FuzzRequest {
  const broken = new Set<string>();
  if (mode === 'mutate') {
    const parts = ['header'];
    if (op.path.includes('{')) parts.push('path');
    if (op.params.some((p) => p.in === 'query')) parts.push('query', 'query');
    if (hasBody(op)) parts.push('body', 'body');
    broken.add(rng.pick(parts));
  } else if (mode === 'chaos') for (const p of ['path', 'query', 'body', 'header']) if (rng.chance(0.6)) broken.add(p);

  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (broken.has('path')) return rng.chance(0.7) ? pct(brokenText(rng).slice(0, 300)) : rng.pick(ODD_VALUES);
    const real = values.pathValues(op, name);
    return encodeURIComponent(real.length ? rng.pick(real) : '1');
  });
  const query: string[] = [];
  const queryParams = op.params.filter((x) => x.in === 'query');
  const victim = broken.has('query') ? rng.pick(queryParams) : undefined;
  for (const p of queryParams) {
    if (p === victim || (mode === 'chaos' && broken.has('query') && rng.chance(0.5))) {
      query.push(`${p.name}=${rng.chance(0.2) ? rng.pick(ODD_VALUES) : pct(brokenText(rng))}`);
      if (rng.chance(0.2)) query.push(`${p.name}=${pct(nastyString(rng))}`);
    } else if (rng.chance(0.5)) {
      const v = fromSchema(rng, p.schema, values.pool);
      query.push(`${p.name}=${pct(typeof v === 'string' ? v : String(JSON.stringify(v)))}`);
    }
  }
  if (broken.has('query') && rng.chance(0.2)) query.push(`${pct(nastyString(rng, 20))}=1`);

  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (broken.has('header')) {
    const h = rng.int(4);
    if (h === 0) headers['x-filename'] = rng.chance(0.5) ? '%E4%B8' : pct(nastyString(rng));
    else if (h === 1) headers['idempotency-key'] = pct(nastyString(rng, 40)).slice(0, 300);
    else if (h === 2) headers['accept-language'] = rng.pick(['en', 'fr', '*', 'en;q=x', '%00', 'x'.repeat(5000)]);
    else headers.cookie = `banyan_session=${pct(nastyString(rng, 20))}`;
  } else if (isUpload(op)) headers['x-filename'] = pct(rng.pick(['名单.csv', 'list.xlsx', 'upload']));

  let payload: string | Buffer | undefined;
  if (hasBody(op)) {
    let body: { type: string; payload: string | Buffer };
    if (broken.has('body')) body = brokenBody(rng, op, values);
    else if (isUpload(op)) body = { type: rng.pick(['text/csv', XLSX]), payload: oddFile(rng) };
    else body = { type: 'application/json', payload: JSON.stringify(fromSchema(rng, op.body, values.pool)) ?? '{}' };
    headers['content-type'] = body.type;
    payload = body.payload;
  }
  return { url: query.length ? `${url}?${query.join('&')}` : url, headers, payload };
}
