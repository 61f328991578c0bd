import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_STATUSES, ORDER_TRANSITIONS, type OrderStatus } from '@gestco/contract';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import {
  api as apiOf,
  createProduct,
  createSupplier,
  ledgerMismatches,
  ledgerSum,
  onHand,
  paths,
  type Json,
} from '../../../test/catalogue.ts';
import {
  auditOf,
  changeStatus,
  codes,
  createClient,
  createOrder,
  events,
  getOrder,
  moveTo,
  orderFootprint,
  orderMovements,
  parallelApp,
  stockedProduct,
  type OrderJson,
} from '../../../test/orders.ts';

let ctx: TestContext;
let manager: TestUser;
let operator: TestUser;
let viewer: TestUser;
let api: ReturnType<typeof apiOf>;
let supplier: Json;
let client: Json;

beforeAll(async () => {
  ctx = await createTestContext();
  api = apiOf(ctx);
  manager = await ctx.createUser('manager');
  operator = await ctx.createUser('operator');
  viewer = await ctx.createUser('viewer');
  supplier = await createSupplier(ctx, manager.token, { name: 'Schneider Electric' });
  client = await createClient(ctx, operator.token, { name: 'Boulangerie du Parc' });
});
afterAll(() => ctx.close());
afterEach(async () => {
  expect(await ledgerMismatches(ctx)).toEqual([]);
});

const stocked = (quantity: number, body: Record<string, unknown> = {}) =>
  stockedProduct(ctx, manager.token, supplier.id, quantity, body);
const status = (id: number, body: Record<string, unknown>, token = operator.token) =>
  changeStatus(ctx, token, id, body);
const order = (
  lines: { productId: number; quantity: number }[],
  extra: Record<string, unknown> = {},
) => createOrder(ctx, operator.token, { clientId: client.id, lines, ...extra });

/** The legal path from a new (pending) order to each status. */
const PATH_TO: Record<OrderStatus, OrderStatus[]> = {
  pending: [],
  in_progress: ['in_progress'],
  shipped: ['in_progress', 'shipped'],
  completed: ['in_progress', 'shipped', 'completed'],
  cancelled: ['cancelled'],
};

describe('the status machine: every pair of statuses', () => {
  let product: Json;
  const parked = new Map<OrderStatus, OrderJson>();
  beforeAll(async () => {
    product = await stocked(100);
    for (const from of ORDER_STATUSES) {
      const o = await order([{ productId: product.id, quantity: 1 }]);
      parked.set(
        from,
        PATH_TO[from].length ? await moveTo(ctx, operator.token, o.id, PATH_TO[from]) : o,
      );
    }
  });

  const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));
  it('has 5 legal moves out of 25', () => {
    expect(pairs.filter(([from, to]) => ORDER_TRANSITIONS[from].includes(to))).toEqual([
      ['pending', 'in_progress'],
      ['pending', 'cancelled'],
      ['in_progress', 'shipped'],
      ['in_progress', 'cancelled'],
      ['shipped', 'completed'],
    ]);
  });

  it.each(pairs)('%s → %s', async (from, to) => {
    const legal = ORDER_TRANSITIONS[from].includes(to);
    if (legal) {
      // A fresh order for each legal move.
      const o = await order([{ productId: product.id, quantity: 1 }]);
      await moveTo(ctx, operator.token, o.id, PATH_TO[from]);
      const res = await status(o.id, { status: to });
      expect(res.statusCode, res.body).toBe(200);
      const moved = res.json();
      expect(moved).toMatchObject({ status: to, allowedStatuses: ORDER_TRANSITIONS[to] });
      const last = (await events(ctx, viewer.token, o.id)).at(-1)!;
      expect(last).toMatchObject({
        type: 'status',
        fromStatus: from,
        toStatus: to,
        actorId: operator.id,
      });
      if (to === 'shipped') expect(Date.parse(moved.shippedAt)).not.toBeNaN();
      if (to === 'completed') expect(Date.parse(moved.completedAt)).not.toBeNaN();
      if (to === 'cancelled') expect(Date.parse(moved.cancelledAt)).not.toBeNaN();
      return;
    }
    const target = parked.get(from)!;
    expect(target.status).toBe(from);
    const before = await orderFootprint(ctx);
    const res = await status(target.id, { status: to, version: target.version });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      allowed: [...ORDER_TRANSITIONS[from]],
    });
    expect(res.json().detail).toContain(from);
    expect(await orderFootprint(ctx)).toEqual(before);
  });

  it('says a cancelled order can no longer change, even for a manager skipping stock', async () => {
    const cancelled = parked.get('cancelled')!;
    const before = await orderFootprint(ctx);
    const res = await status(
      cancelled.id,
      { status: 'in_progress', stock: 'skip', stockReason: 'Réactivation' },
      manager.token,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', allowed: [] });
    expect(res.json().detail).toContain('cancelled');
    expect(await orderFootprint(ctx)).toEqual(before);
  });
});

