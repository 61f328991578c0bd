import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api as apiOf,
  createProduct,
  createSupplier,
  receive,
  type Json,
} from '../../../test/catalogue.ts';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { createClient, createOrder, moveTo, type OrderJson } from '../../../test/orders.ts';

/**
 * Report figures against totals computed by hand on a small known book of orders
 * (business zone Europe/Paris, base EUR):
 *
 *  O1 2025-03-10 10:00 Paris  client A  3 × P1 (10.00, VAT 20 %)          net 30.00 gross 36.00  pending, phone, tag Pro
 *  O2 2025-03-10 15:00 Paris  client B (−10 %)  1 × P1 + 2 × P2 (20.00, 5.5 %): lines 50.00,
 *     discount 5.00 spread 1.00 / 4.00 → net 45.00, VAT 1.80 + 1.98 → gross 48.78; completed,
 *     paid by card, 10.00 refunded, store, tags Pro + Fidèle, operator = manager, billed in BE
 *  O3 2025-03-11  client A  1 × P2  net 20.00 gross 21.10, cancelled (counted, not in revenue)
 *  O5 2025-03-12  client A  3 × P1 in USD at 1.0850: net 33.00 USD → 30.41 EUR,
 *     gross 39.60 USD → 36.50 EUR (each amount converted on its own, half away from zero)
 *  O4 2025-03-31 23:30 UTC = 2025-04-01 01:30 Paris (summer time): April, client B, 2 × P1
 *     net 18.00 gross 21.60
 *
 * March: 4 orders; net 30.00 + 45.00 + 30.41 = 105.41; gross 36.00 + 48.78 + 36.50 = 121.28;
 * units 3 + 3 + 3 = 9; basket 121.28 / 3 = 40.43; refunds 10.00.
 */

let ctx: TestContext;
let api: ReturnType<typeof apiOf>;
let admin: TestUser;
let manager: TestUser;
let viewer: TestUser;
let operator: TestUser;
let p1: Json;
let p2: Json;
let clientA: Json;
let clientB: Json;
const o = {} as Record<'o1' | 'o2' | 'o3' | 'o4' | 'o5', OrderJson>;

const MARCH = { from: '2025-03-01', to: '2025-03-31' };

async function setCreated(id: number, utc: string) {
  // The time of a past order; updated_at moves too, as any change to an order does.
  await ctx.query('UPDATE orders SET created_at = ?, updated_at = NOW(3) WHERE id = ?', [
    new Date(utc),
    id,
  ]);
}

async function report(query: Record<string, string | number>, token = manager.token) {
  const qs = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
  );
  return api('GET', `/reports/aggregate?${qs}`, token);
}
async function ok(query: Record<string, string | number>) {
  const res = await report(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    source: string;
    rows: {
      key: string | null;
      label: string | null;
      value: number | null;
      previous?: number | null;
      metrics: Record<string, number | null>;
    }[];
    others: { value: number | null; metrics: Record<string, number | null> } | null;
    total: Record<string, number | null>;
    previousTotal: Record<string, number | null> | null;
    previousPeriod: { from: string; to: string } | null;
    reconciliation: Record<string, number> | null;
  };
}
const byKey = (rows: { key: string | null; value: number | null }[]) =>
  Object.fromEntries(rows.map((r) => [r.key ?? '∅', r.value]));

