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

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('bare ready');
