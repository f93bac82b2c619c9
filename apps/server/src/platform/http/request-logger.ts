import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type Bindings = Record<string, unknown>;
type ChildOptions = Parameters<FastifyBaseLogger['child']>[1];
type LogArgs = Parameters<FastifyBaseLogger['info']>;
/** pino's loggers have it; other loggers are taken to log at every level */
type MaybeLevelAware = FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };

/**
 * A request's logger that makes its pino child (the request id bound) only when something is
 * logged at an enabled level. Fastify makes a child for every request, and pino's child()
 * (bindings serialised, redaction set up) was ≈ 2 % of the server's work on a cached public
 * GET, which at level `warn` logs nothing.
 */
class LazyRequestLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | null = null;

  constructor(
    private readonly parent: MaybeLevelAware,
    private readonly bindings: Bindings,
  ) {}

  private get real(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings));
  }

  private enabled(level: string) {
    return this.made !== null || (this.parent.isLevelEnabled?.(level) ?? true);
  }

  get level() {
    return this.made ? this.made.level : this.parent.level;
  }

  set level(level: string) {
    this.real.level = level;
  }

  fatal(...args: LogArgs) {
    if (this.enabled('fatal')) this.real.fatal(...args);
  }
  error(...args: LogArgs) {
    if (this.enabled('error')) this.real.error(...args);
  }
  warn(...args: LogArgs) {
    if (this.enabled('warn')) this.real.warn(...args);
  }
  info(...args: LogArgs) {
    if (this.enabled('info')) this.real.info(...args);
  }
  debug(...args: LogArgs) {
    if (this.enabled('debug')) this.real.debug(...args);
  }
  trace(...args: LogArgs) {
    if (this.enabled('trace')) this.real.trace(...args);
  }
  silent(...args: LogArgs) {
    this.real.silent(...args);
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.real.child(bindings, options);
  }
}

/**
 * Fastify's `childLoggerFactory`: lazy children, except when a route sets its own level or
 * serializers (then pino's child at once, as Fastify would).
 */
export const lazyRequestLoggers: NonNullable<FastifyServerOptions['childLoggerFactory']> = (
  logger,
  bindings,
  options,
) => {
  if (options.level !== undefined || options.serializers !== undefined) {
    return logger.child(bindings, options);
  }
  return new LazyRequestLogger(logger, bindings);
};
