import { afterEach, describe, expect, it, vi } from 'vitest';
import { gracefulShutdown } from './shutdown.ts';

const log = { info: vi.fn(), error: vi.fn() };

afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

describe('gracefulShutdown', () => {
  it('exits 0 once everything is closed, and only once for repeated signals', async () => {
    const exit = vi.fn();
    const close = vi.fn(async () => undefined);
    const stop = gracefulShutdown({ close, exit, log, graceMs: 1000 });
    await Promise.all([stop('SIGTERM'), stop('SIGINT')]);
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit.mock.calls).toEqual([[0]]);
  });

  it('exits 1 when closing hangs past the grace period', async () => {
    vi.useFakeTimers();
    const exit = vi.fn();
    const stop = gracefulShutdown({ close: () => new Promise(() => {}), exit, log, graceMs: 1000 });
    void stop('SIGTERM');
    await vi.advanceTimersByTimeAsync(999);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(exit.mock.calls).toEqual([[1]]);
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ graceMs: 1000 }),
      'graceful shutdown timed out: exiting',
    );
  });

  it('exits 1 when closing fails', async () => {
    const exit = vi.fn();
    const stop = gracefulShutdown({
      close: async () => {
        throw new Error('database gone');
      },
      exit,
      log,
    });
    await stop('SIGTERM');
    expect(exit.mock.calls).toEqual([[1]]);
  });
});
