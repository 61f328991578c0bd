import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createDb, type DbHandle, type Executor } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import { systemActor } from '../../lib/request-context.ts';
import { createServices, type Services } from '../../services.ts';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import {
  api as apiOf,
  createProduct,
  createSupplier,
  ledgerMismatches,
  ledgerSum,
  onHand,
  paths,
  receive,
  stockSnapshot,
  type Json,
} from '../../../test/catalogue.ts';
import type { StockLine } from './inventory-service.ts';

let ctx: TestContext;
let manager: TestUser;
let operator: TestUser;
let viewer: TestUser;
let api: ReturnType<typeof apiOf>;
let supplier: Json;

beforeAll(async () => {
  ctx = await createTestContext();
  api = apiOf(ctx);
  manager = await ctx.createUser('manager');
  operator = await ctx.createUser('operator', { name: 'Olivier Opérateur' });
  viewer = await ctx.createUser('viewer');
  supplier = await createSupplier(ctx, manager.token, { name: 'Point P Vénissieux' });
});
afterAll(() => ctx.close());
// The ledger is the truth: after every scenario, SUM(delta) per product equals on_hand.
afterEach(async () => {
  expect(await ledgerMismatches(ctx)).toEqual([]);
});

const adjust = (productId: number, body: Record<string, unknown>, token = operator.token) =>
  api('POST', `/products/${productId}/adjustments`, token, body);

async function stocked(quantity: number, extra: Record<string, unknown> = {}) {
  const product = await createProduct(ctx, manager.token, extra);
  if (quantity > 0)
    await receive(ctx, operator.token, supplier.id, [{ productId: product.id, quantity }]);
  return product;
}

const audit = async (action: string, entityId: number) =>
  (
    await ctx.query<{ before: string | null; after: string | null; actor_id: number }>(
      'SELECT `before`, `after`, actor_id FROM audit_log WHERE action = ? AND entity_id = ? ORDER BY id',
      [action, String(entityId)],
    )
  ).map((r) => ({
    actorId: Number(r.actor_id),
    before: r.before && (JSON.parse(r.before) as Record<string, unknown>),
    after: r.after && (JSON.parse(r.after) as Record<string, unknown>),
  }));

