import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  PAYMENT_STATUSES,
  basisPointsToPercent,
  computeTotals,
  type OrderStatus,
} from '@gestco/contract';
import { seedDemo } from '../../bootstrap.ts';
import { systemActor } from '../../lib/request-context.ts';
import { countRows, createTestContext, type TestContext } from '../../../test/harness.ts';
import { ledgerMismatches } from '../../../test/catalogue.ts';
import { orderSearchText } from './order-search-text.ts';
import { DEMO_ORDER_COUNT, loadDemoInput, planDemoOrders, seedDemoOrders } from './orders-demo.ts';
import { paymentStatusOf } from './orders-service.ts';

let ctx: TestContext;
let seededAt: Date;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.createUser('admin');
  seededAt = new Date();
  // How long seeding takes is not a test matter (no timed assertions).
  expect(await seedDemo(ctx.app.services)).toBe(true);
}, 120_000);
afterAll(() => ctx.close());

interface OrderRow {
  id: number;
  reference: string;
  client_id: number;
  operator_id: number | null;
  origin: string;
  status: OrderStatus;
  payment_status: string;
  payment_method: string | null;
  shipping_fee: number;
  shipping_vat_rate: string;
  client_discount_bp: number;
  totals: string;
  total: number;
  paid_amount: number;
  refunded_amount: number;
  stock_state: string;
  tags: string;
  line_count: number;
  search_text: string;
  tracking_code: string | null;
  shipped_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}
const allOrders = () => ctx.query<OrderRow>('SELECT * FROM orders ORDER BY created_at, id');
const DAY = 86_400_000;

