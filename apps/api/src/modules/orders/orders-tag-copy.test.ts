import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { api as apiOf, createSupplier, type Json } from '../../../test/catalogue.ts';
import { createClient, createOrder, moveTo, stockedProduct } from '../../../test/orders.ts';

/**
 * order_tags carries a copy of its order's list filters (status, payment status, operator,
 * origin, total, creation time) so that a tag with those filters is paged and counted from
 * order_tags alone (decision 0018). The database keeps the copy in step (triggers of migration
 * 0013): these tests write through every API path that changes those columns and compare.
 */
let ctx: TestContext;
let manager: TestUser;
let operator: TestUser;
let other: TestUser;
let viewer: TestUser;
let api: ReturnType<typeof apiOf>;
let client: Json;
let product: Json;

beforeAll(async () => {
  ctx = await createTestContext();
  api = apiOf(ctx);
  manager = await ctx.createUser('manager');
  operator = await ctx.createUser('operator');
  other = await ctx.createUser('operator');
  viewer = await ctx.createUser('viewer');
  client = await createClient(ctx, manager.token, { name: 'Copie SARL' });
  const supplier = await createSupplier(ctx, manager.token);
  product = await stockedProduct(ctx, manager.token, supplier.id, 1000);
});
afterAll(() => ctx.close());

/** Tag rows whose copy differs from their order. */
async function mismatches() {
  const rows = await ctx.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM order_tags t JOIN orders o ON o.id = t.order_id
      WHERE NOT (t.status <=> o.status AND t.payment_status <=> o.payment_status
        AND t.operator_id <=> o.operator_id AND t.origin <=> o.origin AND t.total <=> o.total
        AND t.order_created_at <=> o.created_at)`,
  );
  return Number(rows[0]!.n);
}

/** Combinations whose order_counts sum differs from the orders (decision 0018). */
async function countMismatches() {
  const rows = await ctx.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM (
       SELECT status, payment_status, origin, operator_id, SUM(n) AS n FROM (
         SELECT status, payment_status, origin, operator_id, n FROM order_counts
         UNION ALL
         SELECT status, payment_status, origin, COALESCE(operator_id, 0), -1 FROM orders
       ) d GROUP BY status, payment_status, origin, operator_id HAVING SUM(n) <> 0) m`,
  );
  return Number(rows[0]!.n);
}

async function copyOf(orderId: number) {
  return ctx.query<Record<string, unknown>>(
    `SELECT tag, status, payment_status AS paymentStatus, operator_id AS operatorId, origin, total
       FROM order_tags WHERE order_id = ? ORDER BY tag`,
    [orderId],
  );
}

