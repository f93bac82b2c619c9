import type { PGlite, Transaction } from '@electric-sql/pglite';

/** What the drizzle PGlite driver calls on its client. */
export type PgliteClient = Pick<PGlite, 'query' | 'transaction'>;

type Kind = 'statement' | 'transaction';

interface Waiter {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * The order in which PGlite (one WebAssembly PostgreSQL in this thread, one call at a time)
 * takes the calls of concurrent requests.
 *
 * A PGlite call runs synchronously, so without this a request ran from its first query to its
 * answer before the process read the next request: requests were served strictly in arrival
 * order. After a restart every client comes back at once (about a hundred apply retries, each
 * a transaction of a dozen statements), and a request arriving behind them — a page's one
 * read — waited for all of them (2–9 s in the kill -9 benchmark).
 *
 * Here every call waits for its turn in a queue, and the turn is given from `setImmediate`:
 * between two calls the process reads what arrived, so the requests in progress take turns,
 * call by call. Calls are of two kinds, single statements and transactions (BEGIN … COMMIT,
 * a dozen statements), each served in arrival order. When both kinds wait, the kind that has
 * had less database time goes next, so a backlog of transactions delays a single read by about
 * one transaction, and single statements never take more than half the time from waiting
 * transactions. A kind that was idle starts level with the other (it saves no credit).
 *
 * Nothing changes within a request (it awaits each call before the next) or within a
 * transaction (its statements run on the transaction, not through this queue).
 */
export class PgliteScheduler {
  private readonly queues: Record<Kind, Waiter[]> = { statement: [], transaction: [] };
  /** database time (ms) each kind has had, for the share when both wait */
  private readonly used: Record<Kind, number> = { statement: 0, transaction: 0 };
  private busy = false;
  private scheduled = false;

  /** Calls waiting, by kind (for tests). */
  get waiting(): Record<Kind, number> {
    return { statement: this.queues.statement.length, transaction: this.queues.transaction.length };
  }

  run<T>(kind: Kind, fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const other = kind === 'statement' ? 'transaction' : 'statement';
      if (this.queues[kind].length === 0) {
        this.used[kind] = Math.max(this.used[kind], this.used[other]);
      }
      this.queues[kind].push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.busy || this.scheduled) return;
    if (this.queues.statement.length === 0 && this.queues.transaction.length === 0) return;
    this.scheduled = true;
    setImmediate(() => this.next());
  }

  private next() {
    this.scheduled = false;
    const kind = this.pick();
    const waiter = this.queues[kind].shift()!;
    this.busy = true;
    const started = performance.now();
    let result: Promise<unknown>;
    try {
      result = waiter.run();
    } catch (err) {
      result = Promise.reject(err);
    }
    result.then(waiter.resolve, waiter.reject).finally(() => {
      this.used[kind] += performance.now() - started;
      this.busy = false;
      this.schedule();
    });
  }

  private pick(): Kind {
    const { statement, transaction } = this.queues;
    if (transaction.length === 0) return 'statement';
    if (statement.length === 0) return 'transaction';
    return this.used.statement <= this.used.transaction ? 'statement' : 'transaction';
  }
}

/** The client drizzle gets on PGlite: every statement and transaction through the scheduler. */
export function scheduledClient(client: PGlite, scheduler = new PgliteScheduler()): PgliteClient {
  return {
    query: ((...args: Parameters<PGlite['query']>) =>
      scheduler.run('statement', () => client.query(...args))) as PGlite['query'],
    transaction: (<T>(fn: (tx: Transaction) => Promise<T>) =>
      scheduler.run('transaction', () => client.transaction(fn))) as PGlite['transaction'],
  };
}
