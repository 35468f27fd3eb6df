// The bare route of the worker scan benchmark: N Fastify processes on one port through node:cluster,
// as `banyan serve --workers N` runs its API processes, each answering a constant. Prints
// `listening <port>` once every worker listens.
import cluster from 'node:cluster';
import Fastify from 'fastify';

const workers = Number(process.argv[2] || 1);

if (cluster.isPrimary) {
  const ports = await Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<number>((resolve) => {
          cluster.fork().on('message', (m: { port?: number }) => {
            if (typeof m?.port === 'number') resolve(m.port);
          });
        }),
    ),
  );
  process.stdout.write(`listening ${ports[0]}\n`);
  process.once('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const bare = Fastify();
  bare.post('/scan', async () => ({ verdict: 'allow', colour: 'green' }));
  // Port 0 in every worker is one port the primary shares out, as serve's workers do.
  await bare.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: (bare.server.address() as { port: number }).port });
}
