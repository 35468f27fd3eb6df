import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, E } from '../errors.ts';
import { firstUnstorable, isStorableText } from '../storable-text.ts';

/** Deepest JSON nesting a body may have; the deepest body any route takes is about 4 levels. */
export const MAX_JSON_DEPTH = 64;

/**
 * True when the JSON text nests arrays/objects deeper than `max`, found by one pass over the text
 * before parsing: a deep body must never reach the recursive code after the parser (the
 * prototype-poisoning scan, zod, `String(body)`), where it ends in a stack overflow.
 */
export function jsonDeeperThan(text: string, max: number): boolean {
  // Fast path for the common small body (a scan's has one brace): with no more than `max` opening
  // brackets in all, nothing can nest deeper. indexOf is native; the walk below is not.
  let openings = 0;
  for (const ch of ['{', '['])
    for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) if (++openings > max) break;
  if (openings <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

function checkValues(where: string, values: Record<string, unknown> | undefined): void {
  if (!values) return;
  // for…in, not Object.entries: this runs on every request, the entrance check's included.
  for (const k in values) {
    const v = values[k];
    const bad =
      !isStorableText(k) ||
      (typeof v === 'string'
        ? !isStorableText(v)
        : Array.isArray(v) && v.some((x) => typeof x === 'string' && !isStorableText(x)));
    if (bad) throw new AppError(E.BAD_TEXT, { where: `${where} ${isStorableText(k) ? k : '(key)'}` });
  }
}

/** Refuses a request whose query, path or header values hold a string no database stores as written. */
export function checkRequestText(request: FastifyRequest): void {
  checkValues('query', request.query as Record<string, unknown> | undefined);
  checkValues('path', request.params as Record<string, unknown> | undefined);
  checkValues('header', request.headers as Record<string, unknown>);
}

/**
 * Every JSON body, query, path and header value the HTTP layer accepts is canonical before a
 * handler sees it: bodies deeper than MAX_JSON_DEPTH and strings with unpaired surrogates or NUL
 * are a 400 with a stable code, for every route, present and future.
 */
export function installInputGuards(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDeeperThan(text, MAX_JSON_DEPTH)) {
      done(new AppError(E.JSON_TOO_DEEP, { max: MAX_JSON_DEPTH }), undefined);
      return;
    }
    parseJson(request, text, (err: Error | null, value?: unknown) => {
      if (err) return done(err, undefined);
      const bad = firstUnstorable(value);
      if (bad !== null) return done(new AppError(E.BAD_TEXT, { where: `body ${bad || '(root)'}` }), undefined);
      done(null, value);
    });
  });
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      checkRequestText(request);
    } catch (e) {
      return done(e as Error);
    }
    done();
  });
}
