// `pnpm start`: install if needed, build, find or start a database, then run
// the API (which migrates, creates the first admin and serves the built SPA).
//   pnpm start              serve on PORT (default 3000)
//   pnpm start --demo       same, with demo data on a fresh installation
//   pnpm start --no-build   skip the build step
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { buildArgs } from './lib/build.mjs';
import {
  DEFAULT_DATABASE_URL,
  DatabaseSetupError,
  ensureDatabaseServer,
  repoRoot,
} from './lib/database.mjs';

const USAGE = 'Usage: pnpm start [--demo] [--no-build]';

function fail(message, code = 1) {
  console.error(`\n${message}\n`);
  process.exit(code);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: process.env });
  if (result.error) fail(`Could not run ${command}: ${result.error.message}`);
  if (result.status !== 0)
    fail(
      `\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`,
      result.status || 1,
    );
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const env = { ...process.env };
  let build = true;
  for (const arg of args) {
    if (arg === '--demo') env.GESTCO_DEMO = '1';
    else if (arg === '--no-build') build = false;
    else if (arg === '--help' || arg === '-h') return console.log(USAGE);
    else fail(`Unknown option ${arg}\n${USAGE}`);
  }
  env.PORT ||= '3000';

  if (!existsSync(path.join(repoRoot, 'node_modules', '.modules.yaml'))) {
    console.log('Installing dependencies ...');
    run('pnpm', ['install', '--frozen-lockfile']);
  }
  if (build) {
    console.log('Building (turbo reuses earlier builds when nothing changed) ...');
    run('pnpm', buildArgs());
  }
  const server = path.join(repoRoot, 'apps/api/dist/server.js');
  if (!existsSync(server))
    fail('apps/api/dist/server.js is missing: run `pnpm start` without --no-build.');

  try {
    env.DATABASE_URL = await ensureDatabaseServer(env.DATABASE_URL || DEFAULT_DATABASE_URL);
  } catch (error) {
    if (error instanceof DatabaseSetupError) fail(error.message);
    throw error;
  }

  // A V8 heap cap: without one, V8 sizes the heap from the machine's memory (~4 GB on 24 GB)
  // and lets garbage pile up before collecting; a streamed export of 1M orders then peaks at
  // 310 MB of RSS, 185 MB with the cap (bench/reports.mjs). Same flag in docker/Dockerfile.
  const child = spawn(process.execPath, ['--max-old-space-size=1024', server], {
    cwd: repoRoot,
    stdio: 'inherit',
    env,
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
  });
}

await main();
