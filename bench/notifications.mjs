// `pnpm bench:notifications`: the notifier draining 10,000 queued emails through
// the real @sendgrid/mail client into a local stand-in for the SendGrid API (a
// tiny HTTP server in this process answering 202 with an x-message-id), one
// worker in the built API process (NOTIFIER=on), and the API's order reads
// (GET /api/v1/orders/:id, autocannon) measured while it drains and with
// nothing draining.
//   1. reads alone: saturating (BENCH_CONNECTIONS connections) and paced (BENCH_READ_RATE req/s)
//   2. drain alone: 10,000 rows queued by one multi-row INSERT transaction
//   3. drain + saturating reads     4. drain + paced reads
// Every run checks that each outbox id reached the stand-in exactly once.
// Target (issue 6, 2-core machine): ≥ 50 emails/s with one worker.
//
//   pnpm bench:notifications [--keep]   --keep leaves the gestco_bench_notifications database
//   BENCH_EMAILS=10000 BENCH_ORDERS=200 BENCH_SECONDS=10 BENCH_CONNECTIONS=16
//   BENCH_READ_RATE=200 BENCH_SENDGRID_LATENCY_MS=0 (stand-in answer delay) BENCH_DEBUG=1
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(new URL('../package.json', import.meta.url));
const autocannon = require('autocannon');
const apiRequire = createRequire(new URL('../apps/api/package.json', import.meta.url));
const mysql = apiRequire('mysql2/promise');

const EMAILS = Number(process.env.BENCH_EMAILS ?? 10_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 200);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const readRate = Number(process.env.BENCH_READ_RATE ?? 200);
const latencyMs = Number(process.env.BENCH_SENDGRID_LATENCY_MS ?? 0);
const TARGET = 50;
const keep = process.argv.includes('--keep');

const DB_NAME = 'gestco_bench_notifications';
const server = (process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');
const databaseUrl = `${server}/${DB_NAME}`;
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3941);
const SENDGRID_PORT = Number(process.env.BENCH_SENDGRID_PORT ?? 3942);
const ADMIN = { email: 'bench@gestco.fr', password: 'bench-password-123' };

const t0 = Date.now();
const loadAtStart = os.loadavg();
const log = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}`);

// ---------------------------------------------------------------------------
// Processes (as in bench/stock.mjs)

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const dist = path.join(root, 'apps/api/dist/server.js');
  const sources = ['apps/api/src', 'apps/api/drizzle', 'packages/contract/src'].map((d) =>
    newestMtime(path.join(root, d)),
  );
  if (existsSync(dist) && statSync(dist).mtimeMs >= Math.max(...sources)) return;
  log(
    existsSync(dist) ? 'apps/api/dist is older than the sources: rebuilding' : 'building the API',
  );
  const build = spawnSync('pnpm', ['--filter', '@gestco/api', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('pnpm --filter @gestco/api build failed');
}

const children = [];
function start(cmd, args, env, readyText) {
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d) => {
      output += d;
      if (process.env.BENCH_DEBUG) process.stdout.write(d);
      if (output.includes(readyText)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => {
      output += d;
      if (process.env.BENCH_DEBUG) process.stderr.write(d);
    });
    child.on('exit', (code) =>
      reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${output}`)),
    );
  });
}

async function api(pathname, token, init = {}) {
  const res = await fetch(`http://127.0.0.1:${API_PORT}/api/v1${pathname}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new Error(`${init.method ?? 'GET'} ${pathname}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

// ---------------------------------------------------------------------------
// The SendGrid stand-in: POST /v3/mail/send → 202 + x-message-id, counted per outbox id.

const received = new Map();
let requestsSeen = 0;
let malformed = 0;
const sendgrid = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/v3/mail/send') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    requestsSeen += 1;
    let id = NaN;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      id = Number(body.custom_args?.outbox_id);
      if (!body.personalizations?.[0]?.to?.[0]?.email || !body.subject || !body.content?.length)
        malformed += 1;
    } catch {
      malformed += 1;
    }
    received.set(id, (received.get(id) ?? 0) + 1);
    const answer = () =>
      res.writeHead(202, { 'x-message-id': `bench-${id}-${requestsSeen}` }).end();
    if (latencyMs > 0) setTimeout(answer, latencyMs);
    else answer();
  });
});

