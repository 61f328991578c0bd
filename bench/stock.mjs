// `pnpm bench:stock`: single-unit stock deductions per second, with 32 concurrent
// callers, (a) on one hot product and (b) spread over 1,000 products, measured
//   - in-process through the inventory service (move() in its retrying transaction),
//   - over HTTP through the built API (POST /products/:id/adjustments, delta −1),
//   - and the bare-stack floor: a hand-written mysql2 transaction doing the same
//     (conditional UPDATE, INSERT of the ledger row, COMMIT) on the same database.
// Target (issue 4): ≥ 500 single-unit deductions per second on one hot product.
//
//   pnpm bench:stock [--keep]        --keep leaves the gestco_bench_stock database
//   BENCH_SECONDS=10 BENCH_CALLERS=32 BENCH_POOL=40 BENCH_API_POOL=10 BENCH_DEBUG=1
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(new URL('../package.json', import.meta.url));
const autocannon = require('autocannon');
const apiRequire = createRequire(new URL('../apps/api/package.json', import.meta.url));
const mysql = apiRequire('mysql2/promise');
// The service layer is TypeScript: load it through tsx, as the tests do through vitest.
const tsxApi = path.join(
  path.dirname(apiRequire.resolve('tsx/package.json')),
  'dist/esm/api/index.mjs',
);
const { tsImport } = await import(pathToFileURL(tsxApi).href);
const src = (file) => tsImport(`../apps/api/src/${file}`, import.meta.url);

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const callers = Number(process.env.BENCH_CALLERS ?? 32);
const poolSize = Number(process.env.BENCH_POOL ?? 40);
const apiPoolSize = Number(process.env.BENCH_API_POOL ?? 10);
const SPREAD = 1000;
const HOT_STOCK = 10_000_000;
const SPREAD_STOCK = 1_000_000;
const TARGET = 500;
const keep = process.argv.includes('--keep');

const DB_NAME = 'gestco_bench_stock';
const server = (process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');
const databaseUrl = `${server}/${DB_NAME}`;
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3921);
const ADMIN = { email: 'bench@gestco.fr', password: 'bench-password-123' };

