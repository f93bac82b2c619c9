import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../platform/db/database.ts';

export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(tx: Tx): Promise<unknown>;
}

/**
 * Runs one job in a transaction that first takes a transaction-scoped advisory lock named
 * after the job: with several server processes only one runs it at a time; the others skip.
 * Returns null when another process holds the lock.
 */
export async function runJobOnce<T>(
  db: Db,
  name: string,
  run: (tx: Tx) => Promise<T>,
): Promise<T | null> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(7365100, hashtext(${name})) as ok`,
    );
    if (!lock?.ok) return null;
    return run(tx);
  });
}

/** In-process intervals for the housekeeping jobs; timers never keep the process alive. */
export class JobScheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly jobs: ScheduledJob[],
  ) {}

  start(firstDelayMs = 30_000) {
    for (const job of this.jobs) {
      const tick = () => this.tick(job);
      const first = setTimeout(tick, firstDelayMs);
      const every = setInterval(tick, job.everyMs);
      first.unref();
      every.unref();
      this.timers.push(first, every);
    }
  }

  private tick(job: ScheduledJob) {
    if (this.stopped) return;
    const p = runJobOnce(this.db, job.name, job.run)
      .then((result) => {
        if (result) this.log.info({ job: job.name, result }, 'scheduled job done');
      })
      .catch((err: unknown) =>
        this.log.error({ job: job.name, err: (err as Error).message }, 'scheduled job failed'),
      )
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async stop() {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.allSettled([...this.running]);
  }
}
