// `pnpm bench:orders`: the orders module over 1,000,000 orders, next to the bare
// stack (bench/bare-server.mjs) doing the same work by hand, in the same run.
//   a. order creation (3 lines, in_progress so stock is deducted), 32 connections
//   b. GET /api/v1/orders under random filter combinations, 16 connections,
//      with EXPLAIN of every query shape (flags any full scan of `orders`)
//   c. GET /api/v1/orders/:id, 16 and 64 connections
// Targets (issue 5, 2-core machine): create ≥ 300/s with p99 ≤ 150 ms; any
// filtered list page p95 ≤ 150 ms without a full table scan; by id p99 ≤ 25 ms;
// and (TOOLCHAIN.md) ≥ 0.6× the bare stack on reads by id, ≥ 0.5× on creation.
//
//   pnpm bench:orders [--keep] [--reuse]
//     --keep   leaves the gestco_bench_orders database
//     --reuse  measures a database kept by a previous run (skips the load)
//     --plans-only  EXPLAIN and time each list shape alone, no load test
//     --private-server[=2G]  runs everything on a throwaway MariaDB started for the run
//              (TOOLCHAIN.md recipe) with that InnoDB buffer pool, instead of TEST_DATABASE_URL
//   BENCH_ORDERS=1000000 BENCH_CLIENTS=50000 BENCH_SECONDS=10 BENCH_LIST_SECONDS=20 BENCH_ROUNDS=1
//   BENCH_ORDER_EVENTS=1 (also load one `created` event per order) BENCH_DEBUG=1
//   BENCH_SCENARIOS=a,b,c (a: creation, b: list + EXPLAIN pass, c: by id)
//   BENCH_API_ENTRY=path/to/server.js  measures another build of the API (e.g. a build of an
//              earlier commit, for a before/after on the same data); default apps/api/dist/server.js
//   BENCH_NOTIFIER=on  also runs the notifier inside the measured API process. Off by default:
//              creation queues its email in the order's transaction either way (that cost is
//              measured); sending it is the notifier's work (bench/notifications.mjs), which a
//              deployment may run apart (NOTIFIER=off + worker), and which would otherwise
//              drain the backlog of the creation rows in the middle of the next scenario.
// Each row also gives the CPU time the server process (Gestco's API or the bare server) and
// the database server (private server only) spent per request: on a shared machine the rates
// move with the load of others, the CPU per request much less.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(new URL('../package.json', import.meta.url));
const autocannon = require('autocannon');
const apiRequire = createRequire(new URL('../apps/api/package.json', import.meta.url));
const mysql = apiRequire('mysql2/promise');
// TypeScript sources (the contract's computeTotals, the orders repository for its
// exact SQL) are loaded through tsx, as bench/stock.mjs does.
const tsxApi = path.join(
  path.dirname(apiRequire.resolve('tsx/package.json')),
  'dist/esm/api/index.mjs',
);
const { tsImport } = await import(pathToFileURL(tsxApi).href);
const apiSrc = (file) => tsImport(`../apps/api/src/${file}`, import.meta.url);

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50_000);
const PRODUCTS = 1000;
const OPERATORS = 8;
const YEARS = 3;
const WITH_EVENTS = process.env.BENCH_ORDER_EVENTS === '1';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const listSeconds = Number(process.env.BENCH_LIST_SECONDS ?? 20);
/** Gestco / bare pairs of the by-id and 32-connection creation rows, run one after the other. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
/** Values of each list shape timed alone (one connection) after its EXPLAIN. */
const SOLO_VALUES = Number(process.env.BENCH_SOLO_VALUES ?? 4);
const keep = process.argv.includes('--keep');
const reuse = process.argv.includes('--reuse');
const plansOnly = process.argv.includes('--plans-only');
/** a: creation, b: list (and its EXPLAIN pass), c: by id. */
const scenarios = new Set((process.env.BENCH_SCENARIOS ?? 'a,b,c').split(','));
const TARGET = { createRate: 300, createP99: 150, listP95: 150, byIdP99: 25 };

const privateArg = process.argv.find((a) => a.startsWith('--private-server'));
const privatePool = privateArg ? (privateArg.split('=')[1] ?? '2G') : null;
const PRIVATE_PORT = Number(process.env.BENCH_PRIVATE_PORT ?? 3417);
const PRIVATE_DIR =
  process.env.BENCH_PRIVATE_DIR ?? path.join(os.tmpdir(), 'gestco-bench-orders-db');

const DB_NAME = 'gestco_bench_orders';
const server = privatePool
  ? `mysql://root@127.0.0.1:${PRIVATE_PORT}`
  : (process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');
const databaseUrl = `${server}/${DB_NAME}`;
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3931);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 3932);
const ADMIN = { email: 'bench@gestco.fr', password: 'bench-password-123' };

const t0 = Date.now();
const log = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}`);

// ---------------------------------------------------------------------------
// Deterministic data (mulberry32), as in bench/clients.mjs

function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  const chance = (p) => next() < p;
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
  const digits = (n) => {
    let s = '';
    for (let i = 0; i < n; i += 1) s += String(Math.floor(next() * 10));
    return s;
  };
  return { next, int, pick, chance, weighted, digits };
}
const weights = (entries) => {
  let sum = 0;
  return { items: entries.map(([v]) => v), cumulative: entries.map(([, w]) => (sum += w)) };
};
const zipf = (n, s) => weights(Array.from({ length: n }, (_, i) => [i, 1 / (i + 1) ** s]));

const SURNAMES =
  'Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefebvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland'.split(
    ' ',
  );
const TAIL =
  'champ mont court ville bert det don fort gnac lard lin lier mas nier quet ral ret rier rin ron'.split(
    ' ',
  );
const TAIL_START =
  'Beau Bel Bon Char Chau Cour Dau Del Des Duc Fer Fon Gau Gre Jou Lab Lam Lan Mal Mar'.split(' ');
// Common names are common (Zipf), the tail of generated ones makes most names rare.
const SURNAME_POOL = weights([
  ...SURNAMES.map((s, i) => [s, 1 / (i + 1) ** 0.6]),
  ...TAIL_START.flatMap((a) => TAIL.map((b) => [a + b, 0.05])),
]);
const FIRST_NAMES =
  'Marie Camille Léa Manon Chloé Inès Sarah Julie Claire Sophie Nathalie Isabelle Céline Élodie Hélène Valérie Anaïs Louise Alice Emma Jean Pierre Nicolas Thomas Julien Antoine Laurent Stéphane Christophe Sébastien Mathieu François Olivier Philippe Éric Hugo Lucas Louis Maxime Karim'.split(
    ' ',
  );
const TRADES =
  'Boulangerie|Boucherie|Fromagerie|Restaurant|Brasserie|Hôtel|Café|Épicerie|Garage|Menuiserie|Plomberie|Électricité|Pharmacie|Librairie|Traiteur|Cabinet|Coiffure|Maçonnerie|Peinture|Serrurerie'.split(
    '|',
  );
const CITIES = [
  ['Paris', '75011'],
  ['Lyon', '69003'],
  ['Marseille', '13006'],
  ['Toulouse', '31000'],
  ['Nantes', '44000'],
  ['Bordeaux', '33000'],
  ['Lille', '59000'],
  ['Rennes', '35000'],
  ['Strasbourg', '67000'],
  ['Grenoble', '38000'],
  ['Dijon', '21000'],
  ['Nice', '06000'],
];
const TAGS = weights([
  ['Priorité haute', 30],
  ['Fidèle', 25],
  ['Problème', 10],
  ['À rappeler', 10],
  ['Emballage cadeau', 6],
  ['Export', 5],
  ['Relance paiement', 8],
  ['Pro', 6],
]);
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
  [{ name: 'Colissimo', fee: 690, carrier: 'La Poste' }, 55],
  [{ name: 'Chronopost 24h', fee: 1290, carrier: 'Chronopost' }, 15],
  [{ name: 'Retrait en magasin', fee: 0, carrier: null }, 30],
]);
const VAT_RATES = weights([
  ['20', 85],
  ['10', 8],
  ['5.5', 7],
]);

/** Same as apps/api/src/lib/search-text.ts normaliseText. */
const normaliseText = (value) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const DAY = 86_400_000;
const pad = (n, w = 2) => String(n).padStart(w, '0');
/** DATETIME(3) literal in UTC (the pool's time zone), faster than letting mysql2 format Dates. */
const sqlTime = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
};

/**
 * A SQL literal (the loader writes its own VALUES: mysql2's formatting costs ~70 µs per
 * order row). The generated data holds no control characters: quotes and backslashes only.
 */
const lit = (v) =>
  v === null || v === undefined
    ? 'NULL'
    : typeof v === 'number'
      ? String(v)
      : /['\\]/.test(v)
        ? `'${v.replace(/['\\]/g, (c) => `\\${c}`)}'`
        : `'${v}'`;