describe('POST /products/:id/adjustments', () => {
  it('adds or removes a delta with a reason, writes the ledger row and audits it', async () => {
    const product = await stocked(10);
    const res = await adjust(product.id, {
      mode: 'delta',
      quantity: -3,
      reason: '  Casse en rayon ',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { product: after, movement } = res.json();
    expect(after).toMatchObject({ id: product.id, onHand: 7 });
    expect(movement).toMatchObject({
      productId: product.id,
      productSku: product.sku,
      delta: -3,
      onHandAfter: 7,
      kind: 'adjustment',
      reason: 'Casse en rayon',
      refType: null,
      refId: null,
      actorLabel: operator.email,
    });
    const plus = await adjust(product.id, {
      mode: 'delta',
      quantity: 5,
      reason: 'Retrouvé en réserve',
    });
    expect(plus.json().product.onHand).toBe(12);
    const rows = await audit('stock.adjust', product.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      actorId: operator.id,
      before: { onHand: 10 },
      after: { onHand: 7, delta: -3, mode: 'delta', reason: 'Casse en rayon' },
    });
    expect(await ledgerSum(ctx, product.id)).toBe(12);
  });

  it('sets a counted quantity (the delta is computed from what is on hand)', async () => {
    const product = await stocked(10);
    const res = await adjust(product.id, {
      mode: 'count',
      quantity: 4,
      reason: 'Inventaire annuel',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().movement).toMatchObject({ delta: -6, onHandAfter: 4 });
    const up = await adjust(product.id, { mode: 'count', quantity: 9, reason: 'Recomptage' });
    expect(up.json().movement).toMatchObject({ delta: 5, onHandAfter: 9 });
    expect(await onHand(ctx, product.id)).toBe(9);
  });

  it.each([
    [{ mode: 'delta', quantity: 1 }, 400, '/reason'],
    [{ mode: 'delta', quantity: 1, reason: '' }, 400, '/reason'],
    [{ mode: 'delta', quantity: 1, reason: 'ok' }, 400, '/reason'],
    [{ mode: 'delta', quantity: 1, reason: '     ' }, 400, '/reason'],
    [{ mode: 'delta', quantity: 1, reason: ' a  ' }, 400, '/reason'],
    [{ mode: 'delta', quantity: 0, reason: 'Rien du tout' }, 400, '/quantity'],
    [{ mode: 'count', quantity: 5, reason: 'Même quantité' }, 400, '/quantity'],
    [{ mode: 'count', quantity: -1, reason: 'Négatif' }, 400, '/quantity'],
    [{ mode: 'delta', quantity: 1.5, reason: 'Demi' }, 400, '/quantity'],
    [{ mode: 'set', quantity: 1, reason: 'Mode inconnu' }, 400, '/mode'],
    [{ quantity: 1, reason: 'Sans mode' }, 400, '/mode'],
    [{ mode: 'delta', quantity: -6, reason: 'Trop retiré' }, 409, null],
  ])('refuses %j (%i %s) and changes nothing', async (body, status, path) => {
    const product = await stocked(5);
    const before = await stockSnapshot(ctx);
    const res = await adjust(product.id, body);
    expect(res.statusCode, res.body).toBe(status);
    if (path) expect(paths(res)).toContain(path);
    expect(await stockSnapshot(ctx)).toEqual(before);
    expect(await onHand(ctx, product.id)).toBe(5);
  });

  it('answers 409 INSUFFICIENT_STOCK naming the SKU, what was asked and what is left', async () => {
    const product = await stocked(2);
    const before = await stockSnapshot(ctx);
    const res = await adjust(product.id, { mode: 'delta', quantity: -3, reason: 'Vol constaté' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      shortages: [{ productId: product.id, sku: product.sku, requested: 3, available: 2 }],
    });
    expect(res.json().detail).toContain(product.sku);
    expect(await stockSnapshot(ctx)).toEqual(before);
  });

  it('lets a product that allows backorders go below zero', async () => {
    const product = await stocked(1, { allowBackorder: true });
    const res = await adjust(product.id, {
      mode: 'delta',
      quantity: -4,
      reason: 'Vendu au comptoir',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().product).toMatchObject({ onHand: -3, stockStatus: 'out' });
    expect(res.json().movement).toMatchObject({ delta: -4, onHandAfter: -3 });
    expect(await ledgerSum(ctx, product.id)).toBe(-3);
  });

  it('answers 409 for a product that does not track stock, 404 for an unknown one', async () => {
    const untracked = await createProduct(ctx, manager.token, { trackStock: false });
    const before = await stockSnapshot(ctx);
    const res = await adjust(untracked.id, { mode: 'delta', quantity: 3, reason: 'Réception' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
    const missing = await adjust(999_999, { mode: 'delta', quantity: 3, reason: 'Réception' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('PRODUCT_NOT_FOUND');
    expect(await stockSnapshot(ctx)).toEqual(before);
  });
});

describe('POST /stock-receipts', () => {
  it('receives lines with unit costs and a reference, moves stock, and audits the receipt', async () => {
    const a = await createProduct(ctx, manager.token, { name: 'Vis bois 5x50' });
    const b = await stocked(4, { name: 'Cheville 8 mm' });
    const res = await api('POST', '/stock-receipts', operator.token, {
      supplierId: supplier.id,
      reference: ' BL-2026-0042 ',
      note: 'Carton abîmé, contenu intact.',
      lines: [
        { productId: a.id, quantity: 100, unitCost: 12 },
        { productId: b.id, quantity: 20, unitCost: null },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    expect(receipt).toMatchObject({
      supplierId: supplier.id,
      supplierName: 'Point P Vénissieux',
      reference: 'BL-2026-0042',
      note: 'Carton abîmé, contenu intact.',
      createdBy: operator.id,
      lines: [
        { productId: a.id, sku: a.sku, name: 'Vis bois 5x50', quantity: 100, unitCost: 12 },
        { productId: b.id, sku: b.sku, quantity: 20, unitCost: null },
      ],
    });
    expect(await onHand(ctx, a.id)).toBe(100);
    expect(await onHand(ctx, b.id)).toBe(24);
    const movements = await ctx.query<Record<string, unknown>>(
      'SELECT product_id, delta, on_hand_after, kind, reason, ref_type, ref_id FROM stock_movements WHERE ref_id = ? AND ref_type = ? ORDER BY product_id',
      [receipt.id, 'receipt'],
    );
    expect(
      movements.map((m) => ({ ...m, product_id: Number(m.product_id), ref_id: Number(m.ref_id) })),
    ).toEqual([
      {
        product_id: a.id,
        delta: 100,
        on_hand_after: 100,
        kind: 'receipt',
        reason: 'BL-2026-0042',
        ref_type: 'receipt',
        ref_id: receipt.id,
      },
      {
        product_id: b.id,
        delta: 20,
        on_hand_after: 24,
        kind: 'receipt',
        reason: 'BL-2026-0042',
        ref_type: 'receipt',
        ref_id: receipt.id,
      },
    ]);
    const [row] = await audit('stock.receive', receipt.id);
    expect(row).toMatchObject({ actorId: operator.id, after: { supplierId: supplier.id } });

    const got = await api('GET', `/stock-receipts/${receipt.id}`, viewer.token);
    expect(got.json()).toEqual(receipt);
    const listed = (
      await api('GET', `/stock-receipts?supplierId=${supplier.id}`, viewer.token)
    ).json();
    expect(listed.items[0]).toEqual(receipt);
    expect((await api('GET', '/stock-receipts/999999', viewer.token)).statusCode).toBe(404);
  });

  it('merges two lines of the same product into one movement', async () => {
    const product = await createProduct(ctx, manager.token);
    const receipt = await receive(ctx, operator.token, supplier.id, [
      { productId: product.id, quantity: 3 },
      { productId: product.id, quantity: 4 },
    ]);
    expect((receipt.lines as unknown[]).length).toBe(2);
    const movements = (await api('GET', `/products/${product.id}/movements`, viewer.token)).json();
    expect(movements.items.map((m: Json) => m.delta)).toEqual([7]);
    expect(await onHand(ctx, product.id)).toBe(7);
  });

  it('skips products that do not track stock (the line is kept, no movement)', async () => {
    const untracked = await createProduct(ctx, manager.token, { trackStock: false });
    await receive(ctx, operator.token, supplier.id, [{ productId: untracked.id, quantity: 3 }]);
    expect(await onHand(ctx, untracked.id)).toBe(0);
    expect(await ledgerSum(ctx, untracked.id)).toBe(0);
  });

  describe('bad input: a clear 4xx and nothing changes', () => {
    let live: Json;
    let archived: Json;
    let closedSupplier: Json;
    beforeAll(async () => {
      live = await stocked(5);
      archived = await stocked(5);
      const res = await api('POST', `/products/${archived.id}/archive`, manager.token, {
        version: archived.version,
      });
      expect(res.statusCode).toBe(200);
      closedSupplier = await createSupplier(ctx, manager.token, { name: 'Fermé' });
      await api('POST', `/suppliers/${closedSupplier.id}/archive`, manager.token, {
        version: closedSupplier.version,
      });
    });

    const cases: [string, () => Record<string, unknown>, number, string, string | null][] = [
      [
        'zero quantity',
        () => ({ lines: [{ productId: live.id, quantity: 0 }] }),
        400,
        'VALIDATION_FAILED',
        '/lines/0/quantity',
      ],
      [
        'negative quantity',
        () => ({
          lines: [
            { productId: live.id, quantity: 2 },
            { productId: live.id, quantity: -3 },
          ],
        }),
        400,
        'VALIDATION_FAILED',
        '/lines/1/quantity',
      ],
      [
        'fractional quantity',
        () => ({ lines: [{ productId: live.id, quantity: 1.5 }] }),
        400,
        'VALIDATION_FAILED',
        '/lines/0/quantity',
      ],
      [
        'negative unit cost',
        () => ({ lines: [{ productId: live.id, quantity: 1, unitCost: -1 }] }),
        400,
        'VALIDATION_FAILED',
        '/lines/0/unitCost',
      ],
      ['no lines', () => ({ lines: [] }), 400, 'VALIDATION_FAILED', '/lines'],
      [
        'no supplier',
        () => ({ supplierId: undefined, lines: [{ productId: live.id, quantity: 1 }] }),
        400,
        'VALIDATION_FAILED',
        '/supplierId',
      ],
      [
        'an archived product',
        () => ({
          lines: [
            { productId: live.id, quantity: 1 },
            { productId: archived.id, quantity: 1 },
          ],
        }),
        409,
        'PRODUCT_ARCHIVED',
        '/lines/1/productId',
      ],
      [
        'an unknown product',
        () => ({ lines: [{ productId: 999_999, quantity: 1 }] }),
        400,
        'VALIDATION_FAILED',
        '/lines/0/productId',
      ],
      [
        'an unknown supplier',
        () => ({ supplierId: 999_999, lines: [{ productId: live.id, quantity: 1 }] }),
        400,
        'VALIDATION_FAILED',
        '/supplierId',
      ],
      [
        'an archived supplier',
        () => ({ supplierId: closedSupplier.id, lines: [{ productId: live.id, quantity: 1 }] }),
        409,
        'SUPPLIER_ARCHIVED',
        '/supplierId',
      ],
    ];
    it.each(cases)('refuses %s', async (_title, body, status, code, path) => {
      const before = await stockSnapshot(ctx);
      const res = await api('POST', '/stock-receipts', operator.token, {
        supplierId: supplier.id,
        ...body(),
      });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
      if (path) expect(paths(res)).toContain(path);
      expect(await stockSnapshot(ctx)).toEqual(before);
      expect(await onHand(ctx, live.id)).toBe(5);
      expect(await onHand(ctx, archived.id)).toBe(5);
    });
  });
});

describe('GET /products/:id/movements', () => {
  let product: Json;
  beforeAll(async () => {
    product = await stocked(20);
    for (let i = 1; i <= 4; i += 1)
      await adjust(product.id, { mode: 'delta', quantity: -i, reason: `Sortie ${i}` });
    await receive(ctx, operator.token, supplier.id, [{ productId: product.id, quantity: 10 }]);
    // Spread the history over days, oldest first, to filter by date.
    const ids = (
      await ctx.query<{ id: number }>(
        'SELECT id FROM stock_movements WHERE product_id = ? ORDER BY id',
        [product.id],
      )
    ).map((r) => r.id);
    for (const [i, id] of ids.entries())
      await ctx.query('UPDATE stock_movements SET created_at = ? WHERE id = ?', [
        new Date(Date.UTC(2026, 0, 10 + i, 9)),
        id,
      ]);
  });
  const list = async (query = '') => {
    const res = await api('GET', `/products/${product.id}/movements?${query}`, viewer.token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Json[]; total: number; nextCursor: string | null };
  };

  it('lists the ledger newest first with the running on-hand figure', async () => {
    const page = await list();
    expect(page.total).toBe(6);
    expect(page.items.map((m) => [m.kind, m.delta, m.onHandAfter])).toEqual([
      ['receipt', 10, 20],
      ['adjustment', -4, 10],
      ['adjustment', -3, 14],
      ['adjustment', -2, 17],
      ['adjustment', -1, 19],
      ['receipt', 20, 20],
    ]);
    expect(page.items[1]).toMatchObject({ reason: 'Sortie 4', actorLabel: operator.email });
  });

  it('filters by kind and by date', async () => {
    const receipts = await list('kind=receipt');
    expect(receipts.items.map((m) => m.delta)).toEqual([10, 20]);
    expect(receipts.total).toBe(2);
    const window = await list(
      `from=${encodeURIComponent('2026-01-11T00:00:00.000Z')}&to=${encodeURIComponent('2026-01-13T23:59:59.999Z')}`,
    );
    expect(window.items.map((m) => m.delta)).toEqual([-3, -2, -1]);
    const adjustmentsSince = await list(
      `kind=adjustment&from=${encodeURIComponent('2026-01-13T00:00:00.000Z')}`,
    );
    expect(adjustmentsSince.items.map((m) => m.delta)).toEqual([-4, -3]);
    expect(
      (await api('GET', `/products/${product.id}/movements?kind=theft`, viewer.token)).statusCode,
    ).toBe(400);
    expect(
      (await api('GET', `/products/${product.id}/movements?from=hier`, viewer.token)).statusCode,
    ).toBe(400);
  });

  it('pages with a cursor without repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual((await list()).items.map((m) => m.id));
  });

  it('answers 404 for an unknown product', async () => {
    expect((await api('GET', '/products/999999/movements', viewer.token)).statusCode).toBe(404);
  });
});

describe('roles', () => {
  it('lets a viewer read stock but not move it (403); an operator adjusts and receives', async () => {
    const product = await stocked(3);
    const before = await stockSnapshot(ctx);
    expect(
      (await adjust(product.id, { mode: 'delta', quantity: 1, reason: 'Essai' }, viewer.token))
        .statusCode,
    ).toBe(403);
    const receipt = await api('POST', '/stock-receipts', viewer.token, {
      supplierId: supplier.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    expect(receipt.statusCode).toBe(403);
    expect(await stockSnapshot(ctx)).toEqual(before);
    expect((await api('GET', `/products/${product.id}/movements`, viewer.token)).statusCode).toBe(
      200,
    );
    expect((await api('GET', '/stock-receipts', viewer.token)).statusCode).toBe(200);
    expect((await api('POST', '/stock-receipts', undefined, {})).statusCode).toBe(401);

    expect(
      (await adjust(product.id, { mode: 'delta', quantity: 1, reason: 'Essai' }, operator.token))
        .statusCode,
    ).toBe(201);
    expect(
      (await adjust(product.id, { mode: 'delta', quantity: 1, reason: 'Essai' }, manager.token))
        .statusCode,
    ).toBe(201);
    await receive(ctx, operator.token, supplier.id, [{ productId: product.id, quantity: 1 }]);
    expect(await onHand(ctx, product.id)).toBe(6);
  });
});

describe('under concurrency (real parallel connections)', () => {
  const actor = systemActor('test');
  let big: DbHandle;
  let services: Services;
  let inFlight = 0;
  let peak = 0;

  beforeAll(() => {
    big = createDb(ctx.databaseUrl, 60);
    services = createServices(big.db, ctx.config);
  });
  afterAll(() => big.close());

  /** One order-like deduction in its own transaction, through the 60-connection pool. */
  const deduct = (lines: StockLine[], body?: (tx: Executor) => Promise<unknown>) =>
    services.inventoryService.transaction(async (tx) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        if (body) return await body(tx);
        return await services.inventoryService.move(actor, lines, 'order_deduct', null, 'test', tx);
      } finally {
        inFlight -= 1;
      }
    });

  const outcomes = (results: PromiseSettledResult<unknown>[]) => {
    const unexpected = results.filter(
      (r) =>
        r.status === 'rejected' &&
        !(r.reason instanceof AppError && r.reason.code === 'INSUFFICIENT_STOCK'),
    );
    expect(
      unexpected.map((r) => {
        const reason = (r as PromiseRejectedResult).reason as Error & { cause?: { code?: string } };
        return `${reason.cause?.code ?? reason.name}: ${reason.message.split('\n')[0]}`;
      }),
    ).toEqual([]);
    return {
      ok: results.filter((r) => r.status === 'fulfilled').length,
      short: results
        .filter((r) => r.status === 'rejected')
        .map((r) => (r as PromiseRejectedResult).reason as AppError),
    };
  };

  it('moves several lines at once: one ledger row each with its own delta and figure after, untracked skipped', async () => {
    const a = await stocked(10);
    const b = await stocked(4);
    const untracked = await createProduct(ctx, manager.token, { trackStock: false });
    const written = await deduct([
      { productId: b.id, delta: -3 },
      { productId: untracked.id, delta: -1 },
      { productId: a.id, delta: -2 },
      { productId: a.id, delta: -1 },
    ]);
    expect(written).toBe(2);
    expect(await onHand(ctx, a.id)).toBe(7);
    expect(await onHand(ctx, b.id)).toBe(1);
    const rows = await ctx.query<{ product_id: number; delta: number; on_hand_after: number }>(
      "SELECT product_id, delta, on_hand_after FROM stock_movements WHERE kind = 'order_deduct' AND product_id IN (?, ?, ?) ORDER BY product_id",
      [a.id, b.id, untracked.id],
    );
    expect(rows.map((r) => [Number(r.product_id), r.delta, r.on_hand_after])).toEqual([
      [a.id, -3, 7],
      [b.id, -3, 1],
    ]);
    expect(await ledgerSum(ctx, a.id)).toBe(7);
    // Every line tracked and available: the one-statement path, same ledger.
    expect(
      await deduct([
        { productId: b.id, delta: -1 },
        { productId: a.id, delta: -4 },
      ]),
    ).toBe(2);
    const after = await ctx.query<{ product_id: number; delta: number; on_hand_after: number }>(
      "SELECT product_id, delta, on_hand_after FROM stock_movements WHERE kind = 'order_deduct' AND product_id IN (?, ?) ORDER BY id",
      [a.id, b.id],
    );
    expect(after.slice(2).map((r) => [Number(r.product_id), r.delta, r.on_hand_after])).toEqual([
      [a.id, -4, 3],
      [b.id, -1, 0],
    ]);
    expect(await ledgerSum(ctx, a.id)).toBe(3);
    expect(await ledgerSum(ctx, b.id)).toBe(0);
  });

  it('sells the last unit exactly once among 50 concurrent deductions', async () => {
    const product = await stocked(1);
    peak = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => deduct([{ productId: product.id, delta: -1 }])),
    );
    const { ok, short } = outcomes(results);
    expect(ok).toBe(1);
    expect(short).toHaveLength(49);
    for (const error of short)
      expect(error.extra.shortages).toEqual([
        { productId: product.id, sku: product.sku, requested: 1, available: 0 },
      ]);
    // Really in parallel: far more transactions were open at once than the harness pool has connections.
    expect(peak).toBeGreaterThan(10);
    expect(await onHand(ctx, product.id)).toBe(0);
    expect(await ledgerSum(ctx, product.id)).toBe(0);
    const kinds = await ctx.query<{ kind: string; delta: number }>(
      'SELECT kind, delta FROM stock_movements WHERE product_id = ? ORDER BY id',
      [product.id],
    );
    expect(kinds).toEqual([
      { kind: 'receipt', delta: 1 },
      { kind: 'order_deduct', delta: -1 },
    ]);
  });

  it('never oversells two products taken in opposite line order, and no deadlock reaches the caller', async () => {
    const a = await stocked(25);
    const b = await stocked(25);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        deduct(
          i % 2 === 0
            ? [
                { productId: a.id, delta: -1 },
                { productId: b.id, delta: -1 },
              ]
            : [
                { productId: b.id, delta: -1 },
                { productId: a.id, delta: -1 },
              ],
        ),
      ),
    );
    const { ok, short } = outcomes(results);
    const [finalA, finalB] = [await onHand(ctx, a.id), await onHand(ctx, b.id)];
    expect(finalA).toBeGreaterThanOrEqual(0);
    expect(finalB).toBeGreaterThanOrEqual(0);
    expect(ok).toBe(25 - finalA);
    expect(ok).toBe(25 - finalB);
    expect(ok).toBe(25);
    expect(short).toHaveLength(25);
    expect(await ledgerSum(ctx, a.id)).toBe(finalA);
    expect(await ledgerSum(ctx, b.id)).toBe(finalB);
  });

  it('retries the deadlocks of callers that lock in opposite order themselves', async () => {
    // Two separate move() calls per transaction, A then B or B then A: real deadlocks,
    // which the transaction helper must absorb by running the loser again.
    const a = await stocked(25);
    const b = await stocked(25);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => {
        const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
        return deduct([], async (tx) => {
          await services.inventoryService.move(
            actor,
            [{ productId: first.id, delta: -1 }],
            'order_deduct',
            null,
            'test',
            tx,
          );
          await services.inventoryService.move(
            actor,
            [{ productId: second.id, delta: -1 }],
            'order_deduct',
            null,
            'test',
            tx,
          );
        });
      }),
    );
    const { ok } = outcomes(results);
    const [finalA, finalB] = [await onHand(ctx, a.id), await onHand(ctx, b.id)];
    expect(ok).toBe(25);
    expect([finalA, finalB]).toEqual([0, 0]);
    expect(await ledgerSum(ctx, a.id)).toBe(0);
    expect(await ledgerSum(ctx, b.id)).toBe(0);
  });

  describe('through the HTTP API, on a 60-connection app', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildApp(ctx.config, { db: big, logger: false });
      await app.ready();
    });
    afterAll(() => app.close());

    it('answers one 201 and 49 × 409 INSUFFICIENT_STOCK to 50 concurrent adjustments of −1 on the last unit', async () => {
      const product = await stocked(1);
      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          app.inject({
            method: 'POST',
            url: `/api/v1/products/${product.id}/adjustments`,
            headers: { authorization: `Bearer ${operator.token}` },
            payload: { mode: 'delta', quantity: -1, reason: 'Vente comptoir' },
          }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      for (const r of responses.filter((x) => x.statusCode === 409))
        expect(r.json()).toMatchObject({
          code: 'INSUFFICIENT_STOCK',
          shortages: [{ productId: product.id, requested: 1, available: 0 }],
        });
      expect(await onHand(ctx, product.id)).toBe(0);
      expect(await ledgerSum(ctx, product.id)).toBe(0);
      expect(await audit('stock.adjust', product.id)).toHaveLength(1);
    });
  });
});
