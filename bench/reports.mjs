// `pnpm bench:reports`: the dashboard, the reports and the orders export over 1,000,000
// orders, next to a bare stack (Fastify + mysql2, hand-written SQL, no auth or validation)
// doing the same reads by hand, in the same run (TOOLCHAIN.md, last section).
//   a. the whole dashboard (GET /reports/dashboard: every tile in one answer)
//   b. every single-grouping report over the last 365 days (GET /reports/aggregate)
//      next to: the same read of the facts by hand (bare), and the same figures computed
//      from the orders without the facts (bare "naive"), to show what the facts buy
//   c. the CSV export of every order: time, bytes, and the peak RSS of a fresh API process
//      (VmHWM from /proc/<pid>/status), next to a bare mysql2 stream written as CSV
// Targets (issue 9, 2-core machine): any dashboard tile and any year report p95 ≤ 300 ms;
// the export of 1M orders with the API's RSS under 300 MB.
//
//   pnpm bench:reports [--keep] [--reuse] [--private-server[=2G]]
//     --private-server  a throwaway MariaDB (TOOLCHAIN.md recipe) with that InnoDB buffer pool,
//                       instead of TEST_DATABASE_URL (whose default 128 MB pool holds neither
//                       the orders nor the facts of 1M orders)
//   BENCH_ORDERS=1000000 BENCH_CLIENTS=50000 BENCH_SECONDS=5 BENCH_CONNECTIONS=4 BENCH_DEBUG=1
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(new URL('../package.json', import.meta.url));
const apiRequire = createRequire(new URL('../apps/api/package.json', import.meta.url));
const mysql = apiRequire('mysql2/promise');

const DB_NAME = 'gestco_bench_reports';
const privateArg = process.argv.find((a) => a.startsWith('--private-server'));
const privatePool = privateArg ? (privateArg.split('=')[1] ?? '2G') : null;
const PRIVATE_PORT = Number(process.env.BENCH_PRIVATE_PORT ?? 3427);
const PRIVATE_DIR =
  process.env.BENCH_PRIVATE_DIR ?? path.join(os.tmpdir(), 'gestco-bench-reports-db');
const server = privatePool
  ? `mysql://root@127.0.0.1:${PRIVATE_PORT}`
  : (process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');
const databaseUrl = `${server}/${DB_NAME}`;
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3941);
const EXPORT_PORT = API_PORT + 1;
const BARE_PORT = API_PORT + 2;

// ---------------------------------------------------------------------------
// The bare stack (this file run with --bare): the same reads written by hand.

