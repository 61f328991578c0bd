// `pnpm test`: every package's tests against a real database server.
//   1. find a server (TEST_DATABASE_URL, else the server of DATABASE_URL, else
//      127.0.0.1:3306), or start the private MariaDB of this checkout;
//   2. build the API and the SPA (the browser tests run the built server);
//   3. run each package's tests one package at a time (the API's test files
//      run in parallel inside vitest, each on its own database).
// Extra arguments go to `turbo run test`, e.g. `pnpm test --filter @gestco/api`.
import { spawnSync } from 'node:child_process';
import {
  DEFAULT_DATABASE_URL,
  DatabaseSetupError,
  ensureDatabaseServer,
  repoRoot,
  serverUrl,
} from './lib/database.mjs';
import { buildArgs } from './lib/build.mjs';

function run(args) {
  const result = spawnSync('pnpm', args, { cwd: repoRoot, stdio: 'inherit', env: process.env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const wanted =
  process.env.TEST_DATABASE_URL || serverUrl(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
try {
  process.env.TEST_DATABASE_URL = serverUrl(await ensureDatabaseServer(wanted));
} catch (error) {
  if (!(error instanceof DatabaseSetupError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
console.log(`Tests use the database server ${process.env.TEST_DATABASE_URL}`);

const built = run(buildArgs());
if (built !== 0) process.exit(built);

const extra = process.argv.slice(2).filter((a) => a !== '--');
process.exit(run(['turbo', 'run', 'test', '--concurrency=1', ...extra]));
