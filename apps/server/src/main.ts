import { loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { buildApp } from './app.ts';
import { prepareFirstStart } from './first-start.ts';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  const app = await buildApp({ config, database });
  await prepareFirstStart({ config, db: database.db, log: app.log });
  await app.listen({ host: config.host, port: config.port });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`HireHall failed to start:\n${message}`);
  process.exit(1);
});