beforeAll(async () => {
  ctx = await createTestContext();
  api = apiOf(ctx);
  admin = await ctx.createUser('admin');
  manager = await ctx.createUser('manager', { name: 'Marion Manager' });
  viewer = await ctx.createUser('viewer');
  operator = await ctx.createUser('operator');
  const supplier = await createSupplier(ctx, manager.token);
  p1 = await createProduct(ctx, manager.token, {
    name: 'Vis',
    unitPrice: 1000,
    vatRate: '20',
    trackStock: false,
  });
  p2 = await createProduct(ctx, manager.token, {
    name: 'Guide',
    unitPrice: 2000,
    vatRate: '5.5',
    trackStock: false,
  });
  // A tracked product under its reorder point, for the low-stock tile.
  const low = await createProduct(ctx, manager.token, { name: 'Cheville', reorderPoint: 5 });
  await receive(ctx, manager.token, supplier.id, [{ productId: low.id, quantity: 2 }]);
  clientA = await createClient(ctx, admin.token, { name: 'Atelier Alpha' });
  clientB = await createClient(ctx, admin.token, { name: 'Boutique Beta', discountRate: '10' });

  o.o1 = await createOrder(ctx, admin.token, {
    clientId: clientA.id,
    origin: 'phone',
    tags: ['Pro'],
    lines: [{ productId: p1.id, quantity: 3 }],
  });
  o.o2 = await createOrder(ctx, admin.token, {
    clientId: clientB.id,
    origin: 'store',
    operatorId: manager.id,
    tags: ['Pro', 'Fidèle'],
    billingAddress: {
      name: 'Beta',
      company: null,
      email: null,
      phone: null,
      line1: null,
      line2: null,
      postalCode: null,
      city: 'Bruxelles',
      country: 'BE',
    },
    lines: [
      { productId: p1.id, quantity: 1 },
      { productId: p2.id, quantity: 2 },
    ],
  });
  expect(o.o2.totals.total).toBe(4878);
  o.o3 = await createOrder(ctx, admin.token, {
    clientId: clientA.id,
    lines: [{ productId: p2.id, quantity: 1 }],
  });
  o.o4 = await createOrder(ctx, admin.token, {
    clientId: clientB.id,
    lines: [{ productId: p1.id, quantity: 2 }],
  });
  o.o5 = await createOrder(ctx, admin.token, {
    clientId: clientA.id,
    origin: 'phone',
    lines: [{ productId: p1.id, quantity: 3 }],
  });
  await moveTo(ctx, admin.token, o.o2.id, ['in_progress', 'shipped', 'completed']);
  let res = await api('POST', `/orders/${o.o2.id}/payments`, admin.token, {
    amount: 4878,
    method: 'Carte bancaire',
  });
  expect(res.statusCode, res.body).toBe(200);
  res = await api('POST', `/orders/${o.o2.id}/refunds`, manager.token, {
    amount: 1000,
    reason: 'Geste commercial',
  });
  expect(res.statusCode, res.body).toBe(200);
  await moveTo(ctx, admin.token, o.o3.id, ['cancelled']);

  // O5 was priced in USD at 1.0850 (as a quick-link order is): its amounts in USD.
  await ctx.query(
    `UPDATE orders SET currency = 'USD', exchange_rate = '1.0850', total = 3960, base_total = 3650,
       totals = JSON_SET(totals, '$.net', 3300, '$.subtotal', 3300, '$.linesGross', 3300, '$.total', 3960, '$.vatTotal', 660)
     WHERE id = ?`,
    [o.o5.id],
  );
  await ctx.query('UPDATE order_lines SET unit_price = 1100, total = 3300 WHERE order_id = ?', [
    o.o5.id,
  ]);

  await setCreated(o.o1.id, '2025-03-10T09:00:00Z');
  await setCreated(o.o2.id, '2025-03-10T14:00:00Z');
  await setCreated(o.o3.id, '2025-03-11T12:00:00Z');
  await setCreated(o.o5.id, '2025-03-12T12:00:00Z');
  await setCreated(o.o4.id, '2025-03-31T23:30:00Z');
});
afterAll(() => ctx?.close());

