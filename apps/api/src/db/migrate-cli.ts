import { loadConfig } from '../config/config.ts';
import { createDb } from './client.ts';
import { ensureDatabase, runMigrations } from './migrate.ts';

// `pnpm db:migrate`: create the database if missing, apply committed migrations.
const config = loadConfig();
await ensureDatabase(config.databaseUrl);
const handle = createDb(config.databaseUrl, 1);
try {
  await runMigrations(handle.db);
  console.log('Migrations applied.');
} finally {
  await handle.close();
}
