import { prepareDatabase } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config/config.ts';
import { createDb } from './db/client.ts';
import { createServices } from './services.ts';

/**
 * The notifier alone, for installations that run it apart from the API
 * (`NOTIFIER=off` on the API processes, then `pnpm --filter @gestco/api worker`
 * as many times as wanted: SKIP LOCKED keeps workers off each other's rows).
 */
async function main() {
  const config = loadConfig();
  await prepareDatabase(config);
  const db = createDb(config.databaseUrl, config.databasePoolSize);
  const { notifier } = createServices(db.db, config);
  notifier.start();
  console.log(`Gestco notifier ${notifier.workerId} started`);
  const stop = async () => {
    await notifier.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`\n${error.message}\n`);
  else console.error(error);
  process.exit(1);
});