const t0 = Date.now();
const log = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}`);

// ---------------------------------------------------------------------------
// Processes (as in bench/clients.mjs)

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
// Measuring

const percentile = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
    : NaN;

async function serverStatus(pool) {
  const [rows] = await pool.query(
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Innodb_row_lock_waits')",
  );
  return Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
}

/** Waits until the bench database runs no query (the last scenario's stragglers). */
async function settle(pool) {
  for (let i = 0; i < 300; i += 1) {
    const [[{ busy }]] = await pool.query(
      `SELECT COUNT(*) AS busy FROM information_schema.PROCESSLIST
        WHERE DB = ? AND COMMAND = 'Query' AND ID <> CONNECTION_ID()`,
      [DB_NAME],
    );
    if (Number(busy) === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 300));
}

/** `callers` loops calling `op(productId)` for `seconds`; every call is timed. */
async function inProcess(op, productOf) {
  // Warm-up: open the pool's connections and let the JIT settle.
  await Promise.all(Array.from({ length: callers }, (_, i) => op(productOf(i))));
  const latencies = [];
  let errors = 0;
  let firstError;
  let turn = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const productId = productOf(turn++);
      const t = performance.now();
      try {
        await op(productId);
        latencies.push(performance.now() - t);
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: callers }, loop));
  const elapsed = (performance.now() - started) / 1000;
  if (firstError) console.error(firstError);
  return { count: latencies.length, elapsed, latencies, errors };
}

/** The same over HTTP with autocannon, `callers` connections, each request the next product. */
async function overHttp(token, productOf) {
  let turn = 0;
  const latencies = [];
  const instance = autocannon({
    url: `http://127.0.0.1:${API_PORT}`,
    connections: callers,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        body: JSON.stringify({ mode: 'delta', quantity: -1, reason: 'Bench: vente comptoir' }),
        setupRequest: (req) => ({
          ...req,
          path: `/api/v1/products/${productOf(turn++)}/adjustments`,
        }),
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    if (status === 201) latencies.push(responseTime);
  });
  const result = await instance;
  return {
    count: latencies.length,
    elapsed: seconds,
    latencies,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function measure(pool, title, run, ledger) {
  await settle(pool);
  const before = await serverStatus(pool);
  const { count, elapsed, latencies, errors } = await run();
  const after = await serverStatus(pool);
  await settle(pool);
  latencies.sort((a, b) => a - b);
  const row = {
    title,
    rate: count / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    statements: (after.Questions - before.Questions) / Math.max(1, count),
    lockWaits: (after.Innodb_row_lock_waits - before.Innodb_row_lock_waits) / Math.max(1, count),
    ledger: await ledger(),
  };
  log(
    `${title}: ${Math.round(row.rate)}/s, p99 ${row.p99?.toFixed(1)} ms, errors ${errors}, ledger ${row.ledger}`,
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

  log(`starting the API (pool of ${apiPoolSize}; it migrates the empty database)`);
  await start(
    'node',
    ['apps/api/dist/server.js'],
    {
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(apiPoolSize),
      HOST: '127.0.0.1',
      PORT: String(API_PORT),
      LOG_LEVEL: 'warn',
      GESTCO_ADMIN_EMAIL: ADMIN.email,
      GESTCO_ADMIN_PASSWORD: ADMIN.password,
      LOGIN_MAX_PER_IP: '100000',
      GESTCO_DEMO: 'false',
    },
    'Gestco is ready',
  );
  const { accessToken: token } = await api('/auth/login', null, {
    method: 'POST',
    body: JSON.stringify(ADMIN),
  });

  // The hot product, created and stocked through the API: one receipt of 10 × 1,000,000.
  const supplier = await api('/suppliers', token, {
    method: 'POST',
    body: JSON.stringify({ name: 'Fournisseur du bench' }),
  });
  const hot = await api('/products', token, {
    method: 'POST',
    body: JSON.stringify({ sku: 'BENCH-HOT', name: 'Vis agglo 4 x 40 (bench)', unitPrice: 890 }),
  });
  await api('/stock-receipts', token, {
    method: 'POST',
    body: JSON.stringify({
      supplierId: supplier.id,
      reference: 'BL-BENCH',
      lines: Array.from({ length: HOT_STOCK / 1_000_000 }, () => ({
        productId: hot.id,
        quantity: 1_000_000,
      })),
    }),
  });

  // 1,000 more, by SQL: the products and the ledger row that gives them their stock.
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: poolSize, timezone: 'Z' });
  await pool.query(
    'INSERT INTO products (sku, name, specs, unit_price, vat_bp, sales_unit, on_hand) VALUES ?',
    [
      Array.from({ length: SPREAD }, (_, i) => [
        `BENCH-${String(i).padStart(4, '0')}`,
        `Produit de bench ${i}`,
        '[]',
        1000 + i,
        2000,
        'pièce',
        SPREAD_STOCK,
      ]),
    ],
  );
  const [spreadRows] = await pool.query(
    "SELECT id FROM products WHERE sku REGEXP '^BENCH-[0-9]{4}$' ORDER BY id",
  );
  const spread = spreadRows.map((r) => Number(r.id));
  if (spread.length !== SPREAD)
    throw new Error(`expected ${SPREAD} products, got ${spread.length}`);
  await pool.query(
    `INSERT INTO stock_movements (product_id, delta, on_hand_after, kind, reason, actor_type, actor_label)
     SELECT id, on_hand, on_hand, 'receipt', 'Stock initial du bench', 'system', 'bench'
       FROM products WHERE id IN (?)`,
    [spread],
  );
  await pool.query('ANALYZE TABLE products, stock_movements');

  const hotLedger = async () => {
    const [[row]] = await pool.query(
      'SELECT p.on_hand, (SELECT SUM(delta) FROM stock_movements WHERE product_id = p.id) AS ledger FROM products p WHERE p.id = ?',
      [hot.id],
    );
    return Number(row.on_hand) === Number(row.ledger)
      ? `ok (${Number(row.on_hand).toLocaleString('en')} = sum)`
      : `MISMATCH on hand ${row.on_hand} ≠ ledger ${row.ledger}`;
  };
  const spreadLedger = async () => {
    const [[row]] = await pool.query(
      `SELECT COUNT(*) AS bad FROM products p
        WHERE p.id IN (?) AND p.on_hand <> (SELECT COALESCE(SUM(delta), 0) FROM stock_movements m WHERE m.product_id = p.id)`,
      [spread],
    );
    return Number(row.bad) === 0 ? `ok (${SPREAD} products)` : `MISMATCH on ${row.bad} products`;
  };

  // In-process: the real services on a pool of `poolSize` connections.
  const [{ createDb }, { createServices }, { loadConfig }, { systemActor }] = await Promise.all([
    src('db/client.ts'),
    src('services.ts'),
    src('config/config.ts'),
    src('lib/request-context.ts'),
  ]);
  const handle = createDb(databaseUrl, poolSize);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  const { inventoryService: inventory } = createServices(handle.db, config);
  const actor = systemActor('bench');
  const serviceMove = (productId) =>
    inventory.transaction((tx) =>
      inventory.move(actor, [{ productId, delta: -1 }], 'order_deduct', null, 'bench', tx),
    );

  // The floor: the same transaction by hand.
  const bareMove = async (productId) => {
    const conn = await pool.getConnection();
    try {
      await conn.query('BEGIN');
      const [update] = await conn.execute(
        'UPDATE products SET on_hand = on_hand - 1 WHERE id = ? AND track_stock = 1 AND (allow_backorder = 1 OR on_hand >= 1)',
        [productId],
      );
      if (update.affectedRows !== 1) throw new Error(`product ${productId} is short`);
      await conn.execute(
        `INSERT INTO stock_movements (product_id, delta, on_hand_after, kind, reason, actor_type, actor_label)
         SELECT id, -1, on_hand, 'order_deduct', 'bench', 'system', 'bench' FROM products WHERE id = ?`,
        [productId],
      );
      await conn.query('COMMIT');
    } catch (error) {
      await conn.query('ROLLBACK');
      throw error;
    } finally {
      conn.release();
    }
  };

  const hotOf = () => hot.id;
  const spreadOf = (i) => spread[(i * 7919) % SPREAD];
  const rows = [];
  log(`${callers} callers, ${seconds} s per scenario`);
  for (const [label, productOf, ledger] of [
    ['a. hot product', hotOf, hotLedger],
    [`b. ${SPREAD.toLocaleString('en')} products`, spreadOf, spreadLedger],
  ]) {
    rows.push(
      await measure(
        pool,
        `${label}, service in-process`,
        () => inProcess(serviceMove, productOf),
        ledger,
      ),
      await measure(
        pool,
        `${label}, bare mysql2 (floor)`,
        () => inProcess(bareMove, productOf),
        ledger,
      ),
      await measure(pool, `${label}, HTTP adjustments`, () => overHttp(token, productOf), ledger),
    );
  }
  await handle.close();
  await pool.end();
  return rows;
}

