/** Drives `concurrency` keep-alive request loops at a URL for `seconds`; returns requests/s and latency percentiles. */
export async function load(
  url: string,
  opts: { seconds: number; concurrency: number; headers?: Record<string, string> },
) {
  const deadline = performance.now() + opts.seconds * 1000;
  const lat: number[] = [];
  let errors = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const r = await fetch(url, { headers: opts.headers });
      await r.arrayBuffer();
      if (!r.ok) errors++;
      lat.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  const pct = (p: number) => Number((lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? 0).toFixed(2));
  return { requests: lat.length, rps: Math.round(lat.length / elapsed), p50ms: pct(0.5), p99ms: pct(0.99), errors };
}

/** What bench/scan-worker.ts prints for a run. */
export interface ScanLoad {
  requests: number;
  ok: number;
  non2xx: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  clientCpuUsPerRequest: number;
}

/**
 * Runs a bench worker script (beside this file) in a child process with its arguments as JSON and
 * returns the JSON it prints, without blocking this event loop: the load comes from another process.
 */
export async function jsonFromChild<T>(script: string, args: Record<string, unknown>): Promise<T> {
  const { spawn } = await import('node:child_process');
  const worker = new URL(`./${script}`, import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', worker, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const code: number = await new Promise((res) => child.on('close', res));
  if (code !== 0) throw new Error(`${script} exited ${code}`);
  return JSON.parse(out) as T;
}

/** Runs `load` in a child process and waits for its result without blocking this event loop. */
export function loadFromChild(
  url: string,
  opts: { seconds: number; concurrency: number; headers?: Record<string, string> },
) {
  return jsonFromChild<Awaited<ReturnType<typeof load>>>('load-worker.ts', { url, ...opts });
}
