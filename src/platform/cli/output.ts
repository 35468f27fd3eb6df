import { AppError } from '../errors.ts';

/** Prints data as JSON or as an aligned table of rows. */
export function print(data: unknown, json: boolean, rows?: Array<Record<string, unknown>>): void {
  if (json || !rows) {
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const cols = Object.keys(rows[0] as object);
  const width = (s: string) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1), 0);
  const widths = cols.map((c) => Math.max(width(c), ...rows.map((r) => width(String(r[c] ?? '')))));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v + ' '.repeat((widths[i] as number) - width(v)))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${[line(cols), ...rows.map((r) => line(cols.map((c) => String(r[c] ?? ''))))].join('\n')}\n`);
}

/** Runs a command body; failures go to stderr in both languages and exit non-zero. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      if (e instanceof AppError) {
        process.stderr.write(`banyan: ${e.code}: ${e.messageIn('zh-CN')} / ${e.messageIn('en')}\n`);
        if (e.details) process.stderr.write(`${JSON.stringify(e.details, null, 2)}\n`);
      } else {
        process.stderr.write(`banyan: ${e instanceof Error ? e.message : String(e)}\n`);
      }
      process.exitCode = 1;
    }
  };
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Seeding progress, phase by phase: a counted phase (total > 1) as a bar on a terminal or a line
 * every 10 % otherwise (logs in CI stay short); every phase ends with one line saying how long it
 * took. A phase starts at its first report, so report `(phase, 0, total)` when it begins.
 */
export function progressBar(stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr, clock = Date.now) {
  // Each phase keeps its own decile: phases nest (the venues inside the testing days), and a shared
  // one swallowed every phase after the first that reached 100 %.
  const phases = new Map<string, { started: number; decile: number; ended: boolean }>();
  return (phase: string, done: number, total: number) => {
    let p = phases.get(phase);
    if (!p) {
      p = { started: clock(), decile: -1, ended: false };
      phases.set(phase, p);
    }
    if (p.ended) return;
    const frac = total <= 0 ? 1 : Math.min(1, done / total);
    const finished = done >= total;
    const took = () => `${((clock() - p.started) / 1000).toFixed(1)} s`;
    // A long phase (the city's 8.4 M residents) says its rate and what is left, so a person can tell
    // a slow run from a stuck one.
    const pace = () => {
      const s = (clock() - p.started) / 1000;
      if (!done || s <= 0) return '';
      const left = ((total - done) * s) / done;
      return `, ${count(Math.round(done / s))}/s, about ${left < 90 ? `${Math.round(left)} s` : `${Math.round(left / 60)} min`} left`;
    };
    if (total > 1) {
      if (stream.isTTY) {
        const w = 30;
        const filled = Math.round(frac * w);
        stream.write(
          // Erased before redrawn: the line with its rate is longer than the last one.
          `\r\x1b[K${phase} [${'#'.repeat(filled)}${'.'.repeat(w - filled)}] ${count(done)}/${count(total)} ${Math.floor(frac * 100)}%${finished ? '' : pace()}`,
        );
        if (finished) stream.write(` in ${took()}\n`);
      } else {
        const decile = Math.floor(frac * 10);
        if (decile !== p.decile) {
          p.decile = decile;
          stream.write(
            `${phase}: ${count(done)}/${count(total)} (${decile * 10}%)${finished ? ` in ${took()}` : pace()}\n`,
          );
        }
      }
    } else if (finished) {
      stream.write(`${phase}: done in ${took()}\n`);
    }
    if (finished) p.ended = true;
  };
}
