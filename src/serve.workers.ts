// `banyan serve --workers N` on PostgreSQL: N API processes on one port through node:cluster (the
// primary accepts and hands connections out round-robin). Each worker is a whole server with its
// own status index, kept in step with the others by the database's announcements (NOTIFY); the
// primary only migrates, seeds, keeps the business clock, forks and restarts workers.
import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import type { ServeOptions } from './serve.cli.ts';
import { listeningLines, prepareServe } from './serve.cli.ts';

// A worker that dies this soon after starting would only die again: the primary gives up.
const CRASH_LOOP_MS = 5_000;

/** Runs the primary of `serve --workers n`: prepares the database, forks the workers, restarts a lost one. */
export async function servePrimary(opts: ServeOptions, n: number): Promise<void> {
  const { ctx, keptClock, demo } = await prepareServe(opts);
  const { host } = ctx.config;
  const dialect = ctx.db.dialect;
  if (keptClock) {
    // Servers already running on the database (another machine's) follow the clock just kept.
    const { startEventChannel } = await import('./platform/events.channel.ts');
    const { announce } = await import('./platform/events.ts');
    const channel = startEventChannel(ctx, { listen: false });
    announce('clock-changed');
    await channel.close();
  }
  await ctx.db.close();

  let stopping = false;
  const started = new Map<Worker, { index: number; at: number }>();
  const fork = (index: number) => {
    const w = cluster.fork({ BANYAN_WORKER_INDEX: String(index) });
    started.set(w, { index, at: Date.now() });
    return w;
  };
  cluster.on('exit', (w, code, signal) => {
    const s = started.get(w);
    started.delete(w);
    if (stopping || !s) return;
    process.stderr.write(`banyan: worker ${s.index} exited (${signal ?? code}); `);
    if (Date.now() - s.at < CRASH_LOOP_MS) {
      process.stderr.write('it died while starting, so the server stops\n');
      void stop(1);
      return;
    }
    process.stderr.write('starting another\n');
    fork(s.index);
  });
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const workers = [...started.keys()];
    await Promise.all(
      workers.map((w) => {
        const gone = w.isDead() ? Promise.resolve() : once(w, 'exit');
        w.process.kill('SIGTERM');
        return gone;
      }),
    );
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  const ports = await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const w = fork(i + 1);
      return new Promise<number>((resolve, reject) => {
        w.on('message', (m: { banyanListening?: number }) => {
          if (typeof m?.banyanListening === 'number') resolve(m.banyanListening);
        });
        w.once('exit', (code) => reject(new Error(`worker ${i + 1} exited with ${code} before listening`)));
      });
    }),
  ).catch(async (e: Error) => {
    await stop(1);
    throw e;
  });
  process.stdout.write(listeningLines(host, ports[0] as number, dialect, n, demo || !!opts.seedIfEmpty));
}
