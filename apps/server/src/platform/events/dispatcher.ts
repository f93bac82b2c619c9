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

/**
 * Reads unprocessed outbox rows with `FOR UPDATE SKIP LOCKED`, so several server processes
 * share the work and none handles an event twice. Runs on an interval and whenever a commit
 * appends an event (a trigger NOTIFYs `hirehall_outbox`, heard via LISTEN on both
 * databases).
 */
export class EventDispatcher {
  private readonly consumers: { name: string; consume: EventConsumer }[] = [];
  private readonly workers: { name: string; run: DispatchWorker }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs: number,
  ) {}

  addConsumer(name: string, consume: EventConsumer) {
    this.consumers.push({ name, consume });
  }

  addWorker(name: string, run: DispatchWorker) {
    this.workers.push({ name, run });
  }

  async start() {
    this.stopped = false;
    this.timer = setInterval(() => this.nudge(), this.intervalMs);
    this.timer.unref();
    this.unlisten = await this.listen().catch((err: unknown) => {
      this.log.warn({ err: (err as Error).message }, 'outbox LISTEN unavailable; polling only');
      return null;
    });
    this.nudge();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = null;
    await this.running?.catch(() => undefined);
  }

  /** Asks for a pass soon; passes never overlap within a process. */
  nudge() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  private async loop() {
    do {
      this.again = false;
      try {
        await this.runOnce();
      } catch (err) {
        this.log.error({ err: (err as Error).message }, 'dispatcher pass failed');
      }
    } while (this.again && !this.stopped);
  }

  /** One full pass: every claimable event, then every due delivery. Tests call it directly. */
  async runOnce(): Promise<{ events: number; deliveries: number }> {
    let events = 0;
    for (;;) {
      const n = await this.processEventBatch(100);
      events += n;
      if (n < 100) break;
    }
    let deliveries = 0;
    for (const worker of this.workers) {
      try {
        deliveries += await worker.run();
      } catch (err) {
        this.log.error({ worker: worker.name, err: (err as Error).message }, 'worker failed');
      }
    }
    return { events, deliveries };
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