const tuple = (values) => `(${values.map(lit).join(',')})`;
/** Already a literal: inserted as is (values escaped once per client or product). */
const raw = (sql) => ({ sql });
const tupleWithRaw = (values) =>
  `(${values.map((v) => (v !== null && typeof v === 'object' ? v.sql : lit(v))).join(',')})`;

function generateClients(count) {
  const random = createRandom(42);
  const clients = [];
  for (let i = 0; i < count; i += 1) {
    const id = i + 1;
    const [city, postalCode] = random.pick(CITIES);
    const company = random.chance(0.6);
    const first = random.pick(FIRST_NAMES);
    const last = random.weighted(SURNAME_POOL);
    const contact = `${first} ${last}`;
    const name = company
      ? random.chance(0.6)
        ? `${random.pick(TRADES)} ${random.weighted(SURNAME_POOL)}`
        : `${random.pick(TRADES)} ${city} ${random.int(1, 99)}`
      : contact;
    const code = `B${String(id).padStart(6, '0')}`;
    const email = `${normaliseText(first).replace(/ /g, '')}.${id}@bench.gestco.fr`;
    const mobile = `6${String(10_000_000 + id).slice(-8)}`;
    const phone = `+33${mobile}`;
    const national = `0${mobile}`;
    const billing = {
      name: company ? contact : name,
      company: company ? name : null,
      email,
      phone: national.replace(/(\d\d)(?=\d)/g, '$1 '),
      line1: `${random.int(1, 150)} rue de la République`,
      line2: null,
      postalCode,
      city,
      country: 'FR',
    };
    clients.push({
      id,
      code,
      kind: company ? 'company' : 'individual',
      name,
      contact: company ? contact : null,
      email,
      phone,
      city,
      postalCode,
      line1: billing.line1,
      discountBp: company && random.chance(0.15) ? random.pick([500, 1000]) : 0,
      billingSql: raw(lit(JSON.stringify(billing))),
      // orderSearchText (order-search-text.ts): [reference, compact reference] + these + [tracking] + phones.
      searchHead: normaliseText(
        [name, code, email, billing.name, billing.company ?? '', billing.email].join(' '),
      ),
      searchPhones: `33${mobile} ${national} ${national}`,
    });
  }
  return clients;
}

const CLIENT_COLUMNS =
  'id, code, kind, name, contact_person, email, phone, address_line1, postal_code, city, country, status, temperature, discount_bp, currency, language, tags, search_text, created_at, updated_at';
const clientRow = (c, createdAt) => [
  c.id,
  c.code,
  c.kind,
  c.name,
  c.contact,
  c.email,
  c.phone,
  c.line1,
  c.postalCode,
  c.city,
  'FR',
  'current',
  'warm',
  c.discountBp,
  'EUR',
  'fr',
  '[]',
  normaliseText([c.name, c.contact ?? '', c.email, c.code, c.city, c.postalCode].join(' ')),
  createdAt,
  createdAt,
];

const ORDER_COLUMNS =
  'id, reference, client_id, operator_id, origin, status, payment_status, payment_method, shipping_method, carrier, tracking_code, billing_address, shipping_same_as_billing, shipping_address, client_discount_bp, shipping_fee, shipping_vat_rate, totals, total, currency, paid_amount, refunded_amount, stock_state, tags, line_count, search_text, shipped_at, completed_at, cancelled_at, created_by, created_at, updated_at, version';
const LINE_COLUMNS =
  'order_id, position, product_id, sku, name, quantity, unit_price, discount_bp, vat_rate, total';

/**
 * The order book: 1M orders over 3 years in id = time order; old ones completed,
 * recent ones pending / in progress; 1-5 lines (≈2.5); tags on ~15 %.
 */
