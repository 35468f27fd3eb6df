import type { FastifyRequest } from 'fastify';

const REDACTED = '[redacted]';

// A resident ID (18 characters, or the old 15 digits) or a mobile number, with or without +86,
// as a run of digits of its own: division codes (6–12 digits) and dates stay readable.
const PERSONAL = /(?<![0-9])(?:\d{17}[0-9Xx]|\d{15}|(?:\+?86)?1[3-9]\d{9})(?![0-9])/;

// Query keys whose values name places, pages and periods, never a person: every other value
// (free text like `q`, ids, anything a new route adds) is logged as [redacted] unless listed here.
const PLAIN_KEYS = new Set([
  'active',
  'category',
  'channel',
  'community',
  'date',
  'district',
  'dryRun',
  'entity',
  'escalated',
  'format',
  'free',
  'from',
  'kind',
  'lang',
  'level',
  'limit',
  'metric',
  'offset',
  'open',
  'overdue',
  'page',
  'pageSize',
  'parent',
  'rank',
  'round',
  'status',
  'street',
  'targetHours',
  'tier',
  'to',
  'version',
  'whitelisted',
  'within',
]);

function decoded(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** True when a piece of a URL, decoded or not, carries something shaped like a resident ID or a phone number. */
export function looksPersonal(s: string): boolean {
  return PERSONAL.test(s) || PERSONAL.test(decoded(s));
}

/**
 * A URL as the request log may show it: path segments that carry an ID or phone number, and every
 * query value except those of PLAIN_KEYS that carry neither, are replaced by [redacted].
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const safePath = path
    .split('/')
    .map((seg) => (looksPersonal(seg) ? REDACTED : seg))
    .join('/');
  if (q < 0) return safePath;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return looksPersonal(pair) ? REDACTED : pair;
      const key = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const plain = PLAIN_KEYS.has(decoded(key)) && !looksPersonal(value);
      return `${looksPersonal(key) ? REDACTED : key}=${plain || value === '' ? value : REDACTED}`;
    })
    .join('&');
  return `${safePath}?${query}`;
}

/** The request as the log shows it (Fastify's default fields), with personal data taken out of the URL. */
export function reqLogSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    version: String(request.headers?.['accept-version'] ?? '') || undefined,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
