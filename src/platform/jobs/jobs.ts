import type { FastifyBaseLogger } from 'fastify';
import { nowMs } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { insertRun, lastStarted, latestRuns, ranOn, withJobLock } from './jobs.repo.ts';

/** A job that runs once a day at a Beijing time, for that day. */
export interface DailyJob {
  name: string;
  /** Beijing time of the daily run ('06:00'), or undefined for a job that runs every `everyMinutes`. */
  at?: string;
  everyMinutes?: number;
  run(ctx: Ctx, day: string): Promise<Record<string, unknown>>;
}

// Jobs are due by business time (a scenario clock runs the 06:00 evaluation of the scenario's day);
// their run records keep the machine's time.
const beijingNow = () => new Date(nowMs() + 8 * 3600_000).toISOString();

/** Runs one job for a day and records the outcome (failures are recorded, not thrown). */
export async function runJob(ctx: Ctx, job: DailyJob, day: string, log?: FastifyBaseLogger) {
  const started = new Date().toISOString();
  try {
    const summary = await job.run(ctx, day);
    await insertRun(ctx.db, {
      name: job.name,
      day,
      started_at: started,
      finished_at: new Date().toISOString(),
      ok: 1,
      summary: JSON.stringify(summary),
    });
    log?.info({ job: job.name, day, summary: brief(summary) }, 'job done');
    return { ok: true, summary };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await insertRun(ctx.db, {
      name: job.name,
      day,
      started_at: started,
      finished_at: new Date().toISOString(),
      ok: 0,
      summary: JSON.stringify({ error: message }),
    });
    log?.error({ job: job.name, day, err: e }, 'job failed');
    return { ok: false, summary: { error: message } };
  }
}

/**
 * Checks every minute whether a daily job is due (its time has passed today, Beijing time, and it
 * has not run successfully today). A restart after the time catches up instead of skipping a day.
 * Several server processes on one PostgreSQL database (`serve --workers N`, or several machines)
 * each run this scheduler; a job's advisory lock and the run records decide which one runs it, so a
 * daily job runs once a day and an interval job once an interval, not once per process.
 */
export function startScheduler(ctx: Ctx, jobs: DailyJob[], log: FastifyBaseLogger): () => void {
  let busy = false;
  const lastRun = new Map<string, number>();
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const now = beijingNow();
      const day = now.slice(0, 10);
      for (const job of jobs) {
        if (job.everyMinutes) {
          const every = job.everyMinutes * 60_000;
          if (Date.now() - (lastRun.get(job.name) ?? 0) < every) continue;
          lastRun.set(job.name, Date.now());
          await withJobLock(ctx.db, job.name, async () => {
            // Another process may have run it a moment ago; its record says so (a minute's slack
            // for the schedulers' ticks falling apart).
            const last = await lastStarted(ctx.db, job.name);
            if (last && Date.now() - Date.parse(last) < every - 60_000) return;
            await runJob(ctx, job, day, log);
          });
        } else if (job.at && now.slice(11, 16) >= job.at && !(await ranOn(ctx.db, job.name, day)))
          await withJobLock(ctx.db, job.name, async () => {
            // Checked again under the lock: another process may have finished it meanwhile.
            if (!(await ranOn(ctx.db, job.name, day))) await runJob(ctx, job, day, log);
          });
      }
    } catch (e) {
      log.error({ err: e }, 'scheduler tick failed');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), 60_000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}

/** Recent runs, for operators. */
export async function recentRuns(ctx: Ctx, limit = 50) {
  return (await latestRuns(ctx.db, limit)).map((r) => ({
    id: Number(r.id),
    name: r.name,
    day: r.day,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    ok: !!r.ok,
    summary: JSON.parse(r.summary) as unknown,
  }));
}

/**
 * The summary as logged: long lists (the lift evaluation names every eligible zone) are cut to
 * their first ten and a count; the job-run record keeps them whole.
 */
function brief(summary: unknown): unknown {
  if (!summary || typeof summary !== 'object' || Array.isArray(summary)) return summary;
  return Object.fromEntries(
    Object.entries(summary).map(([k, v]) =>
      Array.isArray(v) && v.length > 10 ? [k, [...v.slice(0, 10), `… ${v.length - 10} more`]] : [k, v],
    ),
  );
}