if (process.argv.includes('--bare')) {
  const Fastify = apiRequire('fastify');
  const pool = mysql.createPool({
    uri: process.env.DATABASE_URL,
    connectionLimit: 10,
    timezone: 'Z',
  });
  pool.on('connection', (c) => c.query("SET time_zone = '+00:00'"));
  const app = Fastify();
  // The same sums as the reports repository (revenue without cancelled orders).
  const SUMS = `SUM(orders) AS orders, SUM(IF(status <> 'cancelled', orders, 0)) AS sales_orders,
    SUM(IF(status <> 'cancelled', units, 0)) AS units, SUM(IF(status <> 'cancelled', net, 0)) AS net,
    SUM(IF(status <> 'cancelled', gross, 0)) AS gross, SUM(IF(status <> 'cancelled', discounts, 0)) AS discounts,
    SUM(IF(status <> 'cancelled', shipping, 0)) AS shipping, SUM(refunded) AS refunded`;
  // The facts, read by hand (the floor for a report): days for time, months + edges otherwise.
  app.get('/facts', async (req) => {
    const { dim, key, from, to, months, limit } = req.query;
    const ranges = months ? JSON.parse(months) : [{ grain: 'd', from, to }];
    const [rows] = await pool.query(
      `SELECT ${key} AS k, ${SUMS} FROM report_facts
        WHERE (${ranges.map(() => '(grain = ? AND dim = ? AND period BETWEEN ? AND ?)').join(' OR ')})
        GROUP BY k ORDER BY gross DESC LIMIT ${Number(limit ?? 1000)}`,
      ranges.flatMap((r) => [r.grain, dim, r.from, r.to]),
    );
    return rows;
  });
  // Without the facts: the same figures from the orders (UTC days, EUR only: simpler than Gestco).
  app.get('/naive', async (req) => {
    const { key, from, to } = req.query;
    const join =
      key === 'l.product_id'
        ? 'JOIN order_lines l ON l.order_id = o.id'
        : key === 't.tag'
          ? 'JOIN order_tags t ON t.order_id = o.id'
          : '';
    const [rows] = await pool.query(
      `SELECT ${key} AS k, COUNT(*) AS orders, SUM(IF(o.status <> 'cancelled', o.total, 0)) AS gross
         FROM orders o ${join} WHERE o.created_at >= ? AND o.created_at < ?
        GROUP BY k ORDER BY gross DESC LIMIT 10`,
      [new Date(from), new Date(to)],
    );
    return rows;
  });
  // The export by hand: a mysql2 row stream written as CSV with backpressure.
  app.get('/orders.csv', (req, reply) => {
    const { Transform } = require('node:stream');
    const rows = pool.pool
      .query(
        `SELECT o.reference, o.created_at, o.status, o.payment_status, c.code, c.name, o.total, o.currency, o.tags
           FROM orders o JOIN clients c ON c.id = o.client_id ORDER BY o.created_at DESC, o.id DESC`,
      )
      .stream({ highWaterMark: 1000 });
    const csv = new Transform({
      writableObjectMode: true,
      transform(r, _enc, done) {
        const q = (v) =>
          /[;"\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v);
        done(
          null,
          `${[r.reference, r.created_at.toISOString(), r.status, r.payment_status, r.code, q(r.name), r.total, r.currency, q(r.tags)].join(';')}\r\n`,
        );
      },
    });
    rows.pipe(csv);
    return reply.type('text/csv').send(csv);
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  console.log('bare ready');
  await new Promise(() => {});
}

const autocannon = require('autocannon');
const tsxApi = path.join(
  path.dirname(apiRequire.resolve('tsx/package.json')),
  'dist/esm/api/index.mjs',
);
const { tsImport } = await import(pathToFileURL(tsxApi).href);

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50_000);
const PRODUCTS = 1000;
const OPERATORS = 8;
const YEARS = 3;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const keep = process.argv.includes('--keep');
const reuse = process.argv.includes('--reuse');
const TARGET = { p95: 300, rssMb: 300 };
const ADMIN = { email: 'bench@gestco.fr', password: 'bench-password-123' };

const t0 = Date.now();
const log = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
const DAY = 86_400_000;
const pad = (n, w = 2) => String(n).padStart(w, '0');
const sqlTime = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

// ---------------------------------------------------------------------------
// Data (deterministic, mulberry32 as in bench/orders.mjs; a lighter book: the reports
// read statuses, amounts, lines, tags and dimensions, not names or search text).

function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const weighted = ({ items, cumulative }) => {
    const r = next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    weighted,
  };
}
const weights = (entries) => {
  let sum = 0;
  return { items: entries.map(([v]) => v), cumulative: entries.map(([, w]) => (sum += w)) };
};
const zipf = (n, s) => weights(Array.from({ length: n }, (_, i) => [i, 1 / (i + 1) ** s]));
const ORIGINS = weights([
  ['phone', 40],
  ['store', 20],
  ['manual', 12],
  ['quick_link', 12],
  ['api', 10],
  ['import', 6],
]);
const PAYMENT_METHODS = weights([
  ['Carte bancaire', 50],
  ['Virement', 25],
  ['Chèque', 15],
  ['Espèces', 10],
]);
const SHIPPING = weights([
  ['Colissimo', 55],
  ['Chronopost 24h', 15],
  ['Retrait en magasin', 30],
]);
const COUNTRIES = weights([
  ['FR', 85],
  ['BE', 8],
  ['CH', 4],
  ['LU', 3],
]);
const TAGS = weights([
  ['Priorité haute', 30],
  ['Fidèle', 25],
  ['Problème', 10],
  ['À rappeler', 10],
  ['Export', 5],
  ['Pro', 6],
]);
const VAT = weights([
  ['20', 85],
  ['10', 8],
  ['5.5', 7],
]);
const lit = (v) =>
  v === null || v === undefined
    ? 'NULL'
    : typeof v === 'number'
      ? String(v)
      : `'${String(v).replace(/['\\]/g, (c) => `\\${c}`)}'`;

async function load(pool, operators) {
  const { computeTotals } = await tsImport(
    '../packages/contract/src/orders/totals.ts',
    import.meta.url,
  );
  const random = createRandom(11);
  const now = Date.now();
  const start = now - YEARS * 365 * DAY;
  log(`loading ${CLIENTS.toLocaleString('en')} clients, ${PRODUCTS} products`);
  const clientCountry = [];
  for (let i = 0; i < CLIENTS; i += 5000) {
    const rows = [];
    for (let id = i + 1; id <= Math.min(CLIENTS, i + 5000); id += 1) {
      clientCountry[id] = random.weighted(COUNTRIES);
      rows.push(
        `(${id},'R${pad(id, 6)}','company','Client ${id}','current','warm',0,'EUR','fr','[]','client ${id}','${sqlTime(start - 30 * DAY)}','${sqlTime(start - 30 * DAY)}')`,
      );
    }
    await pool.query(
      `INSERT INTO clients (id, code, kind, name, status, temperature, discount_bp, currency, language, tags, search_text, created_at, updated_at) VALUES ${rows.join(',')}`,
    );
  }
  const products = Array.from({ length: PRODUCTS }, (_, i) => ({
    id: i + 1,
    price: [190, 490, 890, 1290, 2490, 4990, 8990, 14990][random.int(0, 7)] + random.int(0, 9) * 10,
    vat: random.weighted(VAT),
  }));
  await pool.query(
    `INSERT INTO products (id, sku, name, specs, unit_price, vat_bp, sales_unit, on_hand, reorder_point) VALUES ${products
      .map(
        (p) =>
          `(${p.id},'RB-${pad(p.id, 4)}','Produit ${p.id}','[]',${p.price},${Math.round(Number(p.vat) * 100)},'pièce',${random.int(0, 50)},${random.int(0, 20)})`,
      )
      .join(',')}`,
  );

  // Secondary indexes of orders dropped for the load and rebuilt sorted (as bench/orders.mjs).
  const [stats] = await pool.query(
    `SELECT s.INDEX_NAME AS name, s.INDEX_TYPE AS type, GROUP_CONCAT(s.COLUMN_NAME ORDER BY s.SEQ_IN_INDEX) AS cols
       FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = ? AND s.TABLE_NAME = 'orders'
        AND s.NON_UNIQUE = 1 AND s.INDEX_NAME NOT IN (
          SELECT k.CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE k
           WHERE k.TABLE_SCHEMA = s.TABLE_SCHEMA AND k.TABLE_NAME = 'orders' AND k.REFERENCED_TABLE_NAME IS NOT NULL)
      GROUP BY s.INDEX_NAME, s.INDEX_TYPE`,
    [DB_NAME],
  );
  const [fkCols] = await pool.query(
    `SELECT COLUMN_NAME AS col FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'orders' AND REFERENCED_TABLE_NAME IS NOT NULL`,
    [DB_NAME],
  );
  const fk = new Set(fkCols.map((r) => r.col));
  const dropped = stats.filter((s) => !fk.has(String(s.cols).split(',')[0]));
  await pool.query(
    `ALTER TABLE orders ${dropped.map((i) => `DROP INDEX \`${i.name}\``).join(', ')}`,
  );

  log(
    `loading ${ORDERS.toLocaleString('en')} orders over ${YEARS} years (multi-row INSERTs of 5,000)`,
  );
  const clientPick = zipf(CLIENTS, 0.5);
  const productPick = zipf(PRODUCTS, 0.4);
  const step = (now - 60_000 - start) / ORDERS;
  const loadStart = performance.now();
  let lineTotal = 0;
  for (let first = 1; first <= ORDERS; first += 5000) {
    const orderRows = [];
    const lineRows = [];
    const tagRows = [];
    for (let id = first; id < first + 5000 && id <= ORDERS; id += 1) {
      const created = Math.round(start + (id - 1) * step + random.next() * step);
      const age = now - created;
      const r = random.next();
      const status =
        age < 2 * DAY
          ? r < 0.45
            ? 'pending'
            : r < 0.9
              ? 'in_progress'
              : r < 0.95
                ? 'shipped'
                : 'cancelled'
          : age < 10 * DAY
            ? r < 0.15
              ? 'in_progress'
              : r < 0.65
                ? 'shipped'
                : r < 0.95
                  ? 'completed'
                  : 'cancelled'
            : r < 0.94
              ? 'completed'
              : r < 0.99
                ? 'cancelled'
                : 'shipped';
      const p = random.next();
      const paymentStatus =
        status === 'completed'
          ? p < 0.92
            ? 'paid'
            : p < 0.95
              ? 'refunded'
              : p < 0.975
                ? 'partially_refunded'
                : 'unpaid'
          : status === 'shipped'
            ? p < 0.7
              ? 'paid'
              : 'unpaid'
            : p < 0.3
              ? 'paid'
              : 'unpaid';
      const client = random.weighted(clientPick) + 1;
      const lines = [];
      const used = new Set();
      for (let n = random.int(1, 4); lines.length < n;) {
        const product = products[random.weighted(productPick)];
        if (used.has(product.id)) continue;
        used.add(product.id);
        lines.push({ product, quantity: random.int(1, 5) });
      }
      const shipping = random.weighted(SHIPPING);
      const computed = computeTotals({
        lines: lines.map((l) => ({
          quantity: l.quantity,
          unitPrice: l.product.price,
          discountRate: '0',
          vatRate: l.product.vat,
        })),
        clientDiscountRate: '0',
        coupon: null,
        shippingFee: shipping === 'Colissimo' ? 690 : shipping === 'Chronopost 24h' ? 1290 : 0,
        shippingVatRate: '20',
      });
      const total = computed.totals.total;
      const refunded =
        paymentStatus === 'refunded'
          ? total
          : paymentStatus === 'partially_refunded'
            ? Math.round(total / 4)
            : 0;
      const tags = random.chance(0.15) ? [random.weighted(TAGS)] : [];
      const billing = `{"name":"Client ${client}","company":null,"email":null,"phone":null,"line1":null,"line2":null,"postalCode":null,"city":null,"country":"${clientCountry[client]}"}`;
      const operator = random.chance(0.9) ? operators[random.int(0, operators.length - 1)] : null;
      orderRows.push(
        `(${[
          id,
          lit(`CMD-B-${pad(id, 7)}`),
          client,
          lit(operator),
          lit(random.weighted(ORIGINS)),
          lit(status),
          lit(paymentStatus),
          lit(
            paymentStatus === 'unpaid' && random.chance(0.5)
              ? null
              : random.weighted(PAYMENT_METHODS),
          ),
          lit(shipping),
          lit(billing),
          lit(billing),
          "'20'",
          lit(JSON.stringify(computed.totals)),
          total,
          "'EUR'",
          "'1'",
          total,
          paymentStatus === 'unpaid' ? 0 : total,
          refunded,
          lit(status === 'pending' ? 'none' : 'deducted'),
          lit(JSON.stringify(tags)),
          lines.length,
          "''",
          lit(sqlTime(created)),
          lit(sqlTime(created)),
          2,
        ].join(',')})`,
      );
      lines.forEach((l, i) =>
        lineRows.push(
          `(${id},${i},${l.product.id},'RB-${pad(l.product.id, 4)}','Produit ${l.product.id}',${l.quantity},${l.product.price},0,'${l.product.vat}',${computed.lineTotals[i]})`,
        ),
      );
      for (const tag of tags) tagRows.push(`(${id},${lit(tag)},${lit(sqlTime(created))})`);
    }
    lineTotal += lineRows.length;
    await pool.query(
      `INSERT INTO orders (id, reference, client_id, operator_id, origin, status, payment_status, payment_method, shipping_method,
         billing_address, shipping_address, shipping_vat_rate, totals, total, currency, exchange_rate, base_total, paid_amount,
         refunded_amount, stock_state, tags, line_count, search_text, created_at, updated_at, version) VALUES ${orderRows.join(',')}`,
    );
    await pool.query(
      `INSERT INTO order_lines (order_id, position, product_id, sku, name, quantity, unit_price, discount_bp, vat_rate, total) VALUES ${lineRows.join(',')}`,
    );
    if (tagRows.length)
      await pool.query(
        `INSERT INTO order_tags (order_id, tag, order_created_at) VALUES ${tagRows.join(',')}`,
      );
    const done = Math.min(ORDERS, first + 4999);
    if (done % 200_000 === 0 || done === ORDERS)
      log(
        `  ${done.toLocaleString('en')} orders (${Math.round(done / ((performance.now() - loadStart) / 1000)).toLocaleString('en')}/s)`,
      );
  }
  const rebuild = performance.now();
  const def = (i) =>
    `ADD ${i.type === 'FULLTEXT' ? 'FULLTEXT ' : ''}INDEX \`${i.name}\` (${String(i.cols)
      .split(',')
      .map((c) => `\`${c}\``)
      .join(', ')})`;
  await pool.query(
    `ALTER TABLE orders ${dropped
      .filter((i) => i.type !== 'FULLTEXT')
      .map(def)
      .join(', ')}`,
  );
  for (const i of dropped.filter((x) => x.type === 'FULLTEXT'))
    await pool.query(`ALTER TABLE orders ${def(i)}`);
  log(
    `rebuilt ${dropped.length} indexes in ${((performance.now() - rebuild) / 1000).toFixed(1)} s`,
  );
  await pool.query('ANALYZE TABLE orders, order_lines, order_tags, clients, products');
  return { seconds: (performance.now() - loadStart) / 1000, lines: lineTotal };
}

// ---------------------------------------------------------------------------
// Processes

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}
function ensureBuilt() {
  const dist = path.join(root, 'apps/api/dist/server.js');
  const newest = Math.max(
    ...['apps/api/src', 'apps/api/drizzle', 'packages/contract/src'].map((d) =>
      newestMtime(path.join(root, d)),
    ),
  );
  if (existsSync(dist) && statSync(dist).mtimeMs >= newest) return;
  log('building the API');
  if (
    spawnSync('pnpm', ['--filter', '@gestco/api', 'build'], { cwd: root, stdio: 'inherit' })
      .status !== 0
  )
    throw new Error('build failed');
}

const children = [];
function start(args, env, readyText) {
  const child = spawn('node', args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      output += d;
      if (output.includes(readyText)) resolve(child);
    });
    child.stderr.on('data', (d) => {
      output += d;
      if (process.env.BENCH_DEBUG) process.stderr.write(d);
    });
    child.on('exit', (code) =>
      reject(new Error(`node ${args.join(' ')} exited with ${code}\n${output}`)),
    );
  });
}
const apiEnv = (port) => ({
  NODE_ENV: 'development',
  // The heap cap `pnpm start` and the Docker image run the API with (scripts/start.mjs).
  NODE_OPTIONS: '--max-old-space-size=1024',
  DATABASE_URL: databaseUrl,
  HOST: '127.0.0.1',
  PORT: String(port),
  LOG_LEVEL: 'warn',
  GESTCO_ADMIN_EMAIL: ADMIN.email,
  GESTCO_ADMIN_PASSWORD: ADMIN.password,
  LOGIN_MAX_PER_IP: '100000',
  GESTCO_DEMO: 'false',
  NOTIFIER: 'off',
});

/** Resident memory of a process, from /proc (current and peak), in MB. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Waits until the bench database runs no query (requests autocannon gave up on keep running
 * in the server), killing what is left after 30 s, so each row starts on a quiet server.
 */
async function settle() {
  const busy = async () => {
    const [rows] = await admin.query(
      `SELECT ID AS id FROM information_schema.PROCESSLIST
        WHERE DB = ? AND COMMAND = 'Query' AND ID <> CONNECTION_ID()`,
      [DB_NAME],
    );
    return rows.map((r) => Number(r.id));
  };
  for (let i = 0; i < 300 && (await busy()).length > 0; i += 1)
    await new Promise((r) => setTimeout(r, 100));
  const left = await busy();
  for (const id of left) await admin.query(`KILL QUERY ${id}`).catch(() => {});
  if (left.length > 0) log(`  killed ${left.length} query(ies) still running 30 s after the row`);
}

/** autocannon on one path, after a 1 s warm-up; exact percentiles of every 200. */
async function measure(title, url, headers = {}) {
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers });
  await settle();
  const latencies = [];
  let errors = 0;
  const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  instance.on('response', (_c, status, _b, time) =>
    status === 200 ? latencies.push(time) : (errors += 1),
  );
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const row = {
    title,
    rate: latencies.length / SECONDS,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: errors + result.errors + result.timeouts,
  };
  log(`${title}: ${Math.round(row.rate)}/s, p95 ${row.p95?.toFixed(1)} ms, errors ${row.errors}`);
  await settle();
  return row;
}

/** One request at a time, `n` times (for reads too slow for a load test): the median. */
async function solo(title, url, n = 3) {
  const times = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(n / 2)];
  log(`${title}: alone, median ${median.toFixed(0)} ms of ${n}`);
  return {
    title,
    rate: 1000 / median,
    p50: median,
    p95: times.at(-1),
    p99: times.at(-1),
    errors: 0,
  };
}

async function download(url, headers, pid) {
  const started = performance.now();
  let peak = 0;
  const timer = pid ? setInterval(() => (peak = Math.max(peak, memory(pid).rss)), 100) : null;
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) lines += 1;
  }
  if (timer) clearInterval(timer);
  return {
    seconds: (performance.now() - started) / 1000,
    bytes,
    lines,
    peakRss: peak,
    ...(pid ? memory(pid) : {}),
  };
}

// ---------------------------------------------------------------------------

/** A throwaway MariaDB (TOOLCHAIN.md): its own data directory, port and buffer pool. */
async function startPrivateServer() {
  if (!existsSync(path.join(PRIVATE_DIR, 'mysql'))) {
    log(`initialising a private MariaDB in ${PRIVATE_DIR}`);
    const init = spawnSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${PRIVATE_DIR}`,
        '--user=root',
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { stdio: process.env.BENCH_DEBUG ? 'inherit' : 'ignore' },
    );
    if (init.status !== 0) throw new Error('mariadb-install-db failed');
  }
  const child = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${PRIVATE_DIR}`,
      `--port=${PRIVATE_PORT}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(PRIVATE_DIR, 'mysqld.sock')}`,
      `--pid-file=${path.join(PRIVATE_DIR, 'mysqld.pid')}`,
      '--user=root',
      '--character-set-server=utf8mb4',
      '--default-time-zone=+00:00',
      '--skip-log-bin',
      `--innodb-buffer-pool-size=${privatePool}`,
      '--innodb-log-file-size=512M',
    ],
    { stdio: ['ignore', 'ignore', process.env.BENCH_DEBUG ? 'inherit' : 'ignore'] },
  );
  for (let i = 0; i < 100; i += 1) {
    try {
      const c = await mysql.createConnection({ uri: server });
      await c.end();
      log(`private MariaDB on port ${PRIVATE_PORT}, innodb_buffer_pool_size=${privatePool}`);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  child.kill('SIGTERM');
  throw new Error('the private MariaDB did not start');
}

ensureBuilt();
const privateServer = privatePool ? await startPrivateServer() : null;
const admin = await mysql.createConnection({ uri: server });
const [[serverInfo]] = await admin.query(
  'SELECT VERSION() AS v, @@innodb_buffer_pool_size AS pool',
);
log(
  `database server MariaDB ${serverInfo.v}, innodb_buffer_pool_size ${Math.round(Number(serverInfo.pool) / 1048576)} MB`,
);
let fresh = true;
if (reuse) {
  const [[row]] = await admin.query(
    "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'orders'",
    [DB_NAME],
  );
  fresh = Number(row.n) === 0;
}
if (fresh) {
  await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await admin.query(
    `CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
}
const rows = [];
let loadInfo = null;
let build = null;
let exportInfo = null;
let bareExport = null;
let refresh = null;
try {
  log('starting the API (it migrates the empty database)');
  const gestco = await start(['apps/api/dist/server.js'], apiEnv(API_PORT), 'Gestco is ready');
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: 2, timezone: 'Z' });
  pool.on('connection', (c) =>
    c.query("SET time_zone = '+00:00', foreign_key_checks = 0, unique_checks = 0"),
  );
  if (fresh) {
    await pool.query(
      `INSERT INTO users (email, name, role, password_hash, active) VALUES ${Array.from({ length: OPERATORS }, (_, i) => `('op${i}@bench.gestco.fr','Opérateur ${i + 1}','operator','!',1)`).join(',')}`,
    );
    const [ops] = await pool.query("SELECT id FROM users WHERE role = 'operator'");
    loadInfo = await load(
      pool,
      ops.map((r) => Number(r.id)),
    );
  }
  const [[count]] = await pool.query('SELECT COUNT(*) AS n FROM orders');
  log(`database: ${Number(count.n).toLocaleString('en')} orders`);

  const base = `http://127.0.0.1:${API_PORT}/api/v1`;
  const login = await (
    await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
  ).json();
  const auth = { authorization: `Bearer ${login.accessToken}` };

  // The first read builds the facts from every order (once; later reads fold in changes).
  const buildStart = performance.now();
  const first = await fetch(`${base}/reports/dashboard`, { headers: auth });
  if (!first.ok) throw new Error(`dashboard: ${first.status} ${await first.text()}`);
  build = (performance.now() - buildStart) / 1000;
  const [[facts]] = await pool.query('SELECT COUNT(*) AS n FROM report_facts');
  log(
    `facts built from the orders in ${build.toFixed(1)} s (${Number(facts.n).toLocaleString('en')} rows)`,
  );
  // Let the server write back what the build changed before measuring reads.
  await new Promise((r) => setTimeout(r, 10_000));

  const bareChild = await start(
    ['bench/reports.mjs', '--bare'],
    { DATABASE_URL: databaseUrl, PORT: String(BARE_PORT) },
    'bare ready',
  );
  const bare = `http://127.0.0.1:${BARE_PORT}`;

  // a. the dashboard
  rows.push(
    await measure('a. GET /reports/dashboard (every tile)', `${base}/reports/dashboard`, auth),
  );

  // b. a year of each grouping
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 364 * DAY).toISOString().slice(0, 10);
  const groupings = [
    'day',
    'week',
    'month',
    'status',
    'payment_status',
    'product',
    'client',
    'operator',
    'origin',
    'payment_method',
    'shipping_method',
    'tag',
    'country',
  ];
  for (const groupBy of groupings) {
    const metric = groupBy === 'product' ? 'revenue_net' : 'revenue_gross';
    rows.push(
      await measure(
        `b. year by ${groupBy}`,
        `${base}/reports/aggregate?metric=${metric}&groupBy=${groupBy}&from=${from}&to=${today}`,
        auth,
      ),
    );
  }
  for (const groupBy of ['client', 'product'])
    rows.push(
      await measure(
        `b. last calendar year by ${groupBy} (yearly rows)`,
        `${base}/reports/aggregate?metric=revenue_net&groupBy=${groupBy}&range=last_year`,
        auth,
      ),
    );
  rows.push(
    await measure(
      'b. year by month, compare=previous',
      `${base}/reports/aggregate?metric=revenue_gross&groupBy=month&from=${from}&to=${today}&compare=previous`,
      auth,
    ),
  );
  rows.push(
    await measure(
      'b. year by day, filtered (status + origin: facts)',
      `${base}/reports/aggregate?metric=order_count&groupBy=day&from=${from}&to=${today}&status=completed&origin=phone`,
      auth,
    ),
  );
  // The floor and the cost without facts, by hand.
  // The rows Gestco reads for a rolling year: whole months, then the days at both ends.
  const addMonths = (d, n) => {
    const x = new Date(`${d.slice(0, 7)}-01T00:00:00Z`);
    x.setUTCMonth(x.getUTCMonth() + n);
    return x.toISOString().slice(0, 10);
  };
  const firstFull = addMonths(from, 1);
  const edges = JSON.stringify([
    { grain: 'm', from: firstFull, to: addMonths(today, -1) },
    { grain: 'd', from, to: new Date(Date.parse(firstFull) - DAY).toISOString().slice(0, 10) },
    { grain: 'd', from: addMonths(today, 0), to: today },
  ]);
  rows.push(
    await measure(
      'bare: facts by day by hand',
      `${bare}/facts?dim=all&key=period&from=${from}&to=${today}`,
    ),
  );
  rows.push(
    await measure(
      'bare: facts by client by hand',
      `${bare}/facts?dim=client&key=value&limit=10&months=${encodeURIComponent(edges)}`,
    ),
  );
  rows.push(
    await measure(
      'bare: facts by product by hand',
      `${bare}/facts?dim=product&key=value&limit=10&months=${encodeURIComponent(edges)}`,
    ),
  );
  for (const [name, key] of [
    ['day', 'DATE(o.created_at)'],
    ['client', 'o.client_id'],
    ['product', 'l.product_id'],
  ])
    rows.push(
      await solo(
        `bare naive: year by ${name} from the orders (alone)`,
        `${bare}/naive?key=${encodeURIComponent(key)}&from=${from}&to=${today}`,
      ),
    );

  // After one new order: the next read folds its day in (incremental refresh).
  const created = await fetch(`${base}/orders`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: 1, lines: [{ productId: 1, quantity: 2 }] }),
  });
  if (!created.ok) throw new Error(`create: ${created.status} ${await created.text()}`);
  const refreshStart = performance.now();
  await (await fetch(`${base}/reports/dashboard`, { headers: auth })).json();
  refresh = performance.now() - refreshStart;
  log(`dashboard right after a new order (folds today in): ${refresh.toFixed(0)} ms`);

  // c. the export, in a fresh API process so its peak RSS is the export's
  gestco.kill('SIGTERM');
  const exporter = await start(['apps/api/dist/server.js'], apiEnv(EXPORT_PORT), 'Gestco is ready');
  const before = memory(exporter.pid);
  const xbase = `http://127.0.0.1:${EXPORT_PORT}/api/v1`;
  const login2 = await (
    await fetch(`${xbase}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
  ).json();
  log(`exporting every order as CSV (API RSS before: ${before.rss.toFixed(0)} MB)`);
  exportInfo = {
    ...(await download(
      `${xbase}/exports/orders`,
      { authorization: `Bearer ${login2.accessToken}` },
      exporter.pid,
    )),
    before: before.rss,
  };
  log(
    `export: ${exportInfo.lines - 1} rows, ${(exportInfo.bytes / 1048576).toFixed(0)} MB in ${exportInfo.seconds.toFixed(1)} s; API RSS peak ${exportInfo.hwm.toFixed(0)} MB (sampled ${exportInfo.peakRss.toFixed(0)} MB)`,
  );
  bareExport = await download(`${bare}/orders.csv`, {}, bareChild.pid);
  log(
    `bare export: ${bareExport.lines} rows in ${bareExport.seconds.toFixed(1)} s; bare RSS peak ${bareExport.hwm.toFixed(0)} MB`,
  );
  await pool.end();
} finally {
  for (const child of children) child.kill('SIGTERM');
  if (!keep) await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await admin.end();
  if (privateServer) {
    privateServer.kill('SIGTERM');
    await new Promise((r) => privateServer.once('exit', r));
    if (!keep) rmSync(PRIVATE_DIR, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Report

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
console.log(
  `\n${ORDERS.toLocaleString('en')} orders${loadInfo ? ` (${loadInfo.lines.toLocaleString('en')} lines, loaded in ${loadInfo.seconds.toFixed(0)} s)` : ''}; ${os.cpus().length} cores; ${CONNECTIONS} connections, ${SECONDS} s per row after a 1 s warm-up.`,
);
console.log(
  `Facts built on the first read in ${build?.toFixed(1)} s; the dashboard right after a new order (incremental refresh) took ${refresh?.toFixed(0)} ms.\n`,
);
console.log('| measure | req/s | p50 ms | p95 ms | p99 ms | errors | target | verdict |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | :---: |');
const verdicts = [];
for (const r of rows) {
  const gestco = /^[ab]\./.test(r.title);
  const pass = gestco ? r.p95 <= TARGET.p95 && r.errors === 0 : null;
  if (pass !== null) verdicts.push(pass);
  console.log(
    `| ${r.title} | ${Math.round(r.rate)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} | ${gestco ? `p95 ≤ ${TARGET.p95}` : ''} | ${pass === null ? '' : pass ? 'PASS' : 'FAIL'} |`,
  );
}
const find = (prefix) => rows.find((r) => r.title.startsWith(prefix));
const ratio = (a, b) =>
  a && b
    ? `${(a.rate / b.rate).toFixed(2)} (${Math.round(a.rate)} / ${Math.round(b.rate)} req/s)`
    : '-';
console.log(
  `\nratio year by day / bare facts by hand:      ${ratio(find('b. year by day'), find('bare: facts by day'))}`,
);
console.log(
  `ratio year by client / bare facts by hand:   ${ratio(find('b. year by client'), find('bare: facts by client'))}`,
);
console.log(
  `ratio year by product / bare facts by hand:  ${ratio(find('b. year by product'), find('bare: facts by product'))}`,
);
console.log(
  `ratio year by day / bare naive (no facts):   ${ratio(find('b. year by day'), find('bare naive: year by day'))}`,
);
console.log(
  `ratio year by client / bare naive:           ${ratio(find('b. year by client'), find('bare naive: year by client'))}`,
);
console.log(
  `ratio year by product / bare naive:          ${ratio(find('b. year by product'), find('bare naive: year by product'))}`,
);
if (exportInfo) {
  const rssOk = exportInfo.hwm <= TARGET.rssMb;
  verdicts.push(rssOk && exportInfo.lines - 1 === ORDERS);
  console.log(
    `\nCSV export of every order: ${(exportInfo.lines - 1).toLocaleString('en')} rows, ${(exportInfo.bytes / 1048576).toFixed(0)} MB in ${exportInfo.seconds.toFixed(1)} s (${Math.round((exportInfo.lines - 1) / exportInfo.seconds).toLocaleString('en')} rows/s); API RSS ${exportInfo.before.toFixed(0)} MB before, peak (VmHWM) ${exportInfo.hwm.toFixed(0)} MB — target < ${TARGET.rssMb} MB: ${rssOk ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `bare mysql2 stream as CSV: ${bareExport.lines.toLocaleString('en')} rows in ${bareExport.seconds.toFixed(1)} s, bare RSS peak ${bareExport.hwm.toFixed(0)} MB; time ratio bare / gestco ${(bareExport.seconds / exportInfo.seconds).toFixed(2)}`,
  );
}
console.log(
  `total run time ${((Date.now() - t0) / 1000).toFixed(0)} s${keep ? `; kept database ${DB_NAME}` : ''}`,
);
if (!verdicts.every(Boolean)) process.exitCode = 1;