// ---------------------------------------------------------------------------
// Measuring

const percentile = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
    : NaN;

/** GET /orders/:id on random orders until `until` resolves (or for `seconds`). */
function reads(token, orderIds, { paced, until }) {
  let turn = 0;
  const latencies = [];
  const instance = autocannon({
    url: `http://127.0.0.1:${API_PORT}`,
    connections: paced ? Math.min(connections, 8) : connections,
    ...(paced ? { overallRate: readRate } : {}),
    duration: until ? 3600 : seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `/api/v1/orders/${orderIds[(turn++ * 7919) % orderIds.length]}`,
        }),
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    if (status === 200) latencies.push(responseTime);
  });
  const started = performance.now();
  if (until) void until.then(() => instance.stop());
  return instance.then((result) => {
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      count: latencies.length,
      rate: latencies.length / elapsed,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors: result.non2xx + result.errors + result.timeouts,
    };
  });
}

/** Queues EMAILS rows (one transaction, multi-row INSERTs), copies of real order emails. */
async function queue(pool, templates) {
  const conn = await pool.getConnection();
  try {
    await conn.query('BEGIN');
    const [[{ maxId }]] = await conn.query(
      'SELECT COALESCE(MAX(id), 0) AS maxId FROM notifications',
    );
    const events = ['order_created', 'status_shipped', 'status_in_progress', 'status_completed'];
    for (let from = 0; from < EMAILS; from += 1000) {
      const rows = [];
      for (let i = from; i < Math.min(EMAILS, from + 1000); i += 1) {
        const t = templates[i % templates.length];
        rows.push([
          events[i % events.length],
          t.order_id,
          t.client_id,
          'client',
          `bench${i}@clients.gestco.test`,
          t.to_name,
          t.language,
          t.payload,
          'queued',
          'sendgrid',
          0,
          new Date(Date.now() - 1000),
        ]);
      }
      await conn.query(
        `INSERT INTO notifications (event, order_id, client_id, recipient_type, to_email, to_name,
           language, payload, status, transport, attempts, next_attempt_at) VALUES ?`,
        [rows],
      );
    }
    await conn.query('COMMIT');
    const committedAt = performance.now();
    const [[{ first, last }]] = await pool.query(
      'SELECT MIN(id) AS first, MAX(id) AS last FROM notifications WHERE id > ?',
      [maxId],
    );
    return { first: Number(first), last: Number(last), committedAt };
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  } finally {
    conn.release();
  }
}

async function waitDrained(pool, batch) {
  for (;;) {
    const [[row]] = await pool.query(
      "SELECT SUM(status <> 'sent') AS left_, SUM(status = 'failed') AS failed FROM notifications WHERE id BETWEEN ? AND ?",
      [batch.first, batch.last],
    );
    if (Number(row.left_) === 0 || Number(row.left_) === Number(row.failed))
      return { drainedAt: performance.now(), failed: Number(row.failed) };
    await sleep(100);
  }
}

/** Queue EMAILS rows and time the in-process notifier until every one is sent. */
async function drain(pool, templates, title, withReads) {
  const before = requestsSeen;
  const batch = await queue(pool, templates);
  let firstAt;
  const watchFirst = (async () => {
    while (requestsSeen === before) await sleep(5);
    firstAt = performance.now();
  })();
  const drained = waitDrained(pool, batch);
  const readResult = withReads ? withReads(drained) : null;
  const { drainedAt, failed } = await drained;
  await watchFirst;
  const readsDuring = readResult ? await readResult : null;
  // Exactly once: every id of the batch reached the stand-in once.
  let missing = 0;
  let duplicates = 0;
  for (let id = batch.first; id <= batch.last; id += 1) {
    const n = received.get(id) ?? 0;
    if (n === 0) missing += 1;
    if (n > 1) duplicates += n - 1;
  }
  const [[stored]] = await pool.query(
    `SELECT SUM(provider_status = 202 AND provider_message_id LIKE 'bench-%' AND attempts = 1) AS ok,
            SUM(html IS NOT NULL AND text IS NOT NULL AND subject IS NOT NULL) AS rendered
       FROM notifications WHERE id BETWEEN ? AND ?`,
    [batch.first, batch.last],
  );
  const row = {
    title,
    count: batch.last - batch.first + 1,
    seconds: (drainedAt - batch.committedAt) / 1000,
    rate: (batch.last - batch.first + 1) / ((drainedAt - batch.committedAt) / 1000),
    rateFromFirst: (batch.last - batch.first + 1) / ((drainedAt - firstAt) / 1000),
    pickup: (firstAt - batch.committedAt) / 1000,
    failed,
    missing,
    duplicates,
    stored: Number(stored.ok),
    rendered: Number(stored.rendered),
    reads: readsDuring,
  };
  log(
    `${title}: ${row.count} emails in ${row.seconds.toFixed(1)} s = ${row.rate.toFixed(0)}/s ` +
      `(${row.rateFromFirst.toFixed(0)}/s from the first send), missing ${missing}, duplicates ${duplicates}` +
      (readsDuring
        ? `; reads ${readsDuring.rate.toFixed(0)}/s p99 ${readsDuring.p99.toFixed(1)} ms`
        : ''),
  );
  return row;
}