describe('POST /orders/:id/status', () => {
  it('answers 409 VERSION_CONFLICT to a stale version and changes nothing', async () => {
    const product = await stocked(5);
    const o = await order([{ productId: product.id, quantity: 2 }]);
    const edited = await api('PATCH', `/orders/${o.id}`, operator.token, {
      version: o.version,
      tags: ['relance'],
    });
    expect(edited.statusCode).toBe(200);
    const before = await orderFootprint(ctx);
    const stale = await status(o.id, { status: 'in_progress', version: o.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    expect(await orderFootprint(ctx)).toEqual(before);
    expect(await onHand(ctx, product.id)).toBe(5);
    const fresh = await status(o.id, { status: 'in_progress', version: edited.json().version });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().version).toBe(edited.json().version + 1);
  });

  it('ships with a carrier and tracking code, and builds the tracking URL from the carrier template', async () => {
    const product = await stocked(5);
    const o = await order([{ productId: product.id, quantity: 1 }], {
      shippingMethod: 'Colissimo',
    });
    await moveTo(ctx, operator.token, o.id, ['in_progress']);
    const res = await status(o.id, {
      status: 'shipped',
      carrier: 'chronopost',
      trackingCode: ' XY123456789FR ',
      comment: 'Parti avec la tournée de 16 h',
      notify: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'shipped',
      carrier: 'chronopost',
      trackingCode: 'XY123456789FR',
      trackingUrl:
        'https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=XY123456789FR',
    });
    const last = (await events(ctx, viewer.token, o.id)).at(-1)!;
    expect(last).toMatchObject({
      type: 'status',
      fromStatus: 'in_progress',
      toStatus: 'shipped',
      comment: 'Parti avec la tournée de 16 h',
      changes: [
        { field: 'carrier', before: 'La Poste', after: 'chronopost' },
        { field: 'trackingCode', before: null, after: 'XY123456789FR' },
      ],
      data: { stock: 'none', stockReason: null, notify: true },
    });
    const found = (await api('GET', '/orders?q=XY123456789FR', viewer.token)).json();
    expect(found.items.map((x: Json) => x.id)).toEqual([o.id]);
    // A carrier without a template, or none at all: no URL.
    const other = await order([{ productId: product.id, quantity: 1 }]);
    await moveTo(ctx, operator.token, other.id, ['in_progress']);
    const local = await status(other.id, {
      status: 'shipped',
      carrier: 'Transports Martin',
      trackingCode: 'TM-99',
    });
    expect(local.json()).toMatchObject({ carrier: 'Transports Martin', trackingUrl: null });
  });

  it('refuses bad bodies (400) and viewers (403), and answers 404 for an unknown order', async () => {
    const product = await stocked(5);
    const o = await order([{ productId: product.id, quantity: 1 }]);
    const before = await orderFootprint(ctx);
    for (const [body, path] of [
      [{ status: 'lost' }, '/status'],
      [{}, '/status'],
      [{ status: 'in_progress', stock: 'maybe' }, '/stock'],
      [{ status: 'in_progress', rush: true }, '/rush'],
      [{ status: 'in_progress', version: 0 }, '/version'],
      [{ status: 'in_progress', stock: 'skip', stockReason: 'no' }, '/stockReason'],
    ] as const) {
      const res = await status(o.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(paths(res)).toContain(path);
    }
    expect((await status(o.id, { status: 'in_progress' }, viewer.token)).statusCode).toBe(403);
    const missing = await status(999_999, { status: 'in_progress' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ORDER_NOT_FOUND');
    expect(await orderFootprint(ctx)).toEqual(before);
  });
});

describe('stock and statuses', () => {
  it('deducts the lines on pending → in progress and records the movements against the order', async () => {
    const a = await stocked(10);
    const b = await stocked(10);
    const untracked = await createProduct(ctx, manager.token, { trackStock: false });
    const o = await order([
      { productId: a.id, quantity: 2 },
      { productId: b.id, quantity: 3 },
      { productId: a.id, quantity: 1 },
      { productId: untracked.id, quantity: 5 },
    ]);
    expect(await onHand(ctx, a.id)).toBe(10);
    const res = await status(o.id, { status: 'in_progress' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_progress', stockState: 'deducted' });
    expect([await onHand(ctx, a.id), await onHand(ctx, b.id)]).toEqual([7, 7]);
    expect(await orderMovements(ctx, a.id)).toEqual([
      { kind: 'order_deduct', delta: -3, refType: 'order', refId: o.id },
    ]);
    expect(await orderMovements(ctx, b.id)).toEqual([
      { kind: 'order_deduct', delta: -3, refType: 'order', refId: o.id },
    ]);
    expect(await orderMovements(ctx, untracked.id)).toEqual([]);
    const movements = (await api('GET', `/products/${a.id}/movements`, viewer.token)).json();
    expect(movements.items[0]).toMatchObject({
      kind: 'order_deduct',
      reason: o.reference,
      refType: 'order',
      refId: o.id,
      actorLabel: operator.email,
    });
    const last = (await events(ctx, viewer.token, o.id)).at(-1)!;
    expect(last.data).toEqual({ stock: 'applied', stockReason: null, notify: null });
    // Shipping and completing move nothing more.
    await moveTo(ctx, operator.token, o.id, ['shipped', 'completed']);
    expect([await onHand(ctx, a.id), await onHand(ctx, b.id)]).toEqual([7, 7]);
  });

  it('restores the lines when an in-progress order is cancelled; a pending one moves nothing', async () => {
    const product = await stocked(10);
    const o = await order([{ productId: product.id, quantity: 4 }]);
    await moveTo(ctx, operator.token, o.id, ['in_progress']);
    expect(await onHand(ctx, product.id)).toBe(6);
    const res = await status(o.id, { status: 'cancelled', comment: 'Client injoignable' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'cancelled',
      stockState: 'restored',
      allowedStatuses: [],
    });
    expect(await onHand(ctx, product.id)).toBe(10);
    expect(await orderMovements(ctx, product.id)).toEqual([
      { kind: 'order_deduct', delta: -4, refType: 'order', refId: o.id },
      { kind: 'order_restore', delta: 4, refType: 'order', refId: o.id },
    ]);
    const pending = await order([{ productId: product.id, quantity: 4 }]);
    const before = await orderFootprint(ctx);
    await moveTo(ctx, operator.token, pending.id, ['cancelled']);
    expect((await orderFootprint(ctx)).movements).toBe(before.movements);
    expect((await getOrder(ctx, viewer.token, pending.id)).stockState).toBe('none');
  });

  it('skips the stock only with a reason, records why, and then moves nothing on cancel either', async () => {
    const product = await stocked(10);
    const o = await order([{ productId: product.id, quantity: 3 }]);
    const before = await orderFootprint(ctx);
    for (const body of [
      { status: 'in_progress', stock: 'skip' },
      { status: 'in_progress', stock: 'skip', stockReason: '     ' },
    ]) {
      const res = await status(o.id, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(paths(res)).toEqual(['/stockReason']);
    }
    expect(await orderFootprint(ctx)).toEqual(before);
    const res = await status(o.id, {
      status: 'in_progress',
      stock: 'skip',
      stockReason: ' Déjà livré depuis le dépôt ',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_progress', stockState: 'skipped' });
    expect(await onHand(ctx, product.id)).toBe(10);
    expect((await orderFootprint(ctx)).movements).toBe(before.movements);
    const last = (await events(ctx, viewer.token, o.id)).at(-1)!;
    expect(last.data).toEqual({
      stock: 'skipped',
      stockReason: 'Déjà livré depuis le dépôt',
      notify: null,
    });
    const [, audit] = await auditOf(ctx, 'order', o.id);
    expect(audit!.after).toMatchObject({
      stockState: 'skipped',
      stock: 'skipped',
      stockReason: 'Déjà livré depuis le dépôt',
    });
    // Lines edited on a skipped order move nothing; cancelling it moves nothing.
    const edited = await api('PATCH', `/orders/${o.id}`, operator.token, {
      version: res.json().version,
      lines: [{ id: o.lines[0]!.id, quantity: 5 }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const cancelled = await status(o.id, { status: 'cancelled' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', stockState: 'skipped' });
    expect(await onHand(ctx, product.id)).toBe(10);
    expect(await orderMovements(ctx, product.id)).toEqual([]);
    expect((await events(ctx, viewer.token, o.id)).at(-1)!.data).toMatchObject({ stock: 'none' });
  });

  it('keeps the stock out when a deducted order is cancelled with stock skipped (goods not back)', async () => {
    const product = await stocked(10);
    const o = await order([{ productId: product.id, quantity: 3 }], { status: 'in_progress' });
    const res = await status(o.id, {
      status: 'cancelled',
      stock: 'skip',
      stockReason: 'Colis perdu par le transporteur',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await onHand(ctx, product.id)).toBe(7);
    expect((await events(ctx, viewer.token, o.id)).at(-1)!.data).toMatchObject({
      stock: 'skipped',
      stockReason: 'Colis perdu par le transporteur',
    });
  });

  it('answers 409 INSUFFICIENT_STOCK naming each short product; the order stays pending and nothing moves', async () => {
    const plenty = await stocked(10);
    const few = await stocked(2);
    const none = await stocked(0);
    const o = await order([
      { productId: plenty.id, quantity: 5 },
      { productId: few.id, quantity: 3 },
      { productId: none.id, quantity: 1 },
    ]);
    const before = await orderFootprint(ctx);
    const res = await status(o.id, { status: 'in_progress' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(res.json().shortages).toEqual([
      { productId: few.id, sku: few.sku, requested: 3, available: 2 },
      { productId: none.id, sku: none.sku, requested: 1, available: 0 },
    ]);
    expect(await orderFootprint(ctx)).toEqual(before);
    expect(await getOrder(ctx, viewer.token, o.id)).toMatchObject({
      status: 'pending',
      stockState: 'none',
      version: o.version,
    });
    expect([await onHand(ctx, plenty.id), await onHand(ctx, few.id)]).toEqual([10, 2]);
  });

  it('lets backorder products go below zero', async () => {
    const product = await stocked(1, { allowBackorder: true });
    const o = await order([{ productId: product.id, quantity: 4 }]);
    const res = await status(o.id, { status: 'in_progress' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await onHand(ctx, product.id)).toBe(-3);
    expect(await ledgerSum(ctx, product.id)).toBe(-3);
    await moveTo(ctx, operator.token, o.id, ['cancelled']);
    expect(await onHand(ctx, product.id)).toBe(1);
  });

  it('sells the last unit once among 20 concurrent in-progress creates', async () => {
    const product = await stocked(1);
    const before = await orderFootprint(ctx);
    const parallel = await parallelApp(ctx, 25);
    let responses;
    try {
      responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          parallel.inject({
            method: 'POST',
            url: '/api/v1/orders',
            token: i % 2 ? operator.token : manager.token,
            payload: {
              clientId: client.id,
              status: 'in_progress',
              lines: [{ productId: product.id, quantity: 1 }],
            },
          }),
        ),
      );
    } finally {
      await parallel.close();
    }
    const statuses = codes(responses);
    expect(statuses.filter((s) => s === '201')).toHaveLength(1);
    expect(statuses.filter((s) => s === '409 INSUFFICIENT_STOCK')).toHaveLength(19);
    for (const r of responses.filter((x) => x.statusCode === 409))
      expect(r.json().shortages).toEqual([
        { productId: product.id, sku: product.sku, requested: 1, available: 0 },
      ]);
    expect(await onHand(ctx, product.id)).toBe(0);
    expect(await ledgerSum(ctx, product.id)).toBe(0);
    const after = await orderFootprint(ctx);
    expect(after.orders).toBe(before.orders + 1);
    expect(after.events).toBe(before.events + 1);
    // The 19 refused orders did not use a reference number.
    expect(after.sequences).toBe(before.sequences + 1);
    expect(after.clientOrders).toBe(before.clientOrders + 1);
  });

  it('moves 10 concurrent pending orders to in progress on 3 units: exactly 3 go through', async () => {
    const product = await stocked(3);
    const pending = [];
    for (let i = 0; i < 10; i += 1)
      pending.push(await order([{ productId: product.id, quantity: 1 }]));
    const parallel = await parallelApp(ctx, 15);
    let responses;
    try {
      responses = await Promise.all(
        pending.map((o) =>
          parallel.inject({
            method: 'POST',
            url: `/api/v1/orders/${o.id}/status`,
            token: operator.token,
            payload: { status: 'in_progress' },
          }),
        ),
      );
    } finally {
      await parallel.close();
    }
    expect(codes(responses).sort()).toEqual([
      ...Array.from({ length: 3 }, () => '200'),
      ...Array.from({ length: 7 }, () => '409 INSUFFICIENT_STOCK'),
    ]);
    expect(await onHand(ctx, product.id)).toBe(0);
    const states = await ctx.query<{ status: string; n: number }>(
      `SELECT status, COUNT(*) AS n FROM orders WHERE id IN (${pending.map((o) => o.id).join(',')}) GROUP BY status ORDER BY status`,
    );
    expect(states.map((s) => [s.status, Number(s.n)])).toEqual([
      ['in_progress', 3],
      ['pending', 7],
    ]);
  });
});

describe('payments', () => {
  const pay = (id: number, body: Record<string, unknown>, token = operator.token) =>
    api('POST', `/orders/${id}/payments`, token, body);

  it('records payments and marks the order paid once they reach the total', async () => {
    const product = await stocked(5);
    const o = await order([{ productId: product.id, quantity: 3 }]);
    const total = o.totals.total;
    const first = await pay(o.id, {
      amount: 1000,
      method: 'Chèque',
      reference: 'CHQ 0012345',
      paidAt: '2026-03-02T10:00:00.000Z',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      paidAmount: 1000,
      paymentStatus: 'unpaid',
      paymentMethod: 'Chèque',
      version: o.version + 1,
    });
    const second = await pay(o.id, { amount: total - 1000, method: 'Carte bancaire' });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({
      paidAmount: total,
      paymentStatus: 'paid',
      paymentMethod: 'Chèque',
    });
    const listed = (await api('GET', `/orders/${o.id}/payments`, viewer.token)).json();
    expect(listed.items).toMatchObject([
      {
        kind: 'payment',
        amount: 1000,
        method: 'Chèque',
        reference: 'CHQ 0012345',
        paidAt: '2026-03-02T10:00:00.000Z',
        createdBy: operator.id,
      },
      { kind: 'payment', amount: total - 1000, method: 'Carte bancaire', reference: null },
    ]);
    const timeline = await events(ctx, viewer.token, o.id);
    expect(timeline.filter((e) => e.type === 'payment')).toMatchObject([
      { changes: [{ field: 'paidAmount', before: 0, after: 1000 }], data: { amount: 1000 } },
      {
        changes: [
          { field: 'paidAmount', before: 1000, after: total },
          { field: 'paymentStatus', before: 'unpaid', after: 'paid' },
        ],
      },
    ]);
    // Paid in full: nothing more is due.
    const more = await pay(o.id, { amount: 1, method: 'Espèces' });
    expect(more.statusCode).toBe(400);
    expect(paths(more)).toEqual(['/amount']);
  });

  it('refuses a payment above the balance, an unknown method, a cancelled order and viewers; nothing changes', async () => {
    const product = await stocked(5);
    const o = await order([{ productId: product.id, quantity: 1 }]);
    const cancelled = await order([{ productId: product.id, quantity: 1 }]);
    await moveTo(ctx, operator.token, cancelled.id, ['cancelled']);
    const before = await orderFootprint(ctx);
    const cases: [number, Record<string, unknown>, number, string, string | null][] = [
      [
        o.id,
        { amount: o.totals.total + 1, method: 'Espèces' },
        400,
        'VALIDATION_FAILED',
        '/amount',
      ],
      [o.id, { amount: 100, method: 'Bitcoin' }, 400, 'VALIDATION_FAILED', '/method'],
      [o.id, { amount: 0, method: 'Espèces' }, 400, 'VALIDATION_FAILED', '/amount'],
      [o.id, { amount: -5, method: 'Espèces' }, 400, 'VALIDATION_FAILED', '/amount'],
      [o.id, { amount: 100 }, 400, 'VALIDATION_FAILED', '/method'],
      [
        o.id,
        { amount: 100, method: 'Espèces', paidAt: 'hier' },
        400,
        'VALIDATION_FAILED',
        '/paidAt',
      ],
      [cancelled.id, { amount: 100, method: 'Espèces' }, 409, 'ORDER_LOCKED', null],
      [999_999, { amount: 100, method: 'Espèces' }, 404, 'ORDER_NOT_FOUND', null],
    ];
    for (const [id, body, code, errorCode, path] of cases) {
      const res = await pay(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(code);
      expect(res.json().code).toBe(errorCode);
      if (path) expect(paths(res)).toContain(path);
    }
    expect((await pay(o.id, { amount: 100, method: 'Espèces' }, viewer.token)).statusCode).toBe(
      403,
    );
    expect(await orderFootprint(ctx)).toEqual(before);
  });
});

describe('refunds', () => {
  const pay = (id: number, amount: number) =>
    api('POST', `/orders/${id}/payments`, operator.token, { amount, method: 'Carte bancaire' });
  const refund = (id: number, body: Record<string, unknown>, token = manager.token) =>
    api('POST', `/orders/${id}/refunds`, token, body);

  it('answers 422 REFUND_EXCEEDS_PAID above what was paid, and changes nothing', async () => {
    const product = await stocked(5);
    const unpaid = await order([{ productId: product.id, quantity: 1 }]);
    const paid = await order([{ productId: product.id, quantity: 2 }]);
    expect((await pay(paid.id, 1500)).statusCode).toBe(200);
    const before = await orderFootprint(ctx);
    for (const [id, amount, most] of [
      [unpaid.id, 1, 0],
      [paid.id, 1501, 1500],
    ] as const) {
      const res = await refund(id, { amount, reason: 'Erreur de caisse' });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'REFUND_EXCEEDS_PAID',
        errors: [{ path: '/amount', message: `must be at most ${most}` }],
      });
    }
    expect(await orderFootprint(ctx)).toEqual(before);
    // What was refunded counts: 1 000 then 501 is too much.
    expect((await refund(paid.id, { amount: 1000, reason: 'Article abîmé' })).statusCode).toBe(200);
    const again = await refund(paid.id, { amount: 501, reason: 'Article abîmé' });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toEqual([{ path: '/amount', message: 'must be at most 500' }]);
  });

  it('marks partial refunds partially_refunded and a full refund refunded', async () => {
    const product = await stocked(5);
    const o = await order([{ productId: product.id, quantity: 2 }]);
    const total = o.totals.total;
    expect((await pay(o.id, total)).json().paymentStatus).toBe('paid');
    const partial = await refund(o.id, { amount: 500, reason: ' Geste commercial ' });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({
      refundedAmount: 500,
      paymentStatus: 'partially_refunded',
    });
    const more = await refund(o.id, { amount: 300, reason: 'Retard de livraison' });
    expect(more.json()).toMatchObject({ refundedAmount: 800, paymentStatus: 'partially_refunded' });
    const full = await refund(o.id, {
      amount: total - 800,
      reason: 'Annulation',
      method: 'Virement',
    });
    expect(full.json()).toMatchObject({ refundedAmount: total, paymentStatus: 'refunded' });
    const listed = (await api('GET', `/orders/${o.id}/payments`, viewer.token)).json().items;
    expect(listed.slice(1)).toMatchObject([
      { kind: 'refund', amount: 500, reason: 'Geste commercial', method: 'Carte bancaire' },
      { kind: 'refund', amount: 300, reason: 'Retard de livraison' },
      { kind: 'refund', amount: total - 800, reason: 'Annulation', method: 'Virement' },
    ]);
    const refunds = (await events(ctx, viewer.token, o.id)).filter((e) => e.type === 'refund');
    expect(refunds.map((e) => e.changes)).toEqual([
      [
        { field: 'refundedAmount', before: 0, after: 500 },
        { field: 'paymentStatus', before: 'paid', after: 'partially_refunded' },
      ],
      // Only what changed: the payment status stays partially refunded.
      [{ field: 'refundedAmount', before: 500, after: 800 }],
      [
        { field: 'refundedAmount', before: 800, after: total },
        { field: 'paymentStatus', before: 'partially_refunded', after: 'refunded' },
      ],
    ]);
    expect(refunds[0]).toMatchObject({
      comment: 'Geste commercial',
      data: { amount: 500, restock: [] },
    });
    // Nothing is left to refund.
    expect((await refund(o.id, { amount: 1, reason: 'Encore' })).statusCode).toBe(422);
  });

  it('puts chosen lines back in stock (kind return), never more than the line quantity', async () => {
    const a = await stocked(10);
    const b = await stocked(10);
    const o = await order(
      [
        { productId: a.id, quantity: 3 },
        { productId: b.id, quantity: 2 },
      ],
      { status: 'in_progress' },
    );
    expect((await pay(o.id, o.totals.total)).statusCode).toBe(200);
    const [la, lb] = o.lines;
    const before = await orderFootprint(ctx);
    for (const restock of [
      [{ lineId: la!.id, quantity: 4 }],
      [
        { lineId: la!.id, quantity: 2 },
        { lineId: la!.id, quantity: 2 },
      ],
    ]) {
      const res = await refund(o.id, { amount: 100, reason: 'Retour magasin', restock });
      expect(res.statusCode, res.body).toBe(400);
      expect(paths(res)[0]).toMatch(/^\/restock\/\d\/quantity$/);
    }
    const unknownLine = await refund(o.id, {
      amount: 100,
      reason: 'Retour magasin',
      restock: [{ lineId: 999_999, quantity: 1 }],
    });
    expect(paths(unknownLine)).toEqual(['/restock/0/lineId']);
    expect(await orderFootprint(ctx)).toEqual(before);

    const res = await refund(o.id, {
      amount: 2000,
      reason: 'Retour de 2 articles',
      restock: [
        { lineId: la!.id, quantity: 2 },
        { lineId: lb!.id, quantity: 1 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lines.map((l: Json) => l.restockedQuantity)).toEqual([2, 1]);
    expect([await onHand(ctx, a.id), await onHand(ctx, b.id)]).toEqual([9, 9]);
    expect(await orderMovements(ctx, a.id)).toEqual([
      { kind: 'order_deduct', delta: -3, refType: 'order', refId: o.id },
      { kind: 'return', delta: 2, refType: 'order', refId: o.id },
    ]);
    // One unit of line A is left to restock, not two.
    const tooMany = await refund(o.id, {
      amount: 100,
      reason: 'Retour',
      restock: [{ lineId: la!.id, quantity: 2 }],
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].message).toContain('1 unit');
    // A restocked line cannot drop below what came back.
    const shrink = await api('PATCH', `/orders/${o.id}`, manager.token, {
      version: res.json().version,
      lines: [
        { id: la!.id, quantity: 1 },
        { id: lb!.id, quantity: 2 },
      ],
    });
    expect(shrink.statusCode).toBe(400);
    expect(paths(shrink)).toEqual(['/lines/0/quantity']);
    // Cancelling gives back only what is still out.
    await moveTo(ctx, manager.token, o.id, ['cancelled']);
    expect([await onHand(ctx, a.id), await onHand(ctx, b.id)]).toEqual([10, 10]);
  });

  it('cannot restock an order whose lines never left the stock', async () => {
    const product = await stocked(5);
    const o = await order([{ productId: product.id, quantity: 1 }]);
    expect((await pay(o.id, o.totals.total)).statusCode).toBe(200);
    const before = await orderFootprint(ctx);
    const res = await refund(o.id, {
      amount: 100,
      reason: 'Retour',
      restock: [{ lineId: o.lines[0]!.id, quantity: 1 }],
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['/restock']);
    expect(await orderFootprint(ctx)).toEqual(before);
  });

  it('is for managers: an operator gets 403 and nothing changes', async () => {
    const product = await stocked(5);
    const o = await order([{ productId: product.id, quantity: 1 }]);
    expect((await pay(o.id, o.totals.total)).statusCode).toBe(200);
    const before = await orderFootprint(ctx);
    for (const user of [operator, viewer]) {
      const res = await refund(o.id, { amount: 100, reason: 'Geste' }, user.token);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const short = await refund(o.id, { amount: 100, reason: 'ok' });
    expect(short.statusCode).toBe(400);
    expect(paths(short)).toEqual(['/reason']);
    expect(await orderFootprint(ctx)).toEqual(before);
  });
});
