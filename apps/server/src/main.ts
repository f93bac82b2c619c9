import { loadConfig, type Config } from './platform/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { buildApp } from './app.ts';
import { prepareFirstStart } from './first-start.ts';
import { gracefulShutdown } from './platform/shutdown.ts';

async function main() {
  // Wall and CPU time of each step. Both count from the process start, so the first step is
  // module loading; CPU time is of all threads (WebAssembly tier-up and GC run beside the main
  // thread) and is what a start costs on a busy machine.
  const startupMs: Record<string, number> = {};
  const startupCpuMs: Record<string, number> = {};
  let since = { ms: 0, cpuMs: 0 };
  const mark = (step: string) => {
    const now = { ms: performance.now(), cpuMs: processCpuMs() };
    startupMs[step] = Math.round(now.ms - since.ms);
    startupCpuMs[step] = Math.round(now.cpuMs - since.cpuMs);
    since = now;
  };
  mark('modules');
  const config = loadConfig();
  const database = await openDatabase(config);
  mark('database');
  const app = await buildApp({ config, database });
  mark('app');
  await prepareFirstStart({ config, db: database.db, log: app.log });
  mark('firstStart');
  await app.listen({ host: config.host, port: config.port });
  mark('listen');
  app.log.info(
    { startupMs, startupCpuMs },
    `ready in ${Math.round(since.ms)} ms (CPU ${Math.round(since.cpuMs)} ms)`,
  );
  if (config.devTools) warnDevTools(config);

  const shutdown = gracefulShutdown({
    close: async () => {
      await app.close();
      await database.close();
    },
    exit: (code) => process.exit(code),
    log: app.log,
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function processCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Dev tools publish every SMS code and captcha answer: say so loudly at every start. */
function warnDevTools(config: Config) {
  const line = '!'.repeat(78);
  console.warn(
    [
      line,
      '!! 开发工具已开启 / DEVELOPMENT TOOLS ARE ON (HIREHALL_DEV_TOOLS)',
      `!! ${config.publicUrl}/dev/outbox shows every SMS code and message; captcha answers are readable.`,
      '!! Anyone who can reach this server can sign in as any phone number.',
      '!! In production set HIREHALL_SMS_PROVIDER=aliyun (and HIREHALL_MAIL_TRANSPORT=smtp,',
      '!! HIREHALL_WECHAT_PROVIDER=official) or HIREHALL_DEV_TOOLS=0. See README → Deployment.',
      line,
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`HireHall failed to start:\n${message}`);
  process.exit(1);
});