describe('GET /reports/aggregate', () => {
  it('totals March by hand: count with cancelled, revenue without, VAT split, USD converted', async () => {
    const r = await ok({ metric: 'revenue_gross', groupBy: 'month', ...MARCH });
    expect(r.source).toBe('facts');
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.key).toBe('2025-03');
    expect(r.total).toEqual({
      orderCount: 4,
      revenueNet: 10541,
      revenueGross: 12128,
      unitsSold: 9,
      averageBasket: 4043,
      refundAmount: 1000,
    });
    expect(r.rows[0]!.metrics).toEqual(r.total);
  });

  it('counts the order placed at 23:30 UTC on March 31 in April 1 (Paris, summer time)', async () => {
    const days = await ok({
      metric: 'order_count',
      groupBy: 'day',
      from: '2025-03-30',
      to: '2025-04-01',
    });
    expect(days.rows.map((d) => [d.key, d.value])).toEqual([
      ['2025-03-30', 0],
      ['2025-03-31', 0],
      ['2025-04-01', 1],
    ]);
    const months = await ok({
      metric: 'revenue_net',
      groupBy: 'month',
      from: '2025-03-01',
      to: '2025-04-30',
    });
    expect(byKey(months.rows)).toEqual({ '2025-03': 10541, '2025-04': 1800 });
  });

  it('fills every day of the period, zeros included, in order', async () => {
    const r = await ok({ metric: 'revenue_gross', groupBy: 'day', ...MARCH });
    expect(r.rows).toHaveLength(31);
    expect(r.rows[0]!.key).toBe('2025-03-01');
    expect(byKey(r.rows)['2025-03-10']).toBe(3600 + 4878);
    expect(byKey(r.rows)['2025-03-11']).toBe(0); // cancelled
    expect(byKey(r.rows)['2025-03-12']).toBe(3650);
    expect(r.rows.filter((x) => x.value !== 0)).toHaveLength(2);
  });

  it('groups by week starting Monday', async () => {
    const r = await ok({ metric: 'order_count', groupBy: 'week', ...MARCH });
    // 2025-03-01 is a Saturday: its week starts on Monday February 24.
    expect(r.rows.map((x) => x.key)).toEqual([
      '2025-02-24',
      '2025-03-03',
      '2025-03-10',
      '2025-03-17',
      '2025-03-24',
      '2025-03-31',
    ]);
    expect(byKey(r.rows)['2025-03-10']).toBe(4);
  });

  it('groups by status, payment status, origin, operator, tag, country, payment method', async () => {
    const status = await ok({ metric: 'order_count', groupBy: 'status', ...MARCH });
    expect(byKey(status.rows)).toEqual({ pending: 2, completed: 1, cancelled: 1 });
    expect(status.rows[0]!.key).toBe('pending'); // by value, descending

    const payment = await ok({ metric: 'refund_amount', groupBy: 'payment_status', ...MARCH });
    expect(byKey(payment.rows)).toEqual({ partially_refunded: 1000, unpaid: 0 });

    const origin = await ok({ metric: 'revenue_net', groupBy: 'origin', ...MARCH });
    expect(byKey(origin.rows)).toEqual({ phone: 6041, store: 4500, manual: 0 });

    const operatorRows = await ok({ metric: 'revenue_gross', groupBy: 'operator', ...MARCH });
    expect(byKey(operatorRows.rows)).toEqual({
      [String(admin.id)]: 7250,
      [String(manager.id)]: 4878,
    });
    expect(operatorRows.rows.find((x) => x.key === String(manager.id))!.label).toBe(
      'Marion Manager',
    );

    const tag = await ok({ metric: 'revenue_gross', groupBy: 'tag', ...MARCH });
    expect(byKey(tag.rows)).toEqual({ Pro: 3600 + 4878, Fidèle: 4878 });
    // Tags overlap: the total is the orders', not the sum of the rows.
    expect(tag.total.revenueGross).toBe(12128);

    const country = await ok({ metric: 'order_count', groupBy: 'country', ...MARCH });
    expect(byKey(country.rows)['BE']).toBe(1);

    const method = await ok({ metric: 'revenue_gross', groupBy: 'payment_method', ...MARCH });
    expect(byKey(method.rows)).toEqual({ 'Carte bancaire': 4878, '∅': 7250 });

    const shipping = await ok({ metric: 'order_count', groupBy: 'shipping_method', ...MARCH });
    expect(byKey(shipping.rows)).toEqual({ '∅': 4 });
  });

  it('per client: top N by the metric, then the others', async () => {
    const r = await ok({ metric: 'revenue_gross', groupBy: 'client', ...MARCH, limit: 1 });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({
      key: String(clientA.id),
      label: 'Atelier Alpha',
      value: 7250,
    });
    expect(r.rows[0]!.metrics.orderCount).toBe(3);
    expect(r.others!.value).toBe(4878);
    expect(r.others!.metrics.orderCount).toBe(1);
  });

  it('per product: the lines before order discounts, reconciled with the net revenue', async () => {
    const r = await ok({ metric: 'revenue_net', groupBy: 'product', ...MARCH });
    expect(r.rows.map((x) => [x.key, x.label, x.value, x.metrics.unitsSold])).toEqual([
      [String(p1.id), `Vis (${p1.sku})`, 1000 * 3 + 1000 + 3041, 7],
      [String(p2.id), `Guide (${p2.sku})`, 4000, 2],
    ]);
    expect(r.rows[0]!.metrics.revenueGross).toBeNull();
    expect(r.reconciliation).toEqual({
      linesNet: 11041,
      orderDiscounts: 500,
      shipping: 0,
      revenueNet: 10541,
    });
    const rec = r.reconciliation as Record<
      'linesNet' | 'orderDiscounts' | 'shipping' | 'revenueNet',
      number
    >;
    expect(rec.linesNet - rec.orderDiscounts + rec.shipping).toBe(rec.revenueNet);
    const top1 = await ok({ metric: 'units_sold', groupBy: 'product', ...MARCH, limit: 1 });
    expect(top1.others).toMatchObject({ value: 2 });
    expect(top1.others!.metrics.orderCount).toBeNull();
  });

  it('answers the same from the orders (live) as from the facts, for every grouping', async () => {
    for (const groupBy of [
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
    ]) {
      const metric = groupBy === 'product' ? 'revenue_net' : 'revenue_gross';
      // March (days, months), and a period of a whole year with month and day edges.
      for (const period of [MARCH, { from: '2024-11-15', to: '2026-01-20' }]) {
        if (groupBy === 'day' && period !== MARCH) continue;
        const facts = await ok({ metric, groupBy, ...period });
        // totalMin is not in the facts: the same report runs on the orders.
        const live = await ok({ metric, groupBy, ...period, totalMin: 0 });
        expect(facts.source).toBe('facts');
        expect(live.source, groupBy).toBe('live');
        expect({ ...live, source: 'facts' }, groupBy).toEqual(facts);
      }
    }
  });

  it('applies filters: status on the facts, two dimensions live', async () => {
    const r = await ok({
      metric: 'order_count',
      groupBy: 'day',
      ...MARCH,
      status: 'pending,completed',
    });
    expect(r.source).toBe('facts');
    expect(r.total.orderCount).toBe(3);
    const byOrigin = await ok({
      metric: 'revenue_gross',
      groupBy: 'month',
      ...MARCH,
      origin: 'phone',
    });
    expect(byOrigin.source).toBe('facts');
    expect(byOrigin.total.revenueGross).toBe(7250);
    const two = await ok({
      metric: 'revenue_gross',
      groupBy: 'month',
      ...MARCH,
      origin: 'phone',
      tag: 'Pro',
    });
    expect(two.source).toBe('live');
    expect(two.total.revenueGross).toBe(3600);
    const client = await ok({
      metric: 'order_count',
      groupBy: 'status',
      ...MARCH,
      clientId: clientA.id,
    });
    expect(client.source).toBe('facts'); // status is a key of every dimension
    expect(byKey(client.rows)).toEqual({ pending: 2, cancelled: 1 });
    const sameDim = await ok({
      metric: 'order_count',
      groupBy: 'client',
      ...MARCH,
      clientId: clientB.id,
    });
    expect(sameDim.source).toBe('facts');
    expect(sameDim.rows.map((x) => x.key)).toEqual([String(clientB.id)]);
  });

  it('compares with the previous period: whole months with the month before, days with as many days', async () => {
    const months = await ok({
      metric: 'revenue_net',
      groupBy: 'month',
      from: '2025-04-01',
      to: '2025-04-30',
      compare: 'previous',
    });
    expect(months.previousPeriod).toEqual(MARCH);
    expect(months.rows[0]).toMatchObject({ key: '2025-04', value: 1800, previous: 10541 });
    expect(months.previousTotal!.revenueNet).toBe(10541);
    const days = await ok({
      metric: 'order_count',
      groupBy: 'day',
      from: '2025-03-17',
      to: '2025-03-23',
      compare: 'previous',
    });
    expect(days.previousPeriod).toEqual({ from: '2025-03-10', to: '2025-03-16' });
    expect(days.rows[0]).toMatchObject({ key: '2025-03-17', value: 0, previous: 2 });
    const clients = await ok({
      metric: 'revenue_gross',
      groupBy: 'client',
      from: '2025-04-01',
      to: '2025-04-30',
      compare: 'previous',
    });
    expect(clients.rows).toEqual([
      expect.objectContaining({ key: String(clientB.id), value: 2160, previous: 4878 }),
    ]);
  });

  it('resolves named ranges in the business zone', async () => {
    const r = await ok({ metric: 'order_count', groupBy: 'day', range: 'last_7_days' });
    expect(r.rows).toHaveLength(7);
  });

  it.each([
    [{ metric: 'profit', groupBy: 'day', ...MARCH }, '/querystring/metric'],
    [{ metric: 'order_count', groupBy: 'weekday', ...MARCH }, '/querystring/groupBy'],
    [
      { metric: 'order_count', groupBy: 'day', from: '2025-04-01', to: '2025-03-01' },
      '/querystring/to',
    ],
    [
      { metric: 'order_count', groupBy: 'month', from: '2015-01-01', to: '2025-03-01' },
      '/querystring/to',
    ],
    [
      { metric: 'order_count', groupBy: 'day', from: '2024-01-01', to: '2025-03-01', chart: 'pie' },
      '/querystring/chart',
    ],
    [{ metric: 'revenue_gross', groupBy: 'product', ...MARCH }, '/querystring/metric'],
    [{ metric: 'order_count', groupBy: 'day', ...MARCH, colour: 'red' }, '/querystring/colour'],
    [
      { metric: 'order_count', groupBy: 'day', from: '2025-02-30', to: '2025-03-01' },
      '/querystring/from',
    ],
    [{ metric: 'order_count', groupBy: 'day', to: '2025-03-01' }, '/querystring/from'],
    [
      { metric: 'order_count', groupBy: 'day', range: 'this_month', from: '2025-03-01' },
      '/querystring/range',
    ],
  ])('answers 400 naming the field for %j', async (query, path) => {
    const res = await report(query as Record<string, string>);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('accepts a pie of days over a year or less, and a year of days as bars', async () => {
    expect(
      (
        await report({
          metric: 'order_count',
          groupBy: 'day',
          from: '2024-03-01',
          to: '2025-02-28',
          chart: 'pie',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await report({
          metric: 'order_count',
          groupBy: 'day',
          from: '2020-03-01',
          to: '2025-02-28',
          chart: 'bar',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('is for managers, admins and viewers: 403 for operators, 401 without a token', async () => {
    expect(
      (await report({ metric: 'order_count', groupBy: 'day', ...MARCH }, viewer.token)).statusCode,
    ).toBe(200);
    const forbidden = await report(
      { metric: 'order_count', groupBy: 'day', ...MARCH },
      operator.token,
    );
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('FORBIDDEN');
    const anonymous = await ctx.inject({
      method: 'GET',
      url: '/api/v1/reports/aggregate?metric=order_count&groupBy=day&range=today',
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the facts stay exact after changes (refresh on read)', () => {
  it('folds in an edit, a cancellation, a refund and a new order made after a first report', async () => {
    const before = await ok({ metric: 'revenue_net', groupBy: 'day', ...MARCH });
    expect(before.total.revenueNet).toBe(10541);

    // O1: 3 → 5 units (net 50.00, gross 60.00).
    const edit = await api('PATCH', `/orders/${o.o1.id}`, admin.token, {
      version: (await api('GET', `/orders/${o.o1.id}`, admin.token)).json().version,
      lines: [{ id: o.o1.lines[0]!.id, productId: p1.id, quantity: 5 }],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    // O5 cancelled: out of revenue.
    await moveTo(ctx, admin.token, o.o5.id, ['cancelled']);
    // O2: 5.00 more refunded.
    const refund = await api('POST', `/orders/${o.o2.id}/refunds`, manager.token, {
      amount: 500,
      reason: 'Retour partiel',
    });
    expect(refund.statusCode, refund.body).toBe(200);

    const after = await ok({ metric: 'revenue_net', groupBy: 'day', ...MARCH });
    expect(after.total).toEqual({
      orderCount: 4,
      revenueNet: 5000 + 4500,
      revenueGross: 6000 + 4878,
      unitsSold: 5 + 3,
      averageBasket: Math.round((6000 + 4878) / 2),
      refundAmount: 1500,
    });
    expect(byKey(after.rows)['2025-03-12']).toBe(0);
    const month = await ok({ metric: 'revenue_net', groupBy: 'client', ...MARCH });
    expect(byKey(month.rows)).toEqual({ [String(clientA.id)]: 5000, [String(clientB.id)]: 4500 });
    const live = await ok({ metric: 'revenue_net', groupBy: 'client', ...MARCH, totalMin: 0 });
    expect(live.rows).toEqual(month.rows);
    // The yearly rows moved too.
    const year = { from: '2025-01-01', to: '2025-12-31' };
    const yearFacts = await ok({ metric: 'revenue_net', groupBy: 'client', ...year });
    const yearLive = await ok({ metric: 'revenue_net', groupBy: 'client', ...year, totalMin: 0 });
    expect(yearFacts.rows).toEqual(yearLive.rows);
    expect(yearFacts.total.revenueNet).toBe(5000 + 4500 + 1800);

    // Month and year rows that the changes emptied are gone, not kept as zeros.
    const [empty] = await ctx.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM report_facts WHERE orders = 0 AND units = 0 AND net = 0 AND gross = 0 AND refunded = 0',
    );
    expect(Number(empty!.n)).toBe(0);
    // The state moved on: nothing is left to fold in, and the next read changes nothing.
    const [state] = await ctx.query<{ fingerprint: string }>(
      'SELECT fingerprint FROM report_state',
    );
    expect(state!.fingerprint).toMatch(/^\d+:/);
    expect(await ok({ metric: 'revenue_net', groupBy: 'day', ...MARCH })).toEqual(after);
  });

  it('rebuilds everything when the business time zone changes', async () => {
    const settings = (await api('GET', '/settings', admin.token)).json();
    const put = await api('PUT', '/settings/general', admin.token, {
      version: settings.general.version,
      value: { ...settings.general.value, timeZone: 'UTC' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const utc = await ok({
      metric: 'order_count',
      groupBy: 'day',
      from: '2025-03-31',
      to: '2025-04-01',
    });
    expect(utc.rows.map((d) => [d.key, d.value])).toEqual([
      ['2025-03-31', 1],
      ['2025-04-01', 0],
    ]);
    const back = await api('PUT', '/settings/general', admin.token, {
      version: settings.general.version + 1,
      value: settings.general.value,
    });
    expect(back.statusCode, back.body).toBe(200);
    const paris = await ok({
      metric: 'order_count',
      groupBy: 'day',
      from: '2025-03-31',
      to: '2025-04-01',
    });
    expect(paris.rows.map((d) => d.value)).toEqual([0, 1]);
  });
});

describe('GET /reports/dashboard', () => {
  it('has every tile: today against yesterday, 30 days, tops, waiting orders, low stock, emails', async () => {
    const today1 = await createOrder(ctx, admin.token, {
      clientId: clientA.id,
      lines: [{ productId: p1.id, quantity: 1 }],
    });
    const today2 = await createOrder(ctx, admin.token, {
      clientId: clientB.id,
      lines: [{ productId: p2.id, quantity: 1 }],
    });
    const res = await api('GET', '/reports/dashboard', manager.token);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const grossToday = today1.totals.total + today2.totals.total;
    expect(d.sales.today).toMatchObject({ orders: 2, revenueGross: grossToday });
    expect(d.sales.today.previous.orders).toBe(0);
    expect(d.sales.today.change.orders).toBeNull();
    expect(d.sales.month.orders).toBeGreaterThanOrEqual(2);
    expect(d.sales.week.revenueGross).toBeGreaterThanOrEqual(grossToday);
    expect(d.revenueByDay).toHaveLength(30);
    expect(d.revenueByDay[29]).toMatchObject({ revenueGross: grossToday, orders: 2 });
    const [counts] = await ctx.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM orders WHERE status = 'pending'",
    );
    expect(d.statusCounts.pending).toBe(Number(counts!.n));
    expect(d.statusCounts.cancelled).toBe(2);
    expect(d.waiting.pending[0]).toMatchObject({
      id: o.o1.id,
      reference: o.o1.reference,
      clientName: 'Atelier Alpha',
      since: '2025-03-10T09:00:00.000Z',
    });
    expect(d.waiting.shipped).toEqual([]);
    expect(d.lowStock).toEqual([
      expect.objectContaining({ name: 'Cheville', onHand: 2, reorderPoint: 5 }),
    ]);
    expect(d.topClients.map((c: { clientId: number }) => c.clientId).sort()).toEqual(
      [clientA.id, clientB.id].sort(),
    );
    expect(d.topProducts).toHaveLength(2);
    const [emails] = await ctx.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM notifications WHERE created_at >= NOW() - INTERVAL 6 DAY',
    );
    expect(d.emails.sent + d.emails.failed + d.emails.queued).toBeLessThanOrEqual(
      Number(emails!.n),
    );
  });
});

describe('GET /reports/communications', () => {
  it('counts emails by event and day over the period', async () => {
    const res = await api('GET', '/reports/communications?range=last_7_days', manager.token);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.byDay).toHaveLength(7);
    const sum = body.byDay.reduce(
      (a: number, d: { sent: number; failed: number; queued: number }) =>
        a + d.sent + d.failed + d.queued,
      0,
    );
    expect(sum).toBe(body.total.sent + body.total.failed + body.total.queued);
    const bad = await api(
      'GET',
      '/reports/communications?from=2025-03-02&to=2025-03-01',
      manager.token,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('/querystring/to');
  });
});

describe('saved reports', () => {
  const spec = {
    metric: 'revenue_gross',
    groupBy: 'month',
    range: 'last_12_months',
    compare: 'previous',
    chart: 'bar',
    status: 'completed',
  };
  it('creates, lists, reads and deletes my reports; 409 on a name I already use', async () => {
    const created = await api('POST', '/reports/saved', manager.token, {
      name: 'CA mensuel',
      spec,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'CA mensuel', spec });
    const dup = await api('POST', '/reports/saved', manager.token, { name: 'CA mensuel', spec });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('REPORT_NAME_TAKEN');
    // Another person may use the same name.
    expect(
      (await api('POST', '/reports/saved', admin.token, { name: 'CA mensuel', spec })).statusCode,
    ).toBe(201);
    const list = await api('GET', '/reports/saved', manager.token);
    expect(list.json().items.map((r: { name: string }) => r.name)).toEqual(['CA mensuel']);
    const id = created.json().id as number;
    expect((await api('GET', `/reports/saved/${id}`, manager.token)).json().spec).toEqual(spec);
    // Someone else's report does not exist for me.
    expect((await api('GET', `/reports/saved/${id}`, admin.token)).statusCode).toBe(404);
    const other = await api('DELETE', `/reports/saved/${id}`, admin.token);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('SAVED_REPORT_NOT_FOUND');
    expect((await api('DELETE', `/reports/saved/${id}`, manager.token)).statusCode).toBe(204);
    expect((await api('GET', '/reports/saved', manager.token)).json().items).toEqual([]);
  });

  it('refuses an invalid spec or unknown fields, naming the field', async () => {
    const inverted = await api('POST', '/reports/saved', manager.token, {
      name: 'x',
      spec: { metric: 'order_count', groupBy: 'day', from: '2025-03-02', to: '2025-03-01' },
    });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().errors[0].path).toBe('/spec/to');
    const unknown = await api('POST', '/reports/saved', manager.token, {
      name: 'x',
      spec: { ...spec, extra: 1 },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('/spec/extra');
  });
});
