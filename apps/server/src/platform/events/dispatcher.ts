import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '../db/database.ts';
import { listenWithReconnect } from '../db/listen.ts';

export interface StoredEvent {
  id: number;
  kind: string;
  recipientAccountIds: string[];
  recipientOrganizationIds: string[];
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
}

/**
 * Handles a batch of events inside the claiming transaction (so its writes commit with the
 * `processed_at` mark) and may return work to run after the commit, such as socket pushes.
 */
export type EventConsumer = (tx: Tx, event: StoredEvent) => Promise<(() => void) | void>;
/** Periodic work outside the event transaction (external deliveries); returns items done. */
export type DispatchWorker = () => Promise<number>;

const MAX_EVENT_ATTEMPTS = 10;
export const OUTBOX_CHANNEL = 'hirehall_outbox';
/** Least time between the starts of two passes while nudges keep coming. */
export const DEFAULT_MIN_PASS_GAP_MS = 50;

export interface DispatcherOptions {
  /** nudges within this many ms of a pass's start are folded into one later pass */
  minPassGapMs?: number;
}

/**
 * Reads unprocessed outbox rows with `FOR UPDATE SKIP LOCKED`, so several server processes
 * share the work and none handles an event twice. Runs on an interval and whenever a commit
 * appends an event (a trigger NOTIFYs `hirehall_outbox`, heard via LISTEN on both
 * databases).
 *
 * Passes never overlap, and start at least `minPassGapMs` apart: a nudge after a quiet spell
 * starts a pass at once, nudges that keep coming (a busy chat, a restart storm) are folded
 * into one pass per gap. A nudge during a pass asks for another, so an event committed after
 * a pass claimed its batch is handled by a later one. The workers (external deliveries,
 * reminders) run on the start and interval passes, and after a pass that handled events (the
 * consumers queue deliveries): a nudge that finds no event does not query them.
 */