describe('demo orders', () => {
  it('writes ~3,000 orders over the last 18 months', async () => {
    const rows = await allOrders();
    expect(rows).toHaveLength(DEMO_ORDER_COUNT);
    const first = rows[0]!.created_at.getTime();
    const last = rows.at(-1)!.created_at.getTime();
    expect(seededAt.getTime() - first).toBeGreaterThan(540 * DAY);
    expect(seededAt.getTime() - first).toBeLessThan(550 * DAY);
    expect(last).toBeLessThanOrEqual(seededAt.getTime());
    expect(seededAt.getTime() - last).toBeLessThan(3 * DAY);
    // Every month of the 18 has orders.
    const months = new Set(rows.map((r) => r.created_at.toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(18);
  });

  it('has every status: old orders mostly completed, pending and in progress only recent', async () => {
    const rows = await allOrders();
    const count = (list: OrderRow[], s: string) => list.filter((r) => r.status === s).length;
    for (const s of ORDER_STATUSES) expect(count(rows, s), s).toBeGreaterThan(5);
    const old = rows.filter((r) => seededAt.getTime() - r.created_at.getTime() > 60 * DAY);
    expect(count(old, 'completed') / old.length).toBeGreaterThan(0.88);
    expect(count(old, 'pending') + count(old, 'in_progress')).toBe(0);
    for (const r of rows.filter((x) => x.status === 'pending' || x.status === 'in_progress'))
      expect(seededAt.getTime() - r.created_at.getTime()).toBeLessThan(30 * DAY);
    for (const s of PAYMENT_STATUSES)
      expect(rows.filter((r) => r.payment_status === s).length, s).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.origin))).toEqual(
      new Set(['manual', 'phone', 'store', 'quick_link', 'import', 'api']),
    );
    const phone = rows.filter((r) => r.origin === 'phone').length;
    for (const o of ['manual', 'store', 'quick_link', 'import', 'api'])
      expect(phone).toBeGreaterThan(rows.filter((r) => r.origin === o).length);
    // Dates of the statuses follow the status.
    for (const r of rows) {
      expect(r.completed_at !== null).toBe(r.status === 'completed');
      expect(r.cancelled_at !== null).toBe(r.status === 'cancelled');
      if (r.status === 'completed') expect(r.shipped_at).not.toBeNull();
    }
  });

  it('prices every order with computeTotals and realistic baskets', async () => {
    const rows = await allOrders();
    const lines = await ctx.query<{
      order_id: number;
      position: number;
      product_id: number | null;
      quantity: number;
      unit_price: number;
      discount_bp: number;
      vat_rate: string;
      total: number;
    }>('SELECT * FROM order_lines ORDER BY order_id, position');
    const byOrder = new Map<number, typeof lines>();
    for (const l of lines) byOrder.set(l.order_id, [...(byOrder.get(l.order_id) ?? []), l]);
    const sizes = rows.map((r) => byOrder.get(r.id)?.length ?? 0);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(6);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(2);
    expect(mean).toBeLessThan(3.2);
    for (const r of rows) expect(r.line_count).toBe(byOrder.get(r.id)!.length);
    expect(lines.some((l) => l.product_id === null)).toBe(true);
    expect(lines.some((l) => l.discount_bp > 0)).toBe(true);
    expect(rows.some((r) => r.client_discount_bp > 0)).toBe(true);
    expect(rows.some((r) => r.shipping_fee > 0)).toBe(true);

    // Every order, recomputed from what is stored.
    for (const r of rows) {
      const own = byOrder.get(r.id)!;
      const computed = computeTotals({
        lines: own.map((l) => ({
          quantity: l.quantity,
          unitPrice: l.unit_price,
          discountRate: basisPointsToPercent(l.discount_bp),
          vatRate: l.vat_rate,
        })),
        clientDiscountRate: basisPointsToPercent(r.client_discount_bp),
        coupon: null,
        shippingFee: r.shipping_fee,
        shippingVatRate: r.shipping_vat_rate,
      });
      expect(JSON.parse(r.totals), r.reference).toEqual(computed.totals);
      expect(r.total).toBe(computed.totals.total);
      expect(own.map((l) => l.total)).toEqual(computed.lineTotals);
    }
  });

  it('numbers references per year in creation order, and new orders continue the series', async () => {
    const rows = await allOrders();
    const refs = rows.map((r) => r.reference);
    expect(new Set(refs).size).toBe(refs.length);
    const byYear = new Map<string, number[]>();
    for (const r of rows) {
      const m = /^CMD-(\d{4})-(\d{6})$/.exec(r.reference);
      expect(m, r.reference).not.toBeNull();
      const year = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' })
        .format(r.created_at)
        .toString();
      expect(m![1]).toBe(year);
      byYear.set(year, [...(byYear.get(year) ?? []), Number(m![2])]);
    }
    for (const seqs of byYear.values())
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const sequences = await ctx.query<{ scope: string; value: number }>(
      'SELECT * FROM order_sequences ORDER BY scope',
    );
    expect(Object.fromEntries(sequences.map((s) => [s.scope, s.value]))).toEqual(
      Object.fromEntries([...byYear].map(([y, s]) => [y, s.length])),
    );

    // A new order through the API takes the next number of this year.
    const admin = await ctx.createUser('admin');
    const [client] = await ctx.query<{ id: number }>(
      "SELECT id FROM clients WHERE status = 'current' ORDER BY id LIMIT 1",
    );
    const [product] = await ctx.query<{ id: number }>(
      'SELECT id FROM products WHERE track_stock = 0 AND active = 1 LIMIT 1',
    );
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      token: admin.token,
      payload: { clientId: client!.id, lines: [{ productId: product!.id, quantity: 1 }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const year = String(
      new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(
        new Date(),
      ),
    );
    const next = (byYear.get(year)?.length ?? 0) + 1;
    expect(res.json().reference).toBe(`CMD-${year}-${String(next).padStart(6, '0')}`);

    // The demo's search text is the service's.
    const [created] = await ctx.query<OrderRow>('SELECT * FROM orders WHERE id = ?', [
      res.json().id,
    ]);
    const [summary] = await ctx.query<{
      name: string;
      code: string;
      email: string | null;
      phone: string | null;
    }>('SELECT name, code, email, phone FROM clients WHERE id = ?', [client!.id]);
    expect(
      orderSearchText(
        {
          reference: created!.reference,
          billingAddress: res.json().billingAddress,
          trackingCode: null,
        },
        summary!,
      ),
    ).toBe(created!.search_text);
    await ctx.query('DELETE FROM orders WHERE id = ?', [created!.id]);
    await ctx.query('UPDATE clients SET order_count = order_count - 1 WHERE id = ?', [client!.id]);
  });

  it('keeps clients.order_count, payments and tags consistent with the orders', async () => {
    const mismatched = await ctx.query(
      `SELECT c.id FROM clients c LEFT JOIN (SELECT client_id, COUNT(*) AS n FROM orders GROUP BY client_id) o
          ON o.client_id = c.id
        WHERE c.order_count <> COALESCE(o.n, 0)`,
    );
    expect(mismatched).toEqual([]);
    const [prospects] = await ctx.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM orders o JOIN clients c ON c.id = o.client_id WHERE c.status <> 'current'",
    );
    expect(Number(prospects!.n)).toBe(0);

    const rows = await allOrders();
    const money = await ctx.query<{ order_id: number; kind: string; amount: string }>(
      'SELECT order_id, kind, SUM(amount) AS amount FROM order_payments GROUP BY order_id, kind',
    );
    const paid = new Map<number, number>();
    const refunded = new Map<number, number>();
    for (const m of money) (m.kind === 'payment' ? paid : refunded).set(m.order_id, +m.amount);
    for (const r of rows) {
      expect(r.paid_amount, r.reference).toBe(paid.get(r.id) ?? 0);
      expect(r.refunded_amount, r.reference).toBe(refunded.get(r.id) ?? 0);
      expect(r.paid_amount).toBeLessThanOrEqual(r.total);
      expect(r.payment_status).toBe(paymentStatusOf(r.total, r.paid_amount, r.refunded_amount));
    }
    expect(
      rows.filter((r) => r.refunded_amount > 0 && r.status !== 'cancelled').length,
    ).toBeGreaterThan(5);

    const tagRows = await ctx.query<{ order_id: number; tag: string }>('SELECT * FROM order_tags');
    const tags = new Map<number, string[]>();
    for (const t of tagRows) tags.set(t.order_id, [...(tags.get(t.order_id) ?? []), t.tag]);
    for (const r of rows)
      expect([...(tags.get(r.id) ?? [])].sort()).toEqual([...JSON.parse(r.tags)].sort());
    const used = new Set(tagRows.map((t) => t.tag));
    for (const t of ['Priorité haute', 'Problème', 'Fidèle', 'À rappeler'])
      expect(used).toContain(t);
  });

  it('writes the timeline: created first, legal status changes from the desk and the scan view, edits, notes', async () => {
    const rows = await allOrders();
    const events = await ctx.query<{
      id: number;
      order_id: number;
      type: string;
      channel: string;
      actor_id: number | null;
      from_status: OrderStatus | null;
      to_status: OrderStatus | null;
      changes: string;
      comment: string | null;
      created_at: Date;
    }>('SELECT * FROM order_events ORDER BY order_id, id');
    const byOrder = new Map<number, typeof events>();
    for (const e of events) byOrder.set(e.order_id, [...(byOrder.get(e.order_id) ?? []), e]);
    for (const r of rows) {
      const own = byOrder.get(r.id)!;
      expect(own[0]!.type, r.reference).toBe('created');
      expect(own.filter((e) => e.type === 'created')).toHaveLength(1);
      let status: OrderStatus = 'pending';
      let time = 0;
      for (const e of own) {
        expect(e.created_at.getTime()).toBeGreaterThanOrEqual(time);
        time = e.created_at.getTime();
        if (e.type !== 'status') continue;
        expect(e.from_status).toBe(status);
        expect(ORDER_TRANSITIONS[status]).toContain(e.to_status);
        status = e.to_status!;
      }
      expect(status, r.reference).toBe(r.status);
      // The creation leaves version 1; every change but notes bumped it.
      const touching = own.filter((e) => e.type !== 'created' && e.type !== 'note').length;
      expect(r.version).toBe(1 + touching);
    }
    const status = events.filter((e) => e.type === 'status');
    expect(new Set(status.map((e) => e.channel))).toEqual(new Set(['web', 'scan', 'bulk']));
    const edits = events.filter((e) => e.type === 'edit');
    expect(edits.length).toBeGreaterThan(100);
    for (const e of edits) expect(JSON.parse(e.changes).length).toBeGreaterThan(0);
    const fields = new Set(
      edits.flatMap((e) => JSON.parse(e.changes).map((c: { field: string }) => c.field)),
    );
    expect([...fields].some((f) => /^lines\[.+\]\.quantity$/.test(f))).toBe(true);
    expect(fields).toContain('total');
    expect(fields).toContain('operatorId');
    expect(events.filter((e) => e.type === 'note').length).toBeGreaterThan(100);
    expect(events.filter((e) => e.type === 'payment').length).toBeGreaterThan(2000);
    expect(events.filter((e) => e.type === 'refund').length).toBeGreaterThan(10);
  });

  it('is taken by the demo staff, with stock moved only for the open in-progress orders', async () => {
    const staff = await ctx.query<{ id: number }>(
      "SELECT id FROM users WHERE email LIKE '%@demo.gestco.fr' AND role IN ('manager', 'operator')",
    );
    const operators = await ctx.query<{ operator_id: number | null }>(
      'SELECT DISTINCT operator_id FROM orders',
    );
    const ids = new Set(staff.map((s) => s.id));
    expect(
      operators.filter((o) => o.operator_id !== null).every((o) => ids.has(o.operator_id!)),
    ).toBe(true);
    expect(operators.length).toBeGreaterThanOrEqual(3);

    expect(await ledgerMismatches(ctx)).toEqual([]);
    const [negative] = await ctx.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM products WHERE on_hand < 0',
    );
    expect(Number(negative!.n)).toBe(0);
    const deducted = await ctx.query<{ order_id: number; units: string; moved: string | null }>(
      `SELECT o.id AS order_id,
              (SELECT SUM(l.quantity) FROM order_lines l JOIN products p ON p.id = l.product_id
                WHERE l.order_id = o.id AND p.track_stock = 1) AS units,
              (SELECT -SUM(m.delta) FROM stock_movements m
                WHERE m.ref_type = 'order' AND m.ref_id = o.id AND m.kind = 'order_deduct') AS moved
         FROM orders o WHERE o.status = 'in_progress' AND o.stock_state = 'deducted'`,
    );
    expect(deducted.length).toBeGreaterThan(5);
    for (const d of deducted) expect(Number(d.moved ?? 0)).toBe(Number(d.units ?? 0));
    const [others] = await ctx.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM stock_movements m JOIN orders o ON o.id = m.ref_id
        WHERE m.ref_type = 'order' AND NOT (o.status = 'in_progress' AND o.stock_state = 'deducted')`,
    );
    expect(Number(others!.n)).toBe(0);
    const states = await ctx.query<{ status: string; stock_state: string }>(
      'SELECT DISTINCT status, stock_state FROM orders',
    );
    for (const s of states) {
      if (s.status === 'pending') expect(s.stock_state).toBe('none');
      if (s.status === 'shipped' || s.status === 'completed')
        expect(['deducted', 'skipped']).toContain(s.stock_state);
    }
  });

  it('is found through the API like any order', async () => {
    const viewer = await ctx.createUser('viewer');
    const list = await ctx.inject({
      method: 'GET',
      url: '/api/v1/orders?status=in_progress&limit=5',
      token: viewer.token,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    const [sample] = await ctx.query<{ id: number; name: string; reference: string }>(
      `SELECT o.id, c.name, o.reference FROM orders o JOIN clients c ON c.id = o.client_id
        WHERE o.status = 'completed' ORDER BY o.id LIMIT 1`,
    );
    const byRef = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/lookup?reference=${sample!.reference}`,
      token: viewer.token,
    });
    expect(byRef.json().id).toBe(sample!.id);
    const byName = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders?q=${encodeURIComponent(sample!.name)}&limit=100`,
      token: viewer.token,
    });
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json().total).not.toBe(0);
    const order = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${sample!.id}/events`,
      token: viewer.token,
    });
    expect(order.json().items[0].type).toBe('created');
  });

  it('is the same data set for the same installation and time', async () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const input = { ...(await loadDemoInput(ctx.db.db, ctx.app.services, now)), count: 600 };
    const plan = planDemoOrders(input);
    expect(plan).toHaveLength(600);
    expect(planDemoOrders(input)).toEqual(plan);
  });

  it('does not seed twice', async () => {
    const tables = ['orders', 'order_lines', 'order_events', 'order_payments', 'order_tags'];
    const count = async () =>
      Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await countRows(ctx, t)])));
    const before = await count();
    expect(await seedDemo(ctx.app.services)).toBe(false);
    expect(
      await seedDemoOrders(ctx.db.db, ctx.app.services, { actor: systemActor('demo') }),
    ).toEqual({ orders: 0, lines: 0, events: 0, payments: 0, stockMovements: 0 });
    expect(await count()).toEqual(before);
  });
});
