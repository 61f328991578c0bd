import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { api as apiOf, createProduct, type Json } from '../../../test/catalogue.ts';
import { createClient, createOrder } from '../../../test/orders.ts';
import { TAG_PROBE_FROM } from './orders-repository.ts';

/**
 * A common tag (TAG_PROBE_FROM orders or more) in creation order is read from order_tags'
 * (tag, order created at, order id) index (decision 0016). Its own database: 1,200 orders.
 */
let ctx: TestContext;
let viewer: TestUser;
let api: ReturnType<typeof apiOf>;
const TAGGED = TAG_PROBE_FROM + 50;

beforeAll(async () => {
  ctx = await createTestContext();
  api = apiOf(ctx);
  const manager = await ctx.createUser('manager');
  viewer = await ctx.createUser('viewer');
  const client = await createClient(ctx, manager.token, { name: 'Volume SARL' });
  const product = await createProduct(ctx, manager.token);
  const model = await createOrder(ctx, manager.token, {
    clientId: client.id,
    lines: [{ productId: product.id, quantity: 1 }],
  });
  // Copies of the order, one second apart, half pending and half cancelled, with created_at
  // out of step with the ids (so the order of the page is the time's, not the id's).
  // Rows, not GROUP_CONCAT: MySQL cuts that at 1,024 characters by default.
  const columns = await ctx.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = DATABASE() AND table_name = 'orders'
        AND column_name NOT IN ('id', 'reference', 'status', 'created_at', 'updated_at')
      ORDER BY ordinal_position`,
  );
  const copied = columns.map((c) => `\`${c.name}\``).join(',');
  await ctx.query(
    `INSERT INTO orders (${copied}, reference, status, created_at, updated_at)
     WITH d (n) AS (SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
                    UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7
                    UNION ALL SELECT 8 UNION ALL SELECT 9),
          seq (n) AS (SELECT 1 + a.n + 10 * b.n + 100 * c.n + 1000 * e.n
                        FROM d a, d b, d c, d e WHERE e.n < 2)
     SELECT ${copied
       .split(',')
       .map((c) => `o.${c}`)
       .join(',')}, CONCAT('TST-', LPAD(seq.n, 6, '0')),
            IF(seq.n % 2 = 0, 'pending', 'cancelled'),
            TIMESTAMPADD(SECOND, (seq.n * 7919) % 1200, '2026-01-01 00:00:00.000'),
            TIMESTAMPADD(SECOND, (seq.n * 7919) % 1200, '2026-01-01 00:00:00.000')
       FROM seq JOIN orders o ON o.id = ? WHERE seq.n <= ?`,
    [(model as Json).id, TAGGED + 100],
  );
  await ctx.query(
    `INSERT INTO order_tags (order_id, tag, order_created_at)
     SELECT id, 'Volume', created_at FROM orders WHERE reference LIKE 'TST-%' ORDER BY id LIMIT ?`,
    [TAGGED],
  );
});
afterAll(() => ctx.close());

/** The tagged orders as the list must give them, from SQL. */
async function expected(where: string, descending = true) {
  const dir = descending ? 'DESC' : 'ASC';
  const rows = await ctx.query<{ id: number }>(
    `SELECT o.id FROM orders o JOIN order_tags t ON t.order_id = o.id AND t.tag = 'Volume'
      WHERE ${where} ORDER BY o.created_at ${dir}, o.id ${dir}`,
  );
  return rows.map((r) => Number(r.id));
}

async function walk(query: string) {
  const ids: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await api(
      'GET',
      `/orders?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      viewer.token,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: { id: number }[]; nextCursor: string | null };
    ids.push(...page.items.map((o) => o.id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 50);
  return ids;
}

describe('GET /orders?tag= on a common tag', () => {
  it('gives the newest tagged orders first, then every page without repeats or gaps', async () => {
    const all = await expected('1 = 1');
    expect(all).toHaveLength(TAGGED);
    const first = await api('GET', '/orders?tag=Volume', viewer.token);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items.map((o: { id: number }) => o.id)).toEqual(all.slice(0, 25));
    expect(await walk('tag=Volume')).toEqual(all);
  });

  it('combines the tag with other filters, and sorts oldest first', async () => {
    expect(await walk('tag=Volume&status=pending')).toEqual(await expected("o.status = 'pending'"));
    expect(await walk('tag=Volume&sort=createdAt')).toEqual(await expected('1 = 1', false));
    const created = await walk(
      'tag=Volume&createdFrom=2026-01-01T00:05:00.000Z&createdTo=2026-01-01T00:10:00.000Z',
    );
    expect(created).toEqual(
      await expected(
        "o.created_at BETWEEN '2026-01-01 00:05:00.000' AND '2026-01-01 00:10:00.000'",
      ),
    );
    expect(created.length).toBeGreaterThan(100);
  });
});