// ---------------------------------------------------------------------------

async function main(admin) {
  ensureBuilt();
  await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await admin.query(
    `CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await new Promise((resolve) => sendgrid.listen(SENDGRID_PORT, '127.0.0.1', resolve));

  log('starting the API with SendGrid pointed at the stand-in, NOTIFIER=on');
  await start(
    'node',
    ['apps/api/dist/server.js'],
    {
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(API_PORT),
      LOG_LEVEL: 'warn',
      GESTCO_ADMIN_EMAIL: ADMIN.email,
      GESTCO_ADMIN_PASSWORD: ADMIN.password,
      LOGIN_MAX_PER_IP: '100000',
      GESTCO_DEMO: 'false',
      SENDGRID_API_KEY: 'SG.bench-key-0123456789',
      SENDGRID_BASE_URL: `http://127.0.0.1:${SENDGRID_PORT}`,
      MAIL_FROM: 'commandes@bench.gestco.test',
      NOTIFIER: 'on',
    },
    'Gestco is ready',
  );
  const { accessToken: token } = await api('/auth/login', null, {
    method: 'POST',
    body: JSON.stringify(ADMIN),
  });

  // Orders to read, created through the API with their confirmation email: the
  // notifier sends those at once (the warm-up), and their payloads are the
  // templates of the queued rows.
  log(`creating ${ORDERS} orders through the API (3 lines each, notify: true)`);
  const clients = [];
  for (let i = 0; i < 20; i += 1) {
    clients.push(
      await api('/clients', token, {
        method: 'POST',
        body: JSON.stringify({
          name: `Client du bench ${i}`,
          kind: 'company',
          email: `client${i}@bench.gestco.test`,
          language: i % 4 === 0 ? 'en' : 'fr',
        }),
      }),
    );
  }
  const orderIds = [];
  for (let i = 0; i < ORDERS; i += 1) {
    const order = await api('/orders', token, {
      method: 'POST',
      body: JSON.stringify({
        clientId: clients[i % clients.length].id,
        notify: true,
        lines: [1, 2, 3].map((n) => ({
          description: `Article ${n} de la commande ${i}`,
          quantity: n,
          unitPrice: 1000 + 37 * n + i,
          vatRate: '20',
        })),
      }),
    });
    orderIds.push(order.id);
  }

  // jsonStrings: payloads are copied as the JSON text they are stored as.
  const pool = mysql.createPool({
    uri: databaseUrl,
    connectionLimit: 4,
    timezone: 'Z',
    jsonStrings: true,
  });
  const warm = await waitDrained(pool, { first: 1, last: Number.MAX_SAFE_INTEGER });
  if (warm.failed) throw new Error(`${warm.failed} warm-up emails failed`);
  const [templates] = await pool.query(
    "SELECT order_id, client_id, to_name, language, payload FROM notifications WHERE event = 'order_created' ORDER BY id",
  );
  log(`warm-up: ${templates.length} order emails sent; ${requestsSeen} requests at the stand-in`);

  const rows = { reads: [], drains: [] };
  log(`reads alone: ${connections} connections, then ${readRate} req/s, ${seconds} s each`);
  rows.reads.push({ title: 'reads alone, saturating', ...(await reads(token, orderIds, {})) });
  rows.reads.push({
    title: `reads alone, paced at ${readRate} req/s`,
    ...(await reads(token, orderIds, { paced: true })),
  });
  for (const r of rows.reads)
    log(`${r.title}: ${r.rate.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);

  rows.drains.push(await drain(pool, templates, 'drain alone', null));
  rows.drains.push(
    await drain(pool, templates, `drain + reads (${connections} connections)`, (drained) =>
      reads(token, orderIds, { until: drained }),
    ),
  );
  rows.drains.push(
    await drain(pool, templates, `drain + reads paced at ${readRate} req/s`, (drained) =>
      reads(token, orderIds, { paced: true, until: drained }),
    ),
  );
  await pool.end();
  return rows;
}

const admin = await mysql.createConnection({ uri: server });
let rows;
try {
  rows = await main(admin);
} finally {
  for (const child of children) child.kill('SIGTERM');
  sendgrid.close();
  if (!keep) await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await admin.end();
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
console.log(
  `\n${EMAILS.toLocaleString('en')} queued emails per drain; one notifier in the API process (NOTIFIER=on, ` +
    `batch 20, 8 sends in flight), real @sendgrid/mail → local stand-in answering 202` +
    `${latencyMs ? ` after ${latencyMs} ms` : ' at once'}.` +
    `\nemails/s counts from the COMMIT of the queued rows (the idle notifier polls every second) to the last row marked sent.` +
    `\nReads: GET /api/v1/orders/:id over ${ORDERS} orders with autocannon.\n`,
);
console.log(
  `| scenario | emails | s | emails/s | from 1st send | pickup s | failed | missing | duplicates | rows 202 + msg id | reads/s | p50 ms | p99 ms | ≥ ${TARGET}/s |`,
);
console.log(
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
);
for (const r of rows.reads)
  console.log(
    `| ${r.title} | | | | | | | | | | ${r.rate.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | |`,
  );
for (const d of rows.drains)
  console.log(
    `| ${d.title} | ${d.count} | ${d.seconds.toFixed(1)} | ${d.rate.toFixed(0)} | ${d.rateFromFirst.toFixed(0)} | ${d.pickup.toFixed(2)} | ${d.failed} | ${d.missing} | ${d.duplicates} | ${d.stored} | ${d.reads ? d.reads.rate.toFixed(0) : ''} | ${d.reads ? ms(d.reads.p50) : ''} | ${d.reads ? ms(d.reads.p99) : ''} | ${d.rate >= TARGET ? 'PASS' : 'FAIL'} |`,
  );
const [alone, , paced] = rows.drains;
const [idleSat, idlePaced] = rows.reads;
const duringSat = rows.drains[1].reads;
console.log(
  `\nreads p99 while draining / idle: saturating ${ms(duringSat.p99)} / ${ms(idleSat.p99)} ms` +
    ` (throughput ${duringSat.rate.toFixed(0)} / ${idleSat.rate.toFixed(0)} req/s);` +
    ` paced ${ms(paced.reads.p99)} / ${ms(idlePaced.p99)} ms`,
);
const exact = rows.drains.every(
  (d) => d.missing === 0 && d.duplicates === 0 && d.failed === 0 && d.stored === d.count,
);
const pass = rows.drains.every((d) => d.rate >= TARGET);
console.log(
  `${pass ? 'PASS' : 'FAIL'}: one worker drains ${Math.round(alone.rate)} emails/s alone, ` +
    `${Math.round(Math.min(...rows.drains.map((d) => d.rate)))}/s at worst under read load (target ≥ ${TARGET}/s)` +
    `\n${exact ? 'every email reached the stand-in exactly once and its row holds 202 + the message id' : 'MISSING, DUPLICATE OR FAILED EMAILS: see the table'}` +
    `${malformed ? `\n${malformed} malformed requests at the stand-in` : ''}`,
);
const load = (l) => l.map((v) => v.toFixed(2)).join(' ');
console.log(
  `load average (1/5/15 min) at start ${load(loadAtStart)}, at end ${load(os.loadavg())} on ${os.cpus().length} cores`,
);
console.log(
  `total run time ${((Date.now() - t0) / 1000).toFixed(0)} s${keep ? `; kept database ${DB_NAME}` : `; dropped ${DB_NAME}`}`,
);
if (!pass || !exact || malformed) process.exitCode = 1;