export class EventDispatcher {
  private readonly consumers: { name: string; consume: EventConsumer }[] = [];
  private readonly workers: { name: string; run: DispatchWorker }[] = [];
  private readonly minPassGapMs: number;
  private timer: NodeJS.Timeout | null = null;
  private wake: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** a nudge came after the last pass started */
  private isPassDue = false;
  /** the next pass runs the workers whether or not it finds events */
  private areWorkersDue = false;
  private lastPassAt = -Infinity;
  private passes = 0;
  private stopped = true;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs: number,
    options: DispatcherOptions = {},
  ) {
    this.minPassGapMs = options.minPassGapMs ?? DEFAULT_MIN_PASS_GAP_MS;
  }

  addConsumer(name: string, consume: EventConsumer) {
    this.consumers.push({ name, consume });
  }

  addWorker(name: string, run: DispatchWorker) {
    this.workers.push({ name, run });
  }

  /** Passes started by nudges and the interval since construction (not `runOnce` calls). */
  get passCount() {
    return this.passes;
  }

  async start() {
    this.stopped = false;
    this.timer = setInterval(() => this.request(true), this.intervalMs);
    this.timer.unref();
    this.unlisten = await this.listen().catch((err: unknown) => {
      this.log.warn({ err: (err as Error).message }, 'outbox LISTEN unavailable; polling only');
      return null;
    });
    this.request(true);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wake) clearTimeout(this.wake);
    this.timer = this.wake = null;
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = null;
    await this.running?.catch(() => undefined);
  }

  /** Asks for a pass over the outbox: at once after a quiet spell, else within the gap. */
  nudge() {
    this.request(false);
  }

  private request(withWorkers: boolean) {
    if (this.stopped) return;
    this.isPassDue = true;
    if (withWorkers) this.areWorkersDue = true;
    this.schedule();
  }

  /** Starts the due pass unless one runs or the gap since the last start has not passed. */
  private schedule() {
    if (this.stopped || this.running || this.wake || !this.isPassDue) return;
    const wait = this.lastPassAt + this.minPassGapMs - performance.now();
    if (wait > 0) {
      this.wake = setTimeout(() => {
        this.wake = null;
        this.schedule();
      }, Math.ceil(wait));
      this.wake.unref();
      return;
    }
    const withWorkers = this.areWorkersDue;
    this.isPassDue = this.areWorkersDue = false;
    this.lastPassAt = performance.now();
    this.passes++;
    this.running = this.pass(withWorkers).finally(() => {
      this.running = null;
      this.schedule();
    });
  }

  private async pass(withWorkers: boolean) {
    try {
      const events = await this.processEvents();
      if (withWorkers || events > 0) await this.runWorkers();
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'dispatcher pass failed');
    }
  }

  /** One full pass: every claimable event, then every due delivery. Tests call it directly. */
  async runOnce(): Promise<{ events: number; deliveries: number }> {
    const events = await this.processEvents();
    return { events, deliveries: await this.runWorkers() };
  }

  private async processEvents() {
    let events = 0;
    for (;;) {
      const n = await this.processEventBatch(100);
      events += n;
      if (n < 100) return events;
    }
  }

  private async runWorkers() {
    let done = 0;
    for (const worker of this.workers) {
      try {
        done += await worker.run();
      } catch (err) {
        this.log.error({ worker: worker.name, err: (err as Error).message }, 'worker failed');
      }
    }
    return done;
  }

  private async processEventBatch(limit: number): Promise<number> {
    const after: (() => void)[] = [];
    const count = await this.database.db.transaction(async (tx) => {
      const rows = await queryRows<{
        id: number | string;
        kind: string;
        recipient_account_ids: string[];
        recipient_organization_ids: string[];
        payload: Record<string, unknown>;
        attempts: number;
        created_at: Date | string;
      }>(
        tx,
        sql`select id, kind, recipient_account_ids, recipient_organization_ids, payload, attempts, created_at
            from outbox_events where processed_at is null
            order by id limit ${limit} for update skip locked`,
      );
      for (const row of rows) {
        const event: StoredEvent = {
          id: Number(row.id),
          kind: row.kind,
          recipientAccountIds: row.recipient_account_ids ?? [],
          recipientOrganizationIds: row.recipient_organization_ids ?? [],
          payload: row.payload ?? {},
          attempts: row.attempts,
          createdAt: new Date(row.created_at),
        };
        await this.consumeOne(tx, event, after);
      }
      return rows.length;
    });
    for (const fn of after) {
      try {
        fn();
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'after-commit action failed');
      }
    }
    return count;
  }

  /** Each event in a savepoint: one bad event does not hold back the others. */
  private async consumeOne(tx: Tx, event: StoredEvent, after: (() => void)[]) {
    try {
      const done: (() => void)[] = [];
      await tx.transaction(async (sp) => {
        for (const c of this.consumers) {
          const fn = await c.consume(sp, event);
          if (fn) done.push(fn);
        }
      });
      after.push(...done);
      await tx.execute(
        sql`update outbox_events set processed_at = now(), attempts = attempts + 1 where id = ${event.id}`,
      );
    } catch (err) {
      const giveUp = event.attempts + 1 >= MAX_EVENT_ATTEMPTS;
      this.log.error(
        { eventId: event.id, kind: event.kind, err: (err as Error).message, giveUp },
        'event consumer failed',
      );
      await tx.execute(
        sql`update outbox_events set attempts = attempts + 1,
              processed_at = case when ${giveUp} then now() else null end
            where id = ${event.id}`,
      );
    }
  }

  private async listen(): Promise<() => Promise<void>> {
    const { database } = this;
    if (database.kind === 'pglite' && database.pglite) {
      return database.pglite.listen(OUTBOX_CHANNEL, () => this.nudge());
    }
    if (database.pool) {
      return listenWithReconnect(database.pool, OUTBOX_CHANNEL, {
        onNotification: () => this.nudge(),
        // events appended while the connection was down were not announced
        onReconnect: () => this.nudge(),
        onConnectionLost: (err) => this.log.warn({ err: err.message }, 'outbox LISTEN lost'),
      });
    }
    return async () => undefined;
  }
}
