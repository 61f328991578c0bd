// The floor: bare Fastify 5 + mysql2, hand-written SQL, no auth, validation or ORM.
import { createRequire } from 'node:module';
const require = createRequire(new URL('../apps/api/package.json', import.meta.url));
const Fastify = require('fastify');
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ uri: process.env.DATABASE_URL, connectionLimit: 10 });
const app = Fastify();
app.get('/hello', async () => ({ hello: 'world' }));
app.get('/users/:id', async (req) => {
  const [rows] = await pool.query(
    'SELECT id, email, name, role, active, locale FROM users WHERE id = ?',
    [Number(req.params.id)],
  );
  return rows[0];
});

// Clients (bench/clients.mjs): the same SQL the clients repository sends, written by hand.
const normalise = (v) =>
  v
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
async function withLastNotes(rows) {
  if (rows.length === 0) return rows;
  const [notes] = await pool.query(
    'SELECT * FROM client_notes WHERE id IN (SELECT MAX(id) FROM client_notes WHERE client_id IN (?) GROUP BY client_id)',
    [rows.map((r) => r.id)],
  );
  const byClient = new Map(notes.map((n) => [n.client_id, n]));
  return rows.map((r) => ({ ...r, lastNote: byClient.get(r.id) ?? null }));
}
app.get('/clients', async (req) => {
  const term = String(req.query.q ?? '').trim();
  const words = normalise(term).split(' ').filter(Boolean);
  const indexed = words.filter((w) => w.length >= 3);
  const where = ['archived_at IS NULL'];
  const params = [];
  if (indexed.length > 0) {
    const match = ['MATCH(search_text) AGAINST (? IN BOOLEAN MODE)'];
    params.push(indexed.map((w) => `+${w}*`).join(' '));
    for (const w of words.filter((x) => x.length < 3)) {
      match.push('search_text LIKE ?');
      params.push(`%${w}%`);
    }
    if (/^[A-Za-z0-9-]{3,20}$/.test(term)) {
      where.push(`(${match.join(' AND ')} OR code = ?)`);
      params.push(term.toUpperCase());
    } else where.push(match.join(' AND '));
  }
  const clause = where.join(' AND ');
  const [rows] = await pool.query(
    `SELECT * FROM clients WHERE ${clause} ORDER BY name, id LIMIT 26`,
    params,
  );
  const [[{ n }]] = await pool.query(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM clients WHERE ${clause} LIMIT 10001) capped`,
    params,
  );
  return { items: await withLastNotes(rows.slice(0, 25)), total: n > 10000 ? '10000+' : n };
});
app.get('/clients/lookup', async (req, reply) => {
  const [rows] = await pool.query('SELECT * FROM clients WHERE active_phone = ?', [
    req.query.phone,
  ]);
  if (!rows[0]) return reply.status(404).send({ status: 404 });
  return (await withLastNotes(rows))[0];
});

// Orders (bench/orders.mjs): the same reads and the same order-taking transaction,
// hand-written: no auth, validation, ORM, settings, audit or idempotency.
app.get('/orders/:id', async (req, reply) => {
  const id = Number(req.params.id);
  const [[order], [lines]] = await Promise.all([
    pool.query('SELECT * FROM orders WHERE id = ?', [id]),
    pool.query('SELECT * FROM order_lines WHERE order_id = ? ORDER BY position, id', [id]),
  ]);
  if (!order[0]) return reply.status(404).send({ status: 404 });
  return { ...order[0], lines };
});
const SORTS = { createdAt: 'o.created_at', updatedAt: 'o.updated_at', total: 'o.total' };
app.get('/orders', async (req) => {
  const f = req.query;
  const where = [];
  const params = [];
  const add = (clause, ...values) => {
    where.push(clause);
    params.push(...values);
  };
  const list = (v) => String(v).split(',').filter(Boolean);
  // A FULLTEXT search counts its matches in the page query (a window), as the repository does.
  let countInPage = false;
  if (f.q) {
    const words = normalise(f.q)
      .split(' ')
      .filter((w) => w.length >= 3);
    if (words.length > 0) {
      add('MATCH(o.search_text) AGAINST (? IN BOOLEAN MODE)', words.map((w) => `+${w}*`).join(' '));
      countInPage = true;
    }
  }
  if (f.clientId) add('o.client_id = ?', Number(f.clientId));
  if (f.status) add('o.status IN (?)', list(f.status));
  if (f.paymentStatus) add('o.payment_status IN (?)', list(f.paymentStatus));
  let tagSide = false;
  let probeAt = -1;
  let probeParamAt = -1;
  // A tag whose other filters order_tags carries (decision 0018): page and count there alone.
  const tagOnly = f.tag && !f.q && !f.clientId;
  const tg = [];
  const tgParams = [];
  if (tagOnly) {
    const on = (clause, ...values) => {
      tg.push(clause);
      tgParams.push(...values);
    };
    on('tg.tag = ?', f.tag);
    if (f.status) on('tg.status IN (?)', list(f.status));
    if (f.paymentStatus) on('tg.payment_status IN (?)', list(f.paymentStatus));
    if (f.operatorId) on('tg.operator_id = ?', Number(f.operatorId));
    if (f.origin) on('tg.origin = ?', f.origin);
    if (f.totalMin) on('tg.total >= ?', Number(f.totalMin));
    if (f.totalMax) on('tg.total <= ?', Number(f.totalMax));
    if (f.createdFrom) on('tg.order_created_at >= ?', new Date(f.createdFrom));
    if (f.createdTo) on('tg.order_created_at <= ?', new Date(f.createdTo));
    tagSide = String(f.sort ?? '-createdAt').replace(/^-/, '') === 'createdAt';
  }
  if (f.tag && !(tagOnly && tagSide)) {
    // A common tag is probed per order (the page stops at the limit), a rare one materialised.
    const [[{ n }]] = await pool.query(
      'SELECT COUNT(*) AS n FROM (SELECT 1 FROM order_tags WHERE tag = ? LIMIT 1000) t',
      [f.tag],
    );
    if (n >= 1000) {
      // In creation order, the page is read from order_tags' (tag, order_created_at, order_id)
      // index (as the repository does); the probe stays for the count.
      tagSide = String(f.sort ?? '-createdAt').replace(/^-/, '') === 'createdAt';
      probeAt = where.length;
      probeParamAt = params.length;
      add('(SELECT COUNT(*) FROM order_tags t WHERE t.order_id = o.id AND t.tag = ?) > 0', f.tag);
    } else add('o.id IN (SELECT order_id FROM order_tags WHERE tag = ?)', f.tag);
  }
  if (f.operatorId) add('o.operator_id = ?', Number(f.operatorId));
  if (f.origin) add('o.origin = ?', f.origin);
  if (f.totalMin) add('o.total >= ?', Number(f.totalMin));
  if (f.totalMax) add('o.total <= ?', Number(f.totalMax));
  if (f.createdFrom) add('o.created_at >= ?', new Date(f.createdFrom));
  if (f.createdTo) add('o.created_at <= ?', new Date(f.createdTo));
  const sort = String(f.sort ?? '-createdAt');
  const dir = sort.startsWith('-') ? 'DESC' : 'ASC';
  const column = SORTS[sort.replace(/^-/, '')] ?? 'o.created_at';
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const pageWhere =
    tagOnly && tagSide
      ? tg
      : tagSide
        ? ['tg.tag = ?', ...where.filter((_, i) => i !== probeAt)]
        : where;
  const pageParams =
    tagOnly && tagSide
      ? tgParams
      : tagSide
        ? [f.tag, ...params.filter((_, i) => i !== probeParamAt)]
        : params;
  // A FULLTEXT first page in two steps, as the repository does (decision 0018): the matches'
  // ids in page order with their count, then the page's rows by id.
  const twoSteps = countInPage && !tagSide;
  let hits = null;
  if (twoSteps) {
    [hits] = await pool.query(
      `SELECT o.id, COUNT(*) OVER () AS matches FROM orders o ${clause}
        ORDER BY ${column} ${dir}, o.id ${dir} LIMIT 26`,
      params,
    );
  }
  // The page from orders alone, then the page's clients by id (as the repository does:
  // joined to clients, MariaDB leads with a scan of clients and sorts every order).
  const [rows] =
    hits?.length === 0
      ? [[]]
      : await pool.query(
          `SELECT o.id, o.reference, o.client_id, o.operator_id, u.name AS operator_name, o.origin,
            o.status, o.payment_status, o.payment_method, o.shipping_method, o.total, o.currency,
            o.line_count, o.tags, o.requested_delivery_date, o.created_at, o.updated_at, o.version,
            ${countInPage && !twoSteps ? 'COUNT(*) OVER ()' : 'NULL'} AS matches
       ${
         twoSteps
           ? `FROM orders o LEFT JOIN users u ON u.id = o.operator_id WHERE o.id IN (?)`
           : tagSide
             ? `FROM order_tags tg JOIN orders o ON o.id = tg.order_id LEFT JOIN users u ON u.id = o.operator_id
              WHERE ${pageWhere.join(' AND ')}
              ORDER BY tg.order_created_at ${dir}, tg.order_id ${dir} LIMIT 26`
             : `FROM orders o LEFT JOIN users u ON u.id = o.operator_id
              ${clause} ORDER BY ${column} ${dir}, o.id ${dir} LIMIT 26`
       }`,
          twoSteps ? [hits.map((h) => h.id)] : pageParams,
        );
  if (twoSteps) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    rows.splice(0, rows.length, ...hits.map((h) => ({ ...byId.get(h.id), matches: h.matches })));
  }
  if (rows.length > 0) {
    const [names] = await pool.query('SELECT id, name, code FROM clients WHERE id IN (?)', [
      [...new Set(rows.map((r) => r.client_id))],
    ]);
    const byId = new Map(names.map((c) => [c.id, c]));
    for (const r of rows) {
      r.client_name = byId.get(r.client_id)?.name;
      r.client_code = byId.get(r.client_id)?.code;
    }
  }
  let total = rows.length;
  if (rows.length > 25 && countInPage) {
    const n = Number(rows[0].matches);
    total = n > 10000 ? '10000+' : n;
  } else if (
    rows.length > 25 &&
    !f.q &&
    !f.clientId &&
    !f.tag &&
    !f.totalMin &&
    !f.totalMax &&
    !f.createdFrom &&
    !f.createdTo
  ) {
    // Status, payment status, origin, operator: a sum over order_counts (decision 0018).
    const cw = [];
    const cp = [];
    if (f.status) cw.push('status IN (?)') && cp.push(list(f.status));
    if (f.paymentStatus) cw.push('payment_status IN (?)') && cp.push(list(f.paymentStatus));
    if (f.origin) cw.push('origin = ?') && cp.push(f.origin);
    if (f.operatorId) cw.push('operator_id = ?') && cp.push(Number(f.operatorId));
    const [[{ n }]] = await pool.query(
      `SELECT COALESCE(SUM(n), 0) AS n FROM order_counts ${cw.length ? `WHERE ${cw.join(' AND ')}` : ''}`,
      cp,
    );
    total = Number(n) > 10000 ? '10000+' : Number(n);
  } else if (rows.length > 25) {
    // The same time budget as the repository's bounded count (60 ms): null when exceeded.
    try {
      const [[{ n }]] = await pool.query(
        `SET STATEMENT max_statement_time=0.060 FOR ${
          tagOnly
            ? `SELECT COUNT(*) AS n FROM (SELECT 1 FROM order_tags tg WHERE ${tg.join(' AND ')} LIMIT 10001) capped`
            : `SELECT COUNT(*) AS n FROM (SELECT 1 FROM orders o ${clause} LIMIT 10001) capped`
        }`,
        tagOnly ? tgParams : params,
      );
      total = n > 10000 ? '10000+' : n;
    } catch (error) {
      if (error.errno !== 1969) throw error;
      total = null;
    }
  }
  return { items: rows.slice(0, 25), total };
});
/** Body: { clientId, lines: [{ productId, quantity }] }; in progress at once (stock taken). */
app.post('/orders', async (req, reply) => {
  const { clientId, lines } = req.body;
  const sorted = [...lines].sort((a, b) => a.productId - b.productId);
  const conn = await pool.getConnection();
  try {
    await conn.query('BEGIN');
    const [priced] = await conn.query(
      'SELECT id, sku, name, unit_price, vat_bp FROM products WHERE id IN (?)',
      [sorted.map((l) => l.productId)],
    );
    const byId = new Map(priced.map((p) => [p.id, p]));
    for (const l of sorted) {
      const [r] = await conn.execute(
        'UPDATE products SET on_hand = on_hand - ? WHERE id = ? AND on_hand >= ?',
        [l.quantity, l.productId, l.quantity],
      );
      if (r.affectedRows !== 1) throw new Error(`product ${l.productId} is short`);
      await conn.execute(
        `INSERT INTO stock_movements (product_id, delta, on_hand_after, kind, ref_type, actor_type, actor_label)
         SELECT id, ?, on_hand, 'order_deduct', 'order', 'system', 'bare' FROM products WHERE id = ?`,
        [-l.quantity, l.productId],
      );
    }
    const net = sorted.reduce((s, l) => s + l.quantity * byId.get(l.productId).unit_price, 0);
    const vat = Math.round(net * 0.2);
    const total = net + vat;
    // Rows as complete as Gestco's, so the API can read them back.
    const totals = JSON.stringify({
      linesGross: net,
      lineDiscounts: 0,
      subtotal: net,
      clientDiscount: 0,
      couponDiscount: 0,
      shipping: 0,
      net,
      vat: [{ rate: '20', base: net, amount: vat }],
      vatTotal: vat,
      total,
    });
    const address = JSON.stringify({
      name: 'Bare',
      company: null,
      email: null,
      phone: null,
      line1: null,
      line2: null,
      postalCode: null,
      city: null,
      country: 'FR',
    });
    const [ins] = await conn.execute(
      `INSERT INTO orders (reference, client_id, origin, status, payment_status, billing_address,
         shipping_address, shipping_vat_rate, totals, total, currency, stock_state, tags, line_count, search_text)
       VALUES (UUID(), ?, 'phone', 'in_progress', 'unpaid', ?, ?, '20', ?, ?, 'EUR', 'deducted', '[]', ?, '')`,
      [clientId, address, address, totals, total, sorted.length],
    );
    const orderId = ins.insertId;
    await conn.query(
      `INSERT INTO order_lines (order_id, position, product_id, sku, name, quantity, unit_price, vat_rate, total) VALUES ?`,
      [
        lines.map((l, i) => {
          const p = byId.get(l.productId);
          return [
            orderId,
            i,
            p.id,
            p.sku,
            p.name,
            l.quantity,
            p.unit_price,
            '20',
            l.quantity * p.unit_price,
          ];
        }),
      ],
    );
    await conn.query('UPDATE clients SET order_count = order_count + 1 WHERE id = ?', [clientId]);
    const year = new Date().getUTCFullYear();
    await conn.query(
      `INSERT INTO order_sequences (scope, value) VALUES (?, LAST_INSERT_ID(1))
       ON DUPLICATE KEY UPDATE value = LAST_INSERT_ID(value + 1)`,
      [String(year)],
    );
    const [[{ seq }]] = await conn.query('SELECT LAST_INSERT_ID() AS seq');
    const reference = `CMD-${year}-${String(seq).padStart(6, '0')}`;
    await conn.execute('UPDATE orders SET reference = ? WHERE id = ?', [reference, orderId]);
    await conn.execute(
      `INSERT INTO order_events (order_id, type, channel, actor_type, actor_label, to_status, changes, data)
       VALUES (?, 'created', 'web', 'system', 'bare', 'in_progress', '[]', '{}')`,
      [orderId],
    );
    await conn.query('COMMIT');
    return reply.status(201).send({ id: orderId, reference, total });
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  } finally {
    conn.release();
  }
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('bare ready');
