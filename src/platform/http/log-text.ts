// A person watching `npm start` in a terminal reads short lines, not pino's JSON: the server's
// start, the daily jobs' summaries, warnings and errors. The per-request lines (two for every
// answer, dozens a second once a browser is open) are left out unless the answer was a 5xx.
import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const SKIP = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res', 'responseTime']);
const MAX_VALUE = 160;

/** One pino JSON line as a readable line, or null when it is a request line to leave out. */
export function textLine(json: string): string | null {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const msg = String(o.msg ?? '');
  const status = (o.res as { statusCode?: number } | undefined)?.statusCode ?? 0;
  // 'answered' is the server's one line per answer (request-log.ts); the others are Fastify's own.
  const perRequest = msg === 'answered' || msg === 'request completed';
  if (msg === 'incoming request' || (perRequest && status < 500)) return null;
  const time = typeof o.time === 'number' ? new Date(o.time).toISOString().slice(11, 19) : '';
  const level = LEVELS[Number(o.level)] ?? String(o.level);
  const extra = Object.entries(o)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      return `${k}=${text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text}`;
    });
  const req = o.req as { method?: string; url?: string } | undefined;
  const where = req?.method ? ` ${req.method} ${req.url ?? ''} → ${status}` : '';
  return `${time} ${level.padEnd(5)} ${msg}${where}${extra.length ? `  ${extra.join(' ')}` : ''}`;
}

/** A stream for Fastify's logger that writes readable lines to `out` (stdout by default). */
export function textLogStream(out: NodeJS.WritableStream = process.stdout): Writable {
  let rest = '';
  return new Writable({
    write(chunk: Buffer | string, _enc, done) {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) {
        const text = l.trim() ? textLine(l) : null;
        if (text !== null) out.write(`${text}\n`);
      }
      done();
    },
  });
}