function createOrderGenerator({ clients, products, operators, computeTotals, now }) {
  const random = createRandom(7);
  const start = now - YEARS * 365 * DAY;
  const step = (now - 60_000 - start) / ORDERS;
  const clientPick = zipf(clients.length, 0.5);
  const productPick = zipf(products.length, 0.4);
  const operatorPick = weights(operators.map((id, i) => [id, 1 + (i % 3)]));
  const lineCounts = weights([
    [1, 25],
    [2, 30],
    [3, 22],
    [4, 13],
    [5, 10],
  ]);
  const sequences = new Map();
  const status = (age) => {
    const r = random.next();
    if (age < 2 * DAY)
      return r < 0.45 ? 'pending' : r < 0.9 ? 'in_progress' : r < 0.95 ? 'shipped' : 'cancelled';
    if (age < 10 * DAY)
      return r < 0.15 ? 'in_progress' : r < 0.65 ? 'shipped' : r < 0.95 ? 'completed' : 'cancelled';
    return r < 0.94 ? 'completed' : r < 0.99 ? 'cancelled' : 'shipped';
  };
  const paymentStatus = (s) => {
    const r = random.next();
    if (s === 'completed')
      return r < 0.92
        ? 'paid'
        : r < 0.95
          ? 'refunded'
          : r < 0.975
            ? 'partially_refunded'
            : 'unpaid';
    if (s === 'shipped') return r < 0.7 ? 'paid' : 'unpaid';
    if (s === 'cancelled') return r < 0.4 ? 'refunded' : 'unpaid';
    return r < 0.3 ? 'paid' : 'unpaid';
  };

  return function generate(id) {
    const createdMs = Math.round(start + (id - 1) * step + random.next() * step);
    const age = now - createdMs;
    const client = clients[random.weighted(clientPick)];
    const s = status(age);
    const ps = paymentStatus(s);
    const origin = random.weighted(ORIGINS);
    const operatorId = random.chance(0.9) ? random.weighted(operatorPick) : null;
    const shipping = random.weighted(SHIPPING);
    const lines = [];
    const used = new Set();
    for (let n = random.weighted(lineCounts); lines.length < n;) {
      const p = products[random.weighted(productPick)];
      if (used.has(p.id)) continue;
      used.add(p.id);
      lines.push({ p, quantity: random.int(1, 5) });
    }
    const subtotal = lines.reduce((a, l) => a + l.quantity * l.p.unitPrice, 0);
    const shippingFee = subtotal < 15_000 ? shipping.fee : 0;
    const computed = computeTotals({
      lines: lines.map((l) => ({
        quantity: l.quantity,
        unitPrice: l.p.unitPrice,
        discountRate: '0',
        vatRate: l.p.vatRate,
      })),
      clientDiscountRate: client.discountBp ? String(client.discountBp / 100) : '0',
      coupon: null,
      shippingFee,
      shippingVatRate: '20',
    });
    const total = computed.totals.total;
    const year = new Date(createdMs).getUTCFullYear();
    const seq = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, seq);
    const reference = `CMD-${year}-${pad(seq, 6)}`;
    const tags = [];
    if (random.chance(0.15)) {
      tags.push(random.weighted(TAGS));
      if (random.chance(0.2)) {
        const second = random.weighted(TAGS);
        if (second !== tags[0]) tags.push(second);
      }
    }
    const shippedMs =
      s === 'shipped' || s === 'completed' ? createdMs + random.int(1, 3) * DAY : null;
    const shipped = shippedMs !== null && shippedMs < now ? shippedMs : null;
    const completed =
      s === 'completed' && shipped ? Math.min(now, shipped + random.int(1, 5) * DAY) : null;
    const cancelled =
      s === 'cancelled' ? Math.min(now, createdMs + random.int(1, 48) * 3_600_000) : null;
    const updated = Math.max(createdMs, completed ?? shipped ?? cancelled ?? createdMs);
    const tracking = shipped && shipping.carrier ? `6A${random.digits(11)}` : null;
    const paid = ps === 'unpaid' ? 0 : total;
    const refunded =
      ps === 'refunded' ? total : ps === 'partially_refunded' ? Math.round(total / 4) : 0;
    // orderSearchText (order-search-text.ts): the same parts, folded, each word once; built from
    // the client's folded ones (NFD per order is slow).
    const searchText = [
      ...new Set(
        `cmd ${year} ${pad(seq, 6)} cmd${year}${pad(seq, 6)} ${client.searchHead} ${tracking ? `${tracking.toLowerCase()} ` : ''}${client.searchPhones}`.split(
          ' ',
        ),
      ),
    ]
      .join(' ')
      .slice(0, 1000);
    const createdAt = sqlTime(createdMs);
    const order = [
      id,
      reference,
      client.id,
      operatorId,
      origin,
      s,
      ps,
      ps === 'unpaid' && random.chance(0.5) ? null : random.weighted(PAYMENT_METHODS),
      shipping.name,
      shipping.carrier,
      tracking,
      client.billingSql,
      1,
      client.billingSql,
      client.discountBp,
      shippingFee,
      '20',
      JSON.stringify(computed.totals),
      total,
      'EUR',
      paid,
      refunded,
      s === 'pending' || (s === 'cancelled' && random.chance(0.6))
        ? 'none'
        : s === 'cancelled'
          ? 'restored'
          : 'deducted',
      JSON.stringify(tags),
      lines.length,
      searchText,
      shipped && sqlTime(shipped),
      completed && sqlTime(completed),
      cancelled && sqlTime(cancelled),
      operatorId,
      createdAt,
      sqlTime(updated),
      2 + (s === 'completed' ? 3 : s === 'shipped' ? 2 : s === 'pending' ? 0 : 1),
    ];
    const lineRows = lines.map(
      (l, i) =>
        `(${id},${i},${l.p.id},${l.p.skuSql},${l.p.nameSql},${l.quantity},${l.p.unitPrice},0,${l.p.vatSql},${computed.lineTotals[i]})`,
    );
    return {
      order: tupleWithRaw(order),
      origin,
      lineRows,
      tags,
      createdAt,
      year,
      seq,
      clientId: client.id,
      total,
      s,
      ps,
      operatorId,
    };
  };
}

// ---------------------------------------------------------------------------
// Loading

