import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from './applications.serial.ts';

/** A promise resolved or rejected from outside, so the order is driven by the test, not time. */
function gate() {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('createKeyedQueue', () => {
  it('starts a key’s next call only after the previous one settled, even when it failed', async () => {
    const q = createKeyedQueue();
    const log: string[] = [];
    const first = gate();
    const second = gate();
    const a = q.run('seeker-1', async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = q.run('seeker-1', async () => {
      log.push('b start');
      await second.promise;
      throw new Error('b failed');
    });
    const c = q.run('seeker-1', async () => {
      log.push('c start');
      return 'c';
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.open();
    expect(await a).toBe('a');
    await Promise.resolve();
    expect(log).toEqual(['a start', 'a end', 'b start']);
    second.open();
    await expect(b).rejects.toThrow('b failed');
    expect(await c).toBe('c');
    expect(log).toEqual(['a start', 'a end', 'b start', 'c start']);
  });

  it('runs different keys side by side and forgets a key once its queue is empty', async () => {
    const q = createKeyedQueue();
    const hold = gate();
    const log: string[] = [];
    const one = q.run('seeker-1', async () => {
      log.push('1');
      await hold.promise;
    });
    const two = q.run('seeker-2', async () => {
      log.push('2');
    });
    await two;
    expect(log).toEqual(['1', '2']);
    await new Promise((r) => setImmediate(r));
    expect(q.size).toBe(1); // seeker-2 is forgotten, seeker-1 still running
    hold.open();
    await one;
    await new Promise((r) => setImmediate(r));
    expect(q.size).toBe(0);
  });
});