const admin = await mysql.createConnection({ uri: server });
let rows;
try {
  rows = await main(admin);
} finally {
  for (const child of children) child.kill('SIGTERM');
  if (!keep) await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await admin.end();
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
console.log(
  `\n${callers} concurrent callers for ${seconds} s per scenario; single-unit deductions (delta −1).` +
    `\nIn-process: a pool of ${poolSize} connections; HTTP: the built API (pool of ${apiPoolSize}) with autocannon.` +
    `\nstmts/op: statements the server received per deduction; waits/op: InnoDB row-lock waits per deduction.\n`,
);
console.log(
  `| scenario | deductions/s | p50 ms | p95 ms | p99 ms | errors | stmts/op | waits/op | ledger = on hand | ≥ ${TARGET}/s |`,
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | :---: |');
for (const r of rows) {
  const verdict = r.title.includes('bare') ? '' : r.rate >= TARGET ? 'PASS' : 'FAIL';
  console.log(
    `| ${r.title} | ${Math.round(r.rate)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} | ${r.statements.toFixed(1)} | ${r.lockWaits.toFixed(2)} | ${r.ledger} | ${verdict} |`,
  );
}
const [hotService, hotBare, hotHttp, spreadService, spreadBare, spreadHttp] = rows;
const ratio = (a, b) =>
  `${(a.rate / b.rate).toFixed(2)} (${Math.round(a.rate)} / ${Math.round(b.rate)})`;
console.log(`\nratio service / bare, hot product:     ${ratio(hotService, hotBare)}`);
console.log(`ratio HTTP / bare, hot product:        ${ratio(hotHttp, hotBare)}`);
console.log(`ratio service / bare, ${SPREAD} products: ${ratio(spreadService, spreadBare)}`);
console.log(`ratio HTTP / bare, ${SPREAD} products:    ${ratio(spreadHttp, spreadBare)}`);
const ledgersOk = rows.every((r) => r.ledger.startsWith('ok'));
// The target is about stock moves: what orders will call, move() in its transaction.
const pass = hotService.rate >= TARGET;
console.log(
  `\n${pass ? 'PASS' : 'FAIL'}: stock moves on one hot product, ${Math.round(hotService.rate)}/s through the service ` +
    `(target ≥ ${TARGET}/s; floor ${Math.round(hotBare.rate)}/s)` +
    `\n${hotHttp.rate >= TARGET ? 'PASS' : 'FAIL'}: HTTP adjustments on one hot product, ${Math.round(hotHttp.rate)}/s ` +
    `(auth, row lock, ledger, audit and the product view: ${hotHttp.statements.toFixed(0)} statements each)` +
    `\n${ledgersOk ? 'ledger sum = on hand after every scenario' : 'LEDGER MISMATCH: see the table'}`,
);
console.log(
  `total run time ${((Date.now() - t0) / 1000).toFixed(0)} s${keep ? `; kept database ${DB_NAME}` : `; dropped ${DB_NAME}`}`,
);
if (!pass || !ledgersOk) process.exitCode = 1;
