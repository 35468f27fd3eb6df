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
