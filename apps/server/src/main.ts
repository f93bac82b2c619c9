import { loadConfig, type Config } from './platform/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { buildApp } from './app.ts';
import { prepareFirstStart } from './first-start.ts';
import { gracefulShutdown } from './platform/shutdown.ts';

async function main() {
  // performance.now() counts from the process start: the first mark is module loading
  const marks: Record<string, number> = { modules: performance.now() };
  const mark = (name: string, since: number) => (marks[name] = performance.now() - since);
  const config = loadConfig();
  let t = performance.now();
  const database = await openDatabase(config);
  mark('database', t);
  t = performance.now();
  const app = await buildApp({ config, database });
  mark('app', t);
  t = performance.now();
  await prepareFirstStart({ config, db: database.db, log: app.log });
  mark('firstStart', t);
  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    { startupMs: Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, Math.round(v)])) },
    `ready in ${Math.round(performance.now())} ms`,
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
