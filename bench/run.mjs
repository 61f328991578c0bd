// `pnpm bench`: Gestco next to the bare stack, same machine, same run.
// Prints req/s and p99 for each, and the ratio (target: >= 0.6 on reads by id).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(new URL('../package.json', import.meta.url));
const autocannon = require('autocannon');
const apiRequire = createRequire(new URL('../apps/api/package.json', import.meta.url));
const mysql = apiRequire('mysql2/promise');

const server = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
const databaseUrl = `${server.replace(/\/$/, '')}/gestco_bench`;
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);

function start(cmd, args, env, readyText) {
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const onData = (d) => d.toString().includes(readyText) && resolve(child);
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => process.env.BENCH_DEBUG && process.stderr.write(d));
    child.on('exit', (code) => reject(new Error(`${cmd} exited with ${code}`)));
  });
}

async function measure(title, url, headers = {}) {
  const result = await autocannon({ url, connections, duration, headers });
  return {
    title,
    rps: Math.round(result.requests.average),
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const conn = await mysql.createConnection({ uri: server });
await conn.query('DROP DATABASE IF EXISTS gestco_bench');
await conn.end();

const gestco = await start(
  'node',
  ['apps/api/dist/server.js'],
  {
    DATABASE_URL: databaseUrl,
    PORT: '3901',
    LOG_LEVEL: 'warn',
    GESTCO_ADMIN_EMAIL: 'bench@gestco.fr',
    GESTCO_ADMIN_PASSWORD: 'bench-password-123',
    LOGIN_MAX_PER_IP: '100000',
  },
  'Gestco is ready',
);
const bare = await start(
  'node',
  ['bench/bare-server.mjs'],
  { DATABASE_URL: databaseUrl, PORT: '3902' },
  'bare ready',
);
await sleep(300);

const login = await fetch('http://127.0.0.1:3901/api/v1/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'bench@gestco.fr', password: 'bench-password-123' }),
});
const { accessToken, user } = await login.json();
const auth = { authorization: `Bearer ${accessToken}` };

const rows = [];
try {
  rows.push(await measure('bare hello-world', 'http://127.0.0.1:3902/hello'));
  rows.push(await measure('gestco /api/health', 'http://127.0.0.1:3901/api/health'));
  rows.push(await measure('bare user by id', `http://127.0.0.1:3902/users/${user.id}`));
  rows.push(
    await measure(
      'gestco GET /api/v1/users/:id (JWT, user re-read for auth, role check, then the read: 2 queries)',
      `http://127.0.0.1:3901/api/v1/users/${user.id}`,
      auth,
    ),
  );
} finally {
  gestco.kill('SIGTERM');
  bare.kill('SIGTERM');
}

console.log(`\n${connections} connections, ${duration} s each\n`);
console.log('| measure | req/s | p99 ms | errors |\n| --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.title} | ${r.rps} | ${r.p99} | ${r.errors} |`);
const ratio = (a, b) => (rows[a].rps / rows[b].rps).toFixed(2);
console.log(`\nratio health / hello-world: ${ratio(1, 0)}`);
console.log(`ratio read by id (gestco / bare): ${ratio(3, 2)}  (target >= 0.6)`);
