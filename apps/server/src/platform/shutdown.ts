/** How long a graceful stop may take before the process exits anyway. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface ShutdownSteps {
  /** stops taking requests and waits for those in flight (Fastify's close), then the database */
  close: () => Promise<void>;
  exit: (code: number) => void;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  graceMs?: number;
}

/**
 * The handler for SIGTERM/SIGINT: one graceful stop, bounded. Clients that keep reconnecting
 * or a connection that never ends must not keep a stopping process alive (a supervisor waits
 * for it before starting the next): after the grace period it exits with code 1. Nothing
 * acknowledged is lost by that — every write is committed before its answer.
 */
export function gracefulShutdown(steps: ShutdownSteps): (signal: string) => Promise<void> {
  let closing = false;
  return async (signal) => {
    if (closing) return;
    closing = true;
    const graceMs = steps.graceMs ?? SHUTDOWN_GRACE_MS;
    steps.log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      steps.log.error({ signal, graceMs }, 'graceful shutdown timed out: exiting');
      steps.exit(1);
    }, graceMs);
    deadline.unref();
    try {
      await steps.close();
    } catch (err) {
      steps.log.error({ err: (err as Error).message }, 'shutdown failed');
      clearTimeout(deadline);
      steps.exit(1);
      return;
    }
    clearTimeout(deadline);
    steps.exit(0);
  };
}
