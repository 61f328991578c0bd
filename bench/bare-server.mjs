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
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('bare ready');
