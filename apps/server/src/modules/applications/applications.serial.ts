/**
 * One queue per key inside this process: `run(key, fn)` starts `fn` only after every earlier
 * call with the same key has settled (resolved or rejected). The applications routes queue one
 * seeker's applies and withdrawals here, so fifty simultaneous applies by one seeker take one
 * pooled connection at a time instead of ten connections all waiting on the same row lock.
 *
 * This is only about throughput: across processes the seeker's row lock and the partial
 * unique index in the database remain the guarantee of the quota and of one application per
 * posting.
 */
export interface KeyedQueue {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Keys with work queued or running (for tests). */
  readonly size: number;
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(fn);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get size() {
      return tails.size;
    },
  };
}