describe("order_tags' copy of the order", () => {
  it('follows every write of the order: create, status, payment, refund, edit, bulk', async () => {
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      origin: 'phone',
      operatorId: operator.id,
      lines: [{ productId: product.id, quantity: 2 }],
      tags: ['copie', 'vip'],
    });
    const rows = await copyOf(order.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      tag: 'copie',
      status: 'pending',
      paymentStatus: 'unpaid',
      operatorId: operator.id,
      origin: 'phone',
      total: order.totals.total,
    });
    expect(await mismatches()).toBe(0);
    expect(await countMismatches()).toBe(0);

    await moveTo(ctx, operator.token, order.id, ['in_progress']);
    expect((await copyOf(order.id))[1]).toMatchObject({ status: 'in_progress' });
    expect(await mismatches()).toBe(0);
    expect(await countMismatches()).toBe(0);

    const paid = await api('POST', `/orders/${order.id}/payments`, operator.token, {
      amount: order.totals.total,
      method: 'Virement',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect((await copyOf(order.id))[0]).toMatchObject({ paymentStatus: 'paid' });
    const refunded = await api('POST', `/orders/${order.id}/refunds`, manager.token, {
      amount: 100,
      reason: 'Geste commercial',
    });
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect((await copyOf(order.id))[0]).toMatchObject({ paymentStatus: 'partially_refunded' });
    expect(await mismatches()).toBe(0);
    expect(await countMismatches()).toBe(0);

    // An edit of the lines (the total) and of the operator, then a new tag.
    const edited = await api('PATCH', `/orders/${order.id}`, manager.token, {
      version: refunded.json().version,
      operatorId: other.id,
      lines: [{ id: (order.lines[0] as Json).id, quantity: 5 }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().totals.total).not.toBe(order.totals.total);
    expect((await copyOf(order.id))[0]).toMatchObject({
      operatorId: other.id,
      total: edited.json().totals.total,
    });
    const retagged = await api('PATCH', `/orders/${order.id}`, manager.token, {
      version: edited.json().version,
      tags: ['copie', 'vip', 'nouveau'],
    });
    expect(retagged.statusCode, retagged.body).toBe(200);
    expect((await copyOf(order.id)).find((r) => r.tag === 'nouveau')).toMatchObject({
      status: 'in_progress',
      paymentStatus: 'partially_refunded',
      operatorId: other.id,
      origin: 'phone',
    });
    expect(await mismatches()).toBe(0);
    expect(await countMismatches()).toBe(0);

    // Bulk actions on a filter: assign, add a tag, change status.
    for (const action of [
      { type: 'assign', operatorId: null },
      { type: 'addTag', tag: 'lot' },
      { type: 'status', status: 'shipped' },
    ]) {
      const res = await api('POST', '/orders/bulk', manager.token, {
        filter: { tag: 'copie' },
        action,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json(), JSON.stringify(action)).toMatchObject({ succeeded: 1, failed: 0 });
    }
    const last = await copyOf(order.id);
    expect(last.map((r) => r.tag)).toEqual(['copie', 'lot', 'nouveau', 'vip']);
    for (const row of last) expect(row).toMatchObject({ status: 'shipped', operatorId: null });
    expect(await mismatches()).toBe(0);
    expect(await countMismatches()).toBe(0);

    // A test insert and delete of an order by SQL are counted too.
    await ctx.query(
      `INSERT INTO orders (reference, client_id, origin, status, payment_status, billing_address,
         shipping_address, shipping_vat_rate, totals, total, currency, stock_state, tags,
         line_count, search_text)
       SELECT 'SQL-1', client_id, 'api', 'completed', 'refunded', billing_address,
         shipping_address, shipping_vat_rate, totals, total, currency, stock_state, tags,
         line_count, search_text FROM orders WHERE id = ?`,
      [order.id],
    );
    expect(await countMismatches()).toBe(0);
    await ctx.query("DELETE FROM orders WHERE reference = 'SQL-1'");
    expect(await countMismatches()).toBe(0);

    // The checks themselves see a copy or a count out of step.
    await ctx.query('UPDATE order_counts SET n = n + 1 ORDER BY status, shard LIMIT 1');
    expect(await countMismatches()).toBe(1);
    await ctx.query('UPDATE order_counts SET n = n - 1 ORDER BY status, shard LIMIT 1');
    await ctx.query(
      "UPDATE order_tags SET status = 'cancelled' WHERE order_id = ? AND tag = 'vip'",
      [order.id],
    );
    expect(await mismatches()).toBe(1);
    await ctx.query('UPDATE order_tags SET status = ? WHERE order_id = ?', ['shipped', order.id]);
  });
});

describe('GET /orders?tag= with the filters order_tags carries', () => {
  const ids: number[] = [];
  beforeAll(async () => {
    // 24 orders tagged "mix" (and 6 untagged twins) across statuses, operators, origins, totals.
    const origins = ['phone', 'store', 'manual'];
    for (let i = 0; i < 30; i += 1) {
      const order = await createOrder(ctx, operator.token, {
        clientId: client.id,
        origin: origins[i % 3],
        operatorId: i % 4 === 0 ? other.id : operator.id,
        lines: [{ productId: product.id, quantity: 1 + (i % 5) }],
        tags: i < 24 ? ['mix'] : [],
      });
      if (i % 3 === 1) await moveTo(ctx, operator.token, order.id, ['in_progress']);
      if (i % 6 === 2) await moveTo(ctx, operator.token, order.id, ['cancelled']);
      if (i % 4 === 3) {
        const paid = await api('POST', `/orders/${order.id}/payments`, operator.token, {
          amount: order.totals.total,
          method: 'Virement',
        });
        expect(paid.statusCode, paid.body).toBe(200);
      }
      if (i < 24) ids.push(order.id);
    }
  });

  /** The tagged orders matching `where` (on the orders' own columns), newest first. */
  async function expected(where: string, params: unknown[] = []) {
    const rows = await ctx.query<{ id: number }>(
      `SELECT o.id FROM orders o JOIN order_tags t ON t.order_id = o.id AND t.tag = 'mix'
        WHERE ${where} ORDER BY o.created_at DESC, o.id DESC`,
      params,
    );
    return rows.map((r) => Number(r.id));
  }

  /** Every page of the list at 5 per page, and the first page's total. */
  async function walk(query: string) {
    const found: number[] = [];
    let cursor: string | null = null;
    let total: unknown;
    do {
      const res = await api(
        'GET',
        `/orders?tag=mix&${query}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        viewer.token,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as {
        items: { id: number }[];
        nextCursor: string | null;
        total: unknown;
      };
      if (total === undefined) total = page.total;
      found.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor && found.length < 100);
    return { found, total };
  }

  it('pages and counts each filter, and their combinations, as SQL over the orders does', async () => {
    const cases: [string, string, unknown[]][] = [
      ['status=in_progress', "o.status = 'in_progress'", []],
      ['status=pending,cancelled', "o.status IN ('pending', 'cancelled')", []],
      ['paymentStatus=paid', "o.payment_status = 'paid'", []],
      [`operatorId=${other.id}`, 'o.operator_id = ?', [other.id]],
      ['origin=store', "o.origin = 'store'", []],
      ['totalMin=2400&totalMax=4800', 'o.total BETWEEN 2400 AND 4800', []],
      [
        `status=pending&origin=phone&operatorId=${operator.id}`,
        "o.status = 'pending' AND o.origin = 'phone' AND o.operator_id = ?",
        [operator.id],
      ],
      ['', '1 = 1', []],
    ];
    for (const [query, where, params] of cases) {
      const want = await expected(where, params);
      expect(want.length, query).toBeGreaterThan(0);
      const { found, total } = await walk(query);
      expect(found, query).toEqual(want);
      expect(total, query).toBe(want.length);
    }
    // Every tagged order is found by one of the status filters, none twice.
    const byStatus = await Promise.all(
      ['pending', 'in_progress', 'cancelled'].map((s) => walk(`status=${s}`)),
    );
    expect(byStatus.flatMap((r) => r.found).sort()).toEqual([...ids].sort());
  });

  it('gives the tabs from the copy, and sees a status change at once', async () => {
    const counts = async () => {
      const res = await api('GET', '/orders/status-counts?tag=mix&origin=store', viewer.token);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Record<string, number>;
    };
    const sql = async () => {
      const rows = await ctx.query<{ status: string; n: number }>(
        `SELECT o.status, COUNT(*) AS n FROM orders o JOIN order_tags t ON t.order_id = o.id
          WHERE t.tag = 'mix' AND o.origin = 'store' GROUP BY o.status`,
      );
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    };
    const before = await counts();
    expect(before).toMatchObject(await sql());
    expect(before.shipped).toBe(0);
    const [first] = await expected("o.status = 'in_progress' AND o.origin = 'store'");
    await moveTo(ctx, operator.token, first!, ['shipped']);
    const after = await counts();
    expect(after).toMatchObject(await sql());
    expect(after).toMatchObject({ shipped: 1, in_progress: before.in_progress! - 1 });
    expect((await walk('status=shipped&origin=store')).found).toEqual([first]);
  });

  it('totals status, payment status, origin and operator filters from order_counts, as SQL over the orders', async () => {
    // [status filter, its SQL] × [other filters, their SQL, parameters]
    const statuses: [string, string][] = [
      ['', '1 = 1'],
      ['status=in_progress', "status = 'in_progress'"],
      ['status=pending,cancelled', "status IN ('pending', 'cancelled')"],
    ];
    const others: [string, string, unknown[]][] = [
      ['', '1 = 1', []],
      ['paymentStatus=paid', "payment_status = 'paid'", []],
      ['origin=store', "origin = 'store'", []],
      [`operatorId=${other.id}`, 'operator_id = ?', [other.id]],
      [
        `origin=phone&operatorId=${operator.id}&paymentStatus=unpaid,paid`,
        "origin = 'phone' AND operator_id = ? AND payment_status IN ('unpaid', 'paid')",
        [operator.id],
      ],
    ];
    let nonZero = 0;
    for (const [otherQuery, otherSql, params] of others) {
      for (const [statusQuery, statusSql] of statuses) {
        const query = [statusQuery, otherQuery].filter(Boolean).join('&');
        const [row] = await ctx.query<{ n: number }>(
          `SELECT COUNT(*) AS n FROM orders WHERE ${statusSql} AND ${otherSql}`,
          params,
        );
        const res = await api('GET', `/orders?${query}&limit=1`, viewer.token);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().total, query).toBe(Number(row!.n));
        if (Number(row!.n) > 1) nonZero += 1;
      }
      const tabs = await api('GET', `/orders/status-counts?${otherQuery}`, viewer.token);
      expect(tabs.statusCode, tabs.body).toBe(200);
      const bySql = await ctx.query<{ status: string; n: number }>(
        `SELECT status, COUNT(*) AS n FROM orders WHERE ${otherSql} GROUP BY status`,
        params,
      );
      expect(tabs.json(), otherQuery).toEqual({
        pending: 0,
        in_progress: 0,
        shipped: 0,
        completed: 0,
        cancelled: 0,
        ...Object.fromEntries(bySql.map((r) => [r.status, Number(r.n)])),
      });
    }
    // Not vacuous: most combinations hold several orders (the total then comes from a count).
    expect(nonZero).toBeGreaterThan(8);
    const [all] = await ctx.query<{ n: number }>('SELECT COUNT(*) AS n FROM orders');
    expect(Number(all!.n)).toBeGreaterThan(30);
  });
});
