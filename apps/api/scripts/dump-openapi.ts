/**
 * Writes the OpenAPI document the API serves at /api/docs/json to a file, for
 * `pnpm lint:openapi`. Builds the app without listening; the pool is created
 * but never used (no request is made), so no database has to answer.
 *   tsx scripts/dump-openapi.ts <out.json>
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config/config.ts';

const out = process.argv[2];
if (!out) {
  console.error('Usage: tsx scripts/dump-openapi.ts <out.json>');
  process.exit(2);
}

const config = loadConfig({
  NODE_ENV: 'test',
  DATABASE_URL: process.env['DATABASE_URL'] ?? 'mysql://root@127.0.0.1:3306/gestco',
  PUBLIC_URL: process.env['PUBLIC_URL'],
  LOG_LEVEL: 'silent',
  WEB_DIST: '/nonexistent',
});
const app = await buildApp(config, { logger: false });
try {
  await app.ready();
  await writeFile(path.resolve(out), `${JSON.stringify(app.swagger(), null, 2)}\n`);
} finally {
  await app.close();
}