/** Secondary indexes of `orders` that no foreign key needs: dropped for the load, rebuilt sorted after. */
async function droppableIndexes(pool) {
  const [stats] = await pool.query(
    `SELECT INDEX_NAME AS name, NON_UNIQUE AS nonUnique, INDEX_TYPE AS type, COLUMN_NAME AS col, SEQ_IN_INDEX AS seq
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'orders' AND INDEX_NAME <> 'PRIMARY'
      ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    [DB_NAME],
  );
  const [fks] = await pool.query(
    `SELECT COLUMN_NAME AS col FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'orders' AND REFERENCED_TABLE_NAME IS NOT NULL`,
    [DB_NAME],
  );
  const fkColumns = new Set(fks.map((f) => f.col));
  const indexes = new Map();
  for (const s of stats) {
    const index = indexes.get(s.name) ?? {
      name: s.name,
      unique: Number(s.nonUnique) === 0,
      fulltext: s.type === 'FULLTEXT',
      columns: [],
    };
    index.columns.push(s.col);
    indexes.set(s.name, index);
  }
  return [...indexes.values()].filter((i) => !i.unique && !fkColumns.has(i.columns[0]));
}
const indexDefinition = (i) =>
  `ADD ${i.fulltext ? 'FULLTEXT ' : ''}INDEX \`${i.name}\` (${i.columns.map((c) => `\`${c}\``).join(', ')})`;

async function load(admin, operators) {
  const { computeTotals } = await tsImport(
    '../packages/contract/src/orders/totals.ts',
    import.meta.url,
  );
  // Two loading connections: one INSERT runs while the next batch is generated.
  const pool = mysql.createPool({
    uri: databaseUrl,
    connectionLimit: 2,
    timezone: 'Z',
    multipleStatements: false,
  });
  pool.on('connection', (c) => {
    c.query("SET time_zone = '+00:00', foreign_key_checks = 0, unique_checks = 0");
  });
  const inflight = new Set();
  let waited = 0;
  const submit = async (sql, values) => {
    const p = pool.query(sql, values).finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= 2) {
      const w = performance.now();
      await Promise.race(inflight);
      waited += performance.now() - w;
    }
  };
  const drain = async () => {
    const w = performance.now();
    await Promise.all(inflight);
    waited += performance.now() - w;
  };

  const now = Date.now();
  log(`generating ${CLIENTS.toLocaleString('en')} clients and ${PRODUCTS} products`);
  const clients = generateClients(CLIENTS);
  const clientSince = sqlTime(now - (YEARS * 365 + 30) * DAY);
  for (let i = 0; i < clients.length; i += 5000)
    await submit(`INSERT INTO clients (${CLIENT_COLUMNS}) VALUES ?`, [
      clients.slice(i, i + 5000).map((c) => clientRow(c, clientSince)),
    ]);
  const random = createRandom(3);
  const products = Array.from({ length: PRODUCTS }, (_, i) => ({
    id: i + 1,
    sku: `BENCH-${pad(i, 4)}`,
    name: `Produit de bench ${i}`,
    unitPrice: random.pick([190, 490, 890, 1290, 2490, 4990, 8990, 14990]) + random.int(0, 9) * 10,
    vatRate: random.weighted(VAT_RATES),
  }));
  for (const p of products) {
    p.skuSql = lit(p.sku);
    p.nameSql = lit(p.name);
    p.vatSql = lit(p.vatRate);
  }
  const STOCK = 10_000_000;
  await submit(
    'INSERT INTO products (id, sku, name, specs, unit_price, vat_bp, sales_unit, on_hand) VALUES ?',
    [
      products.map((p) => [
        p.id,
        p.sku,
        p.name,
        '[]',
        p.unitPrice,
        Math.round(Number(p.vatRate) * 100),
        'pièce',
        STOCK,
      ]),
    ],
  );
  await drain();
  // The ledger row that gives each product its stock (ledger sum = on hand).
  await pool.query(
    `INSERT INTO stock_movements (product_id, delta, on_hand_after, kind, reason, actor_type, actor_label)
     SELECT id, on_hand, on_hand, 'receipt', 'Stock initial du bench', 'system', 'bench' FROM products`,
  );

  const dropped = await droppableIndexes(pool);
  log(
    `dropping ${dropped.length} secondary indexes of orders for the load (rebuilt after): ${dropped.map((i) => i.name).join(', ')}`,
  );
  await pool.query(
    `ALTER TABLE orders ${dropped.map((i) => `DROP INDEX \`${i.name}\``).join(', ')}`,
  );

  log(
    `loading ${ORDERS.toLocaleString('en')} orders with their lines${WITH_EVENTS ? ' and created events' : ''} (multi-row INSERTs of 5,000 orders)`,
  );
  const generate = createOrderGenerator({ clients, products, operators, computeTotals, now });
  const BATCH = 5000;
  const lastSeq = new Map();
  let lineCount = 0;
  let tagCount = 0;
  const loadStart = Date.now();
  waited = 0;
  for (let first = 1; first <= ORDERS; first += BATCH) {
    const orderRows = [];
    const lineRows = [];
    const tagRows = [];
    const eventRows = [];
    for (let id = first; id < first + BATCH && id <= ORDERS; id += 1) {
      const o = generate(id);
      orderRows.push(o.order);
      for (const l of o.lineRows) lineRows.push(l);
      // The order's list filters copied next to the tag (decision 0018): the insert trigger
      // copies them from the order too, but this connection may not see it committed yet.
      for (const tag of o.tags)
        tagRows.push(
          `(${id},${lit(tag)},${lit(o.createdAt)},${lit(o.s)},${lit(o.ps)},${o.operatorId ?? 'NULL'},${lit(o.origin)},${o.total})`,
        );
      lastSeq.set(o.year, o.seq);
      if (WITH_EVENTS)
        eventRows.push(
          tuple([
            id,
            'created',
            'web',
            'system',
            'bench',
            'pending',
            '[]',
            JSON.stringify({ origin: o.origin, total: o.total, lines: o.lineRows.length }),
            o.createdAt,
          ]),
        );
    }
    lineCount += lineRows.length;
    tagCount += tagRows.length;
    await submit(`INSERT INTO orders (${ORDER_COLUMNS}) VALUES ${orderRows.join(',')}`);
    await submit(`INSERT INTO order_lines (${LINE_COLUMNS}) VALUES ${lineRows.join(',')}`);
    if (tagRows.length > 0)
      await submit(
        `INSERT INTO order_tags (order_id, tag, order_created_at, status, payment_status, operator_id, origin, total) VALUES ${tagRows.join(',')}`,
      );
    if (eventRows.length > 0)
      await submit(
        `INSERT INTO order_events (order_id, type, channel, actor_type, actor_label, to_status, changes, data, created_at) VALUES ${eventRows.join(',')}`,
      );
    const done = Math.min(ORDERS, first + BATCH - 1);
    if (done % 100_000 === 0 || done === ORDERS) {
      const s = (Date.now() - loadStart) / 1000;
      log(`  ${done.toLocaleString('en')} orders (${Math.round(done / s).toLocaleString('en')}/s)`);
    }
  }
  await drain();
  const loadSeconds = (Date.now() - loadStart) / 1000;
  log(
    `loaded ${ORDERS.toLocaleString('en')} orders, ${lineCount.toLocaleString('en')} lines (${(lineCount / ORDERS).toFixed(2)}/order), ${tagCount.toLocaleString('en')} tags in ${loadSeconds.toFixed(1)} s (${Math.round(ORDERS / loadSeconds).toLocaleString('en')} orders/s; ${(waited / 1000).toFixed(1)} s of it waiting for the server)`,
  );

  const rebuildStart = Date.now();
  const btree = dropped.filter((i) => !i.fulltext);
  await pool.query(`ALTER TABLE orders ${btree.map(indexDefinition).join(', ')}`);
  log(
    `rebuilt ${btree.length} B-tree indexes in ${((Date.now() - rebuildStart) / 1000).toFixed(1)} s`,
  );
  for (const i of dropped.filter((x) => x.fulltext)) {
    const ftStart = Date.now();
    await pool.query(`ALTER TABLE orders ${indexDefinition(i)}`);
    log(`rebuilt FULLTEXT ${i.name} in ${((Date.now() - ftStart) / 1000).toFixed(1)} s`);
  }
  const after = await droppableIndexes(pool);
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(after, dropped)) throw new Error('the rebuilt indexes differ from the schema');

  // New orders continue each year's series; clients know their order count.
  for (const [year, value] of lastSeq)
    await pool.query(
      'INSERT INTO order_sequences (scope, value) VALUES (?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value)',
      [String(year), value],
    );
  await pool.query(
    `UPDATE clients c JOIN (SELECT client_id, COUNT(*) AS n FROM orders GROUP BY client_id) o
        ON o.client_id = c.id SET c.order_count = o.n`,
  );
  await pool.query('ANALYZE TABLE orders, order_lines, order_tags, clients, products');
  await pool.end();
  return { loadSeconds, lineCount, tagCount, totalSeconds: (Date.now() - loadStart) / 1000 };
}

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
      ...init.headers,
    },
  });
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new Error(`${init.method ?? 'GET'} ${pathname}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}
const login = async () =>
  (await api('/auth/login', null, { method: 'POST', body: JSON.stringify(ADMIN) })).accessToken;

// ---------------------------------------------------------------------------
// Measuring

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

const percentile = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
    : NaN;

/**
 * Waits until the bench database runs no query (the last scenario's stragglers: requests
 * autocannon gave up on keep running in the server); after 30 s, kills what is left, so the
 * next scenario starts clean. Only this bench's own database is looked at.
 */
