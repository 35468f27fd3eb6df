import { testCtx } from './test/helpers/db.ts';
import { seedScenario } from './src/sim/seed.ts';
const d = (process.argv[2] ?? 'sqlite') as 'sqlite';
const ctx = await testCtx(d);
const t = Date.now();
const s = await seedScenario(ctx, { scale: Number(process.argv[3] ?? 0.0005) });
console.log(JSON.stringify(s), Date.now() - t);
await ctx.close();