async function settle(pool) {
  const busy = async () => {
    const [rows] = await pool.query(
      `SELECT ID AS id FROM information_schema.PROCESSLIST
        WHERE DB = ? AND COMMAND = 'Query' AND ID <> CONNECTION_ID()`,
      [DB_NAME],
    );
    return rows.map((r) => Number(r.id));
  };
  for (let i = 0; i < 300; i += 1) {
    if ((await busy()).length === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const left = await busy();
  for (const id of left) await pool.query(`KILL QUERY ${id}`).catch(() => {});
  if (left.length > 0)
    log(`  killed ${left.length} query(ies) still running 30 s after the scenario`);
  await new Promise((r) => setTimeout(r, 300));
}

/**
 * One scenario with autocannon: each request takes the next of `requests`
 * (`{ path, body?, headers? }`, round robin, or a function called per request).
 * Latencies of every answer with `okStatus` are kept for exact percentiles.
 */
async function run(
  pool,
  title,
  base,
  next,
  { connections, duration, headers = {}, okStatus = 200, warmup = 2, serverPid = null },
) {
  // Warm-up (not recorded): JIT, connection pools, the pages this scenario reads.
  if (warmup > 0)
    await autocannon({
      url: base,
      connections,
      duration: warmup,
      headers,
      requests: [{ setupRequest: (req) => request(req, next()) }],
    });
  await settle(pool);
  const before = await questions(pool);
  const cpuBefore = [cpuMs(serverPid), cpuMs(privateServer?.pid)];
  const latencies = [];
  let wrong = 0;
  let firstWrong = null;
  // List answers whose total the server did not count within its budget (decision 0016).
  let uncounted = 0;
  const instance = autocannon({
    url: base,
    connections,
    duration,
    headers,
    requests: [
      {
        setupRequest: (req) => request(req, next()),
        onResponse: (status, body) => {
          if (status !== okStatus && !firstWrong)
            firstWrong = `${status} ${String(body).slice(0, 300)}`;
          if (status === okStatus && String(body).includes('"total":null')) uncounted += 1;
        },
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    if (status === okStatus) latencies.push(responseTime);
    else wrong += 1;
  });
  const result = await instance;
  const cpuAfter = [cpuMs(serverPid), cpuMs(privateServer?.pid)];
  const statements = (await questions(pool)) - before - 1;
  latencies.sort((a, b) => a - b);
  const row = {
    statements: statements / Math.max(1, latencies.length + wrong),
    title,
    connections,
    rate: latencies.length / duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: wrong + result.errors + result.timeouts,
    uncounted: uncounted / Math.max(1, latencies.length),
  };
  row.load = os.loadavg()[0];
  const answered = Math.max(1, latencies.length + wrong);
  [row.appCpu, row.dbCpu] = cpuBefore.map((b, i) =>
    b === null || cpuAfter[i] === null ? null : (cpuAfter[i] - b) / answered,
  );
  log(
    `${title}: ${Math.round(row.rate)}/s, p95 ${row.p95?.toFixed(1)} ms, p99 ${row.p99?.toFixed(1)} ms, errors ${row.errors}, cpu/req ${cpu(row.appCpu)} + db ${cpu(row.dbCpu)} ms, load average ${row.load.toFixed(2)}${uncounted ? `, total not counted in ${(100 * row.uncounted).toFixed(1)} % of answers` : ''}${firstWrong ? ` (first: ${firstWrong})` : ''}`,
  );
  return row;
}
const request = (req, r) => ({
  ...req,
  method: r.body ? 'POST' : 'GET',
  path: r.path,
  ...(r.body ? { body: JSON.stringify(r.body) } : {}),
  headers: { ...req.headers, ...(r.headers ?? {}) },
});
/** Statements the server received (server-wide: exact on a private server only). */
const questions = async (pool) => {
  const [[row]] = await pool.query("SHOW GLOBAL STATUS LIKE 'Questions'");
  return Number(row.Value);
};
const cpu = (v) => (v === null || v === undefined ? '-' : v.toFixed(2));
const roundRobin = (items) => {
  let turn = 0;
  return () => items[turn++ % items.length];
};

// ---------------------------------------------------------------------------
// List scenarios: shapes (which filters, which sort) with random values

function listShapes(sample) {
  const { random, clients, operators, names, start, now } = sample;
  const statuses = ['pending', 'in_progress', 'shipped', 'completed', 'cancelled'];
  const value = {
    status: () => ({ status: random.pick(statuses) }),
    status2: () => ({ status: random.pick(['pending,in_progress', 'shipped,completed']) }),
    paymentStatus: () => ({
      paymentStatus: random.pick(['unpaid', 'paid', 'partially_refunded', 'refunded']),
    }),
    clientId: () => ({ clientId: random.pick(clients) }),
    operatorId: () => ({ operatorId: random.pick(operators) }),
    origin: () => ({
      origin: random.pick(['manual', 'phone', 'store', 'quick_link', 'import', 'api']),
    }),
    tag: () => ({ tag: random.pick(TAGS.items) }),
    total: () => {
      const min = random.int(0, 400) * 100;
      return { totalMin: min, totalMax: min + random.int(20, 300) * 100 };
    },
    created: () => {
      const from = start + random.next() * (now - start - 31 * DAY);
      const span = random.pick([1, 7, 31]) * DAY;
      return {
        createdFrom: new Date(from).toISOString(),
        createdTo: new Date(from + span).toISOString(),
      };
    },
    q: () => ({ q: random.pick(names) }),
  };
  const singles = Object.keys(value);
  const pairKeys = singles.filter((k) => k !== 'status2');
  const shapes = [{ name: 'no filter', keys: [], sort: undefined }];
  for (const k of singles) shapes.push({ name: k, keys: [k] });
  for (let i = 0; i < pairKeys.length; i += 1)
    for (let j = i + 1; j < pairKeys.length; j += 1)
      shapes.push({ name: `${pairKeys[i]} + ${pairKeys[j]}`, keys: [pairKeys[i], pairKeys[j]] });
  for (const keys of [
    ['status', 'operatorId', 'origin'],
    ['paymentStatus', 'origin', 'operatorId'],
    ['status', 'total', 'origin'],
    ['status', 'created', 'tag'],
    ['status', 'paymentStatus', 'operatorId'],
  ])
    shapes.push({ name: keys.join(' + '), keys });
  for (const [keys, sort] of [
    [[], 'createdAt'],
    [[], '-total'],
    [['status'], '-total'],
    [['operatorId'], 'total'],
    [['created'], '-updatedAt'],
    [['clientId'], '-total'],
    [['paymentStatus'], 'createdAt'],
    [['q'], '-total'],
  ])
    shapes.push({ name: `${keys.join(' + ') || 'no filter'}, sort=${sort}`, keys, sort });
  return shapes.map((shape) => ({
    ...shape,
    variants: Array.from({ length: 12 }, () => {
      const query = Object.assign({}, ...shape.keys.map((k) => value[k]()));
      if (shape.sort) query.sort = shape.sort;
      return query;
    }),
  }));
}
const toSearch = (query) =>
  new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();

/** The SQL the orders repository sends for a query, captured with drizzle's logger. */
async function repositorySql() {
  const [{ createOrdersRepository }, schema, { createPool }] = await Promise.all([
    apiSrc('modules/orders/orders-repository.ts'),
    apiSrc('db/schema/index.ts'),
    apiSrc('db/client.ts'),
  ]);
  // The app's pool settings (JSON as text, UTC), so the repository reads rows as in the API.
  const pool = createPool(databaseUrl, 2);
  const { drizzle } = await tsImport(
    'drizzle-orm/mysql2',
    pathToFileURL(path.join(root, 'apps/api/src/db/client.ts')).href,
  );
  let captured = [];
  const db = drizzle(pool, {
    schema,
    mode: 'default',
    logger: { logQuery: (query, params) => captured.push({ query, params }) },
  });
  const repo = createOrdersRepository(db);
  const list = async (query) => {
    captured = [];
    const started = performance.now();
    const page = await repo.list(query);
    return { statements: captured, ms: performance.now() - started, total: page.total };
  };
  return { list, close: () => pool.end() };
}

/** The time budget MariaDB statements carry (`SET STATEMENT max_statement_time=… FOR`): EXPLAIN takes the SELECT. */
const SET_STATEMENT = /^\s*set statement .*? for /i;

/**
 * EXPLAIN of a statement: the access to `orders`, and whether it reads the whole
 * table: `type: ALL` on orders, a full index scan of orders that must then be
 * sorted, or a join led by a full scan of another table (every order joined).
 */
async function explain(pool, { query, params }) {
  const [rows] = await pool.query(`EXPLAIN ${query}`, params);
  const isOrders = (r) => r.table === 'orders';
  const sorts = (r) => /filesort|temporary/.test(r.Extra ?? '');
  const o = rows.filter(isOrders);
  const access = o.map((r) => `${r.type}${r.key ? `(${r.key})` : ''} ~${r.rows}`).join(' ');
  const reasons = [];
  if (o.some((r) => r.type === 'ALL')) reasons.push('type ALL on orders');
  if (o.some((r) => r.type === 'index' && sorts(r)))
    reasons.push('full index scan of orders, then sorted');
  const lead = rows.find((r) => r.id === 1 && !String(r.table).startsWith('<'));
  if (lead && !isOrders(lead) && (lead.type === 'ALL' || lead.type === 'index'))
    reasons.push(`led by a full scan of ${lead.table}`);
  const extra = rows
    .map((r) => r.Extra ?? '')
    .join('; ')
    .match(/filesort|temporary|Range checked|Using intersect[^;]*/g);
  return { access, full: reasons.length > 0, reasons, notes: [...new Set(extra ?? [])].join(',') };
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
/** One line per list shape: the plans of its page and count queries, its time alone. */
function explainLine({ shape, plan, median, mean, max }) {
  const [page, count] = plan;
  const full = plan.some((p) => p.full);
  return `| ${shape.name} | ${page?.access ?? '-'} | ${count?.access ?? '(not needed)'} | ${[page?.notes, count?.notes].filter(Boolean).join(' / ')} | ${ms(median)} | ${ms(mean)} | ${ms(max)} | ${full ? `⚠ ${plan.flatMap((p) => p.reasons).join('; ')}` : 'no'} |`;
}

// ---------------------------------------------------------------------------

const API_ENTRY = process.env.BENCH_API_ENTRY ?? 'apps/api/dist/server.js';

async function main(admin) {
  if (!process.env.BENCH_API_ENTRY) ensureBuilt();
  else log(`API build measured: ${API_ENTRY}`);
  let fresh = true;
  if (reuse) {
    const [[exists]] = await admin.query(
      'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
      [DB_NAME, 'orders'],
    );
    fresh = Number(exists.n) === 0;
    if (fresh) log(`--reuse: no ${DB_NAME} database, loading one`);
  }
  if (fresh) {
    await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
    await admin.query(
      `CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  }

  log('starting the API (it migrates the empty database)');
  const apiChild = await start(
    'node',
    [API_ENTRY],
    {
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(API_PORT),
      LOG_LEVEL: 'warn',
      GESTCO_ADMIN_EMAIL: ADMIN.email,
      GESTCO_ADMIN_PASSWORD: ADMIN.password,
      NOTIFIER: process.env.BENCH_NOTIFIER === 'on' ? 'on' : 'off',
      LOGIN_MAX_PER_IP: '100000',
      GESTCO_DEMO: 'false',
    },
    'Gestco is ready',
  );
  let token = await login();
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: 4, timezone: 'Z' });

  let loadInfo = null;
  if (fresh) {
    // The operators, through the API (they are real users who can log in).
    for (let i = 1; i <= OPERATORS; i += 1)
      await api('/users', token, {
        method: 'POST',
        body: JSON.stringify({
          email: `operateur${i}@bench.gestco.fr`,
          name: `Opérateur ${i}`,
          role: 'operator',
          password: 'bench-password-123',
        }),
      });
  }
  const [operatorRows] = await pool.query(
    "SELECT id FROM users WHERE role = 'operator' ORDER BY id",
  );
  const operators = operatorRows.map((r) => Number(r.id));
  if (fresh) loadInfo = await load(admin, operators);

  const [[{ n: orderCount }]] = await pool.query('SELECT COUNT(*) AS n FROM orders');
  const [[{ n: lineTotal }]] = await pool.query('SELECT COUNT(*) AS n FROM order_lines');
  const [[sizes]] = await pool.query(
    `SELECT ROUND(SUM(data_length) / 1048576) AS data_mb, ROUND(SUM(index_length) / 1048576) AS index_mb
       FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?`,
    [DB_NAME],
  );
  log(
    `database: ${Number(orderCount).toLocaleString('en')} orders, ${Number(lineTotal).toLocaleString('en')} lines; ${sizes.data_mb} MB data + ${sizes.index_mb} MB indexes`,
  );

  // A database server started for this run (--private-server, --reuse) has a cold buffer pool:
  // read the tables through once, so the first stack measured does not warm it for the second.
  const warmStart = Date.now();
  for (const [table, indexes] of [
    [
      'orders',
      ['PRIMARY', ...(await droppableIndexes(pool)).filter((i) => !i.fulltext).map((i) => i.name)],
    ],
    ['order_lines', ['PRIMARY', 'order_lines_order_idx']],
    [
      'order_tags',
      [
        'PRIMARY',
        'order_tags_tag_idx',
        'order_tags_tag_created_idx',
        'order_tags_tag_status_idx',
        'order_tags_tag_payment_idx',
        'order_tags_tag_operator_idx',
        'order_tags_tag_origin_idx',
        'order_tags_tag_total_idx',
      ],
    ],
    ['clients', ['PRIMARY']],
    ['products', ['PRIMARY']],
  ])
    for (const index of indexes)
      await pool.query(`SELECT COUNT(*) AS n FROM \`${table}\` FORCE INDEX (\`${index}\`)`);
  log(`buffer pool warmed in ${((Date.now() - warmStart) / 1000).toFixed(1)} s`);

  const bareChild = await start(
    'node',
    ['bench/bare-server.mjs'],
    { DATABASE_URL: databaseUrl, PORT: String(BARE_PORT) },
    'bare ready',
  );
  const base = `http://127.0.0.1:${API_PORT}`;
  const bareBase = `http://127.0.0.1:${BARE_PORT}`;

  // ---- Requests, deterministic.
  const random = createRandom(99);
  const [clientRows] = await pool.query(
    'SELECT id, name FROM clients WHERE order_count > 0 ORDER BY id LIMIT 20000',
  );
  const clientIds = clientRows.map((r) => Number(r.id));
  // q: what an operator types: a surname or a whole client name.
  const names = Array.from({ length: 200 }, () => {
    const c = random.pick(clientRows);
    const words = c.name.split(' ');
    return random.chance(0.5)
      ? c.name
      : words[words.length - 1].length >= 3
        ? words.at(-1)
        : c.name;
  });
  const [[range]] = await pool.query(
    'SELECT MIN(created_at) AS a, MAX(created_at) AS b FROM orders',
  );
  const shapes = listShapes({
    random,
    clients: clientIds,
    operators,
    names,
    start: range.a.getTime(),
    now: range.b.getTime(),
  });
  const productIds = Array.from({ length: PRODUCTS }, (_, i) => i + 1);
  const createBody = () => {
    const lines = [];
    while (lines.length < 3) {
      const productId = random.pick(productIds);
      if (!lines.some((l) => l.productId === productId))
        lines.push({ productId, quantity: random.int(1, 3) });
    }
    return {
      clientId: random.pick(clientIds),
      status: 'in_progress',
      origin: 'phone',
      paymentMethod: 'Carte bancaire',
      shippingMethod: 'Colissimo',
      lines,
    };
  };
  const creates = Array.from({ length: 20_000 }, createBody);

  // Sanity: one order through each stack.
  const probe = await api('/orders', token, { method: 'POST', body: JSON.stringify(creates[0]) });
  if (probe.status !== 'in_progress' || probe.stockState !== 'deducted' || probe.lines.length !== 3)
    throw new Error(`unexpected order ${JSON.stringify(probe).slice(0, 300)}`);
  // The creation's answer is built from what its transaction wrote: it must be the order as read.
  const probeRead = await api(`/orders/${probe.id}`, token);
  if (JSON.stringify(probeRead) !== JSON.stringify(probe))
    throw new Error(
      `POST answer and GET differ:\n${JSON.stringify(probe)}\n${JSON.stringify(probeRead)}`,
    );
  const bareProbe = await fetch(`${bareBase}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(creates[1]),
  });
  if (bareProbe.status !== 201) throw new Error(`bare create: ${bareProbe.status}`);
  log(`probe order ${probe.reference}: total ${probe.totals.total}, stock ${probe.stockState}`);

  // ---- EXPLAIN of every list shape, with the repository's own SQL, and its time alone.
  log(`EXPLAIN and solo timing of ${shapes.length} list shapes (the repository's SQL)`);
  const listSql = await repositorySql();
  const explained = [];
  for (const shape of scenarios.has('b') ? shapes : []) {
    const times = [];
    let plan = null;
    for (const [i, query] of shape.variants.slice(0, SOLO_VALUES).entries()) {
      const { statements, ms } = await listSql.list(query);
      times.push(ms);
      // The page, then the capped count (statements that read `orders`; not the tag's frequency).
      if (i === 0)
        plan = await Promise.all(
          statements
            .map((s) => ({ ...s, query: s.query.replace(SET_STATEMENT, '') }))
            .filter((s) => /^\s*select/i.test(s.query) && /from `orders`/.test(s.query))
            .map((s) => explain(pool, s)),
        );
    }
    times.sort((a, b) => a - b);
    const row = {
      shape,
      plan,
      median: percentile(times, 50),
      mean: times.reduce((a, b) => a + b, 0) / times.length,
      max: times.at(-1),
    };
    explained.push(row);
    if (process.env.BENCH_DEBUG || row.max > TARGET.listP95 || plan.some((p) => p.full))
      log(`  ${explainLine(row)}`);
  }
  await listSql.close();
  if (plansOnly) {
    await pool.end();
    return { rows: [], explained, loadInfo, check: null, orderCount: Number(orderCount) };
  }

  // ---- Measurements.
  const auth = { authorization: `Bearer ${(token = await login())}` };
  const rows = [];
  let key = 0;
  const createNext = (withKey) => {
    const next = roundRobin(creates);
    return () => ({
      path: '/api/v1/orders',
      body: next(),
      headers: {
        'content-type': 'application/json',
        ...(withKey ? { 'idempotency-key': `bench-${process.pid}-${(key += 1)}` } : {}),
      },
    });
  };
  const listPaths = [];
  for (const shape of shapes) for (const query of shape.variants) listPaths.push(toSearch(query));
  // Shuffled: each connection sees a random mix of shapes.
  for (let i = listPaths.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [listPaths[i], listPaths[j]] = [listPaths[j], listPaths[i]];
  }
  const listNext = roundRobin(listPaths.map((q) => ({ path: `/api/v1/orders?${q}` })));
  const bareListNext = roundRobin(listPaths.map((q) => ({ path: `/orders?${q}` })));
  if (scenarios.has('b'))
    rows.push(
      await run(pool, `b. list, ${shapes.length} filter shapes × 12 values`, base, listNext, {
        connections: 16,
        duration: listSeconds,
        headers: auth,
        serverPid: apiChild.pid,
      }),
      await run(pool, 'b. bare list (same filters, hand-written SQL)', bareBase, bareListNext, {
        connections: 16,
        duration: listSeconds,
        serverPid: bareChild.pid,
      }),
    );

  // Loaded orders only (ids 1…N, no gaps).
  const ids = Array.from({ length: 5000 }, () => random.int(1, Number(orderCount)));
  // Gestco and bare alternate, ROUNDS times: each pair ran under the same load of the machine.
  for (let round = 1; round <= ROUNDS; round += 1)
    for (const connections of scenarios.has('c') ? [16, 64] : []) {
      rows.push(
        await run(
          pool,
          `c. GET /orders/:id`,
          base,
          roundRobin(ids.map((id) => ({ path: `/api/v1/orders/${id}` }))),
          { connections, duration: seconds, headers: auth, serverPid: apiChild.pid },
        ),
        await run(
          pool,
          `c. bare order + lines by id`,
          bareBase,
          roundRobin(ids.map((id) => ({ path: `/orders/${id}` }))),
          { connections, duration: seconds, serverPid: bareChild.pid },
        ),
      );
    }

  // Creation last: it writes, and a failing run (lock waits, retries) must not spill into
  // the reads; the bare rows first for the same reason. Both below the API's pool size (8)
  // and at the target's 32 connections.
  const bareCreate = roundRobin(creates);
  const bareCreateNext = () => ({
    path: '/orders',
    body: bareCreate(),
    headers: { 'content-type': 'application/json' },
  });
  const bare = bareChild.pid;
  const gestco = apiChild.pid;
  const createRuns = [
    ['a. bare create (same transaction by hand)', 8, bareBase, bareCreateNext, {}, bare],
    ['a. create, 3 lines, in_progress (stock)', 8, base, createNext(false), auth, gestco],
  ];
  for (let round = 1; round <= ROUNDS; round += 1)
    createRuns.push(
      ['a. bare create (same transaction by hand)', 32, bareBase, bareCreateNext, {}, bare],
      ['a. create, 3 lines, in_progress (stock)', 32, base, createNext(false), auth, gestco],
      ['a. create + Idempotency-Key', 32, base, createNext(true), auth, gestco],
    );
  if (scenarios.has('a'))
    for (const [title, connections, url, next, headers, serverPid] of createRuns)
      rows.push(
        await run(pool, title, url, next, {
          connections,
          duration: seconds,
          headers,
          okStatus: 201,
          serverPid,
        }),
      );

  // ---- After the storm: what creation left behind is consistent.
  const [[check]] = await pool.query(
    `SELECT (SELECT COUNT(*) FROM products p WHERE p.on_hand <>
              (SELECT SUM(delta) FROM stock_movements m WHERE m.product_id = p.id)) AS ledger_mismatch,
            (SELECT COUNT(*) - COUNT(DISTINCT reference) FROM orders) AS duplicate_refs,
            (SELECT value FROM order_sequences WHERE scope = ?) AS seq,
            (SELECT COUNT(*) FROM orders WHERE reference LIKE ?) AS this_year,
            (SELECT COUNT(*) FROM (
               SELECT SUM(n) FROM (
                 SELECT status, payment_status, origin, operator_id, n FROM order_counts
                 UNION ALL
                 SELECT status, payment_status, origin, COALESCE(operator_id, 0), -1 FROM orders
               ) d GROUP BY status, payment_status, origin, operator_id HAVING SUM(n) <> 0) m
            ) AS counts_mismatch,
            (SELECT COUNT(*) FROM order_tags t JOIN orders o ON o.id = t.order_id
              WHERE NOT (t.status <=> o.status AND t.payment_status <=> o.payment_status
                AND t.operator_id <=> o.operator_id AND t.origin <=> o.origin
                AND t.total <=> o.total)) AS tag_copy_mismatch`,
    [String(new Date().getUTCFullYear()), `CMD-${new Date().getUTCFullYear()}-%`],
  );
  await pool.end();
  return { rows, explained, loadInfo, check, orderCount: Number(orderCount) };
}

/** A throwaway MariaDB (TOOLCHAIN.md): its own data directory, port and buffer pool. */
async function startPrivateServer() {
  const pidFile = path.join(PRIVATE_DIR, 'mysqld.pid');
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
      `--pid-file=${pidFile}`,
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

const privateServer = privatePool ? await startPrivateServer() : null;
const admin = await mysql.createConnection({ uri: server });
const [[serverInfo]] = await admin.query(
  'SELECT VERSION() AS version, @@innodb_buffer_pool_size AS pool',
);
log(
  `database server ${server.replace(/\/\/[^@]*@/, '//')} (MariaDB ${serverInfo.version}, innodb_buffer_pool_size ${Math.round(Number(serverInfo.pool) / 1048576)} MB)`,
);
let outcome;
try {
  outcome = await main(admin);
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
const { rows, explained, loadInfo, check, orderCount } = outcome;

// ---------------------------------------------------------------------------
// Report

console.log(
  `\nEXPLAIN per list shape (first variant; rows query then capped count). orders access: type(key) ~rows.` +
    `\nsolo = the repository's list() alone, ${SOLO_VALUES} values, median / mean / max ms.\n`,
);
console.log(
  '| shape | page query | count query | notes | solo median | solo mean | solo max | full scan |',
);
console.log('| --- | --- | --- | --- | ---: | ---: | ---: | :---: |');
for (const row of explained) console.log(explainLine(row));
const fullScans = explained.filter((e) => e.plan.some((p) => p.full));
const slowShapes = explained.filter((e) => e.max > TARGET.listP95);

if (loadInfo)
  console.log(
    `\nLoad: ${orderCount.toLocaleString('en')} orders + ${loadInfo.lineCount.toLocaleString('en')} lines + ${loadInfo.tagCount.toLocaleString('en')} tags` +
      ` in ${loadInfo.loadSeconds.toFixed(1)} s (${Math.round(orderCount / loadInfo.loadSeconds).toLocaleString('en')} orders/s), ` +
      `${loadInfo.totalSeconds.toFixed(1)} s with the index rebuild and ANALYZE.`,
  );
if (plansOnly) {
  console.log(`\nplans only; total run time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  process.exit(fullScans.length === 0 && slowShapes.length === 0 ? 0 : 1);
}
console.log(
  `\n${orderCount.toLocaleString('en')} orders. Latencies in ms, exact percentiles of every answer; create ${seconds} s, list ${listSeconds} s, by id ${seconds} s per row, each after a 2 s warm-up.` +
    `\nstmts/req: statements the database server received per request (server-wide: exact on a private server only); cpu/req: CPU ms of the server process (API or bare) and of the database server (private server only) per answer; load avg: 1-minute load average of the machine after the row.\n`,
);
console.log(
  '| measure | conns | req/s | p50 | p95 | p99 | errors | stmts/req | cpu/req app | cpu/req db | load avg | target | verdict |',
);
console.log(
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | :---: |',
);
const verdicts = [];
for (const r of rows) {
  let target = '';
  let pass = null;
  if (r.title.startsWith('a. create') && r.connections === 32) {
    target = `≥ ${TARGET.createRate}/s, p99 ≤ ${TARGET.createP99}`;
    pass = r.rate >= TARGET.createRate && r.p99 <= TARGET.createP99 && r.errors === 0;
  } else if (r.title.startsWith('b. list')) {
    target = `p95 ≤ ${TARGET.listP95}`;
    pass = r.p95 <= TARGET.listP95 && r.errors === 0;
  } else if (r.title.startsWith('c. GET') && r.connections === 16) {
    target = `p99 ≤ ${TARGET.byIdP99}`;
    pass = r.p99 <= TARGET.byIdP99 && r.errors === 0;
  }
  if (pass !== null) verdicts.push(pass);
  console.log(
    `| ${r.title} | ${r.connections} | ${Math.round(r.rate)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} | ${r.statements.toFixed(1)} | ${cpu(r.appCpu)} | ${cpu(r.dbCpu)} | ${r.load.toFixed(2)} | ${target} | ${pass === null ? '' : pass ? 'PASS' : 'FAIL'} |`,
  );
}
const findAll = (prefix, connections) =>
  rows.filter((r) => r.title.startsWith(prefix) && (!connections || r.connections === connections));
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor((values.length - 1) / 2)];
/**
 * Gestco / bare in throughput (pairs run one after the other, median over the rounds), and in
 * CPU per request: bare's (server + database) over Gestco's, the capacity ratio of an idle
 * machine, which the load of other processes moves much less than the rates.
 */
const ratio = (prefix, barePrefix, connections) => {
  const mine = findAll(prefix, connections);
  const theirs = findAll(barePrefix, connections);
  const pairs = mine.map((a, i) => [a, theirs[i]]).filter(([, b]) => b);
  if (pairs.length === 0) return '-';
  const rates = pairs.map(([a, b]) => a.rate / b.rate);
  const each = pairs.map(([a, b]) => `${Math.round(a.rate)} / ${Math.round(b.rate)}`).join(', ');
  const cpuOf = (r) => (r.appCpu ?? NaN) + (r.dbCpu ?? 0);
  const cpuRatios = pairs.map(([a, b]) => cpuOf(b) / cpuOf(a)).filter(Number.isFinite);
  return `${median(rates).toFixed(2)} (${each})${cpuRatios.length ? `; by CPU/req ${median(cpuRatios).toFixed(2)}` : ''}`;
};
console.log(
  `\nratio create / bare, 8 conns:     ${ratio('a. create, 3', 'a. bare', 8)}` +
    `\nratio create / bare, 32 conns:    ${ratio('a. create, 3', 'a. bare', 32)}  (target ≥ 0.5)` +
    `\nratio create+key / bare, 32:      ${ratio('a. create +', 'a. bare', 32)}` +
    `\nratio list / bare:                ${ratio('b. list', 'b. bare')}` +
    `\nratio by id / bare, 16 conns:     ${ratio('c. GET', 'c. bare', 16)}  (target ≥ 0.6)` +
    `\nratio by id / bare, 64 conns:     ${ratio('c. GET', 'c. bare', 64)}`,
);
console.log(
  `\nafter the run: ledger mismatches ${check.ledger_mismatch}, duplicate references ${check.duplicate_refs}, ` +
    `order_counts combinations off ${check.counts_mismatch}, order_tags copies off ${check.tag_copy_mismatch}, ` +
    `this year's counter ${check.seq} for ${check.this_year} references (gapless: ${Number(check.seq) === Number(check.this_year) ? 'yes' : 'NO'})`,
);
console.log(
  fullScans.length
    ? `FULL TABLE SCAN of orders in ${fullScans.length} shape(s): ${fullScans.map((e) => e.shape.name).join('; ')}`
    : 'no full table scan of orders in any list shape',
);
console.log(
  slowShapes.length
    ? `shapes over ${TARGET.listP95} ms alone (max of ${SOLO_VALUES}): ${slowShapes.map((e) => `${e.shape.name} ${ms(e.max)}`).join('; ')}`
    : `every shape under ${TARGET.listP95} ms alone`,
);
console.log(
  `total run time ${((Date.now() - t0) / 1000).toFixed(0)} s${keep ? `; kept database ${DB_NAME}` : `; dropped ${DB_NAME}`}`,
);
const ok =
  verdicts.every(Boolean) &&
  fullScans.length === 0 &&
  Number(check.ledger_mismatch) === 0 &&
  Number(check.counts_mismatch) === 0 &&
  Number(check.tag_copy_mismatch) === 0 &&
  Number(check.duplicate_refs) === 0;
if (!ok) process.exitCode = 1;
