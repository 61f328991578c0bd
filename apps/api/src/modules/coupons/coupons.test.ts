import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../test/harness.ts';
import { api as apiOf, createSupplier, paths, type Json } from '../../../test/catalogue.ts';
import {
  auditOf,
  codes,
  createClient,
  createOrder,
  orderFootprint,
  parallelApp,
  postOrder,
  stockedProduct,
} from '../../../test/orders.ts';

let ctx: TestContext;
let manager: TestUser;
let operator: TestUser;
let viewer: TestUser;
let api: ReturnType<typeof apiOf>;
let client: Json;
let product: Json;

beforeAll(async () => {
  ctx = await createTestContext();
  api = apiOf(ctx);
  manager = await ctx.createUser('manager');
  operator = await ctx.createUser('operator');
  viewer = await ctx.createUser('viewer');
  const supplier = await createSupplier(ctx, manager.token);
  client = await createClient(ctx, operator.token, { name: 'Fleuriste Mimosa' });
  product = await stockedProduct(ctx, manager.token, supplier.id, 100, { unitPrice: 5000 });
});
afterAll(() => ctx.close());

const DAY = 24 * 60 * 60 * 1000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
const createCoupon = async (body: Record<string, unknown>) => {
  const res = await api('POST', '/coupons', manager.token, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Json & { code: string; usedCount: number };
};
const orderWith = (couponCode: string, token = operator.token) =>
  postOrder(ctx, token, {
    clientId: client.id,
    lines: [{ productId: product.id, quantity: 1 }],
    couponCode,
  });
const usedCount = async (id: number) =>
  Number(
    (
      await ctx.query<{ used_count: number }>('SELECT used_count FROM coupons WHERE id = ?', [id])
    )[0]!.used_count,
  );

describe('managing coupons', () => {
  it('creates, lists, edits and deletes coupons (managers), auditing each change', async () => {
    const res = await api('POST', '/coupons', manager.token, {
      code: 'PRINTEMPS26',
      kind: 'percent',
      percent: '12.5',
      validFrom: '2026-03-20T00:00:00.000Z',
      validUntil: '2026-06-21T00:00:00.000Z',
      usageLimit: 100,
    });
    expect(res.statusCode, res.body).toBe(201);
    const coupon = res.json();
    expect(coupon).toMatchObject({
      code: 'PRINTEMPS26',
      kind: 'percent',
      percent: '12.50',
      amount: null,
      validFrom: '2026-03-20T00:00:00.000Z',
      validUntil: '2026-06-21T00:00:00.000Z',
      usageLimit: 100,
      usedCount: 0,
      active: true,
      version: 1,
    });
    const fixed = await createCoupon({ code: 'BIENVENUE', kind: 'amount', amount: 1000 });
    expect(fixed).toMatchObject({ percent: null, amount: 1000, validFrom: null, usageLimit: null });
    const listed = (await api('GET', '/coupons', viewer.token)).json().items as Json[];
    expect(listed.map((c) => c.code)).toEqual(expect.arrayContaining(['BIENVENUE', 'PRINTEMPS26']));
    expect(listed.find((c) => c.id === coupon.id)).toEqual(coupon);

    const edited = await api('PATCH', `/coupons/${coupon.id}`, manager.token, {
      version: coupon.version,
      percent: '15',
      usageLimit: null,
      active: false,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      percent: '15.00',
      usageLimit: null,
      active: false,
      version: 2,
    });
    const stale = await api('PATCH', `/coupons/${coupon.id}`, manager.token, {
      version: coupon.version,
      percent: '20',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');

    const removed = await api('DELETE', `/coupons/${coupon.id}`, manager.token);
    expect(removed.statusCode).toBe(204);
    expect((await api('DELETE', `/coupons/${coupon.id}`, manager.token)).json().code).toBe(
      'COUPON_NOT_FOUND',
    );
    expect((await api('PATCH', '/coupons/999999', manager.token, { version: 1 })).statusCode).toBe(
      404,
    );
    expect((await auditOf(ctx, 'coupon', coupon.id)).map((a) => a.action)).toEqual([
      'coupon.create',
      'coupon.update',
      'coupon.delete',
    ]);
  });

  it('refuses operators and viewers (403) on every change; they may read', async () => {
    const coupon = await createCoupon({ code: 'STAFF', kind: 'amount', amount: 100 });
    const before = await countRows(ctx, 'audit_log');
    for (const user of [operator, viewer]) {
      expect(
        (await api('POST', '/coupons', user.token, { code: 'NOPE', kind: 'amount', amount: 1 }))
          .statusCode,
      ).toBe(403);
      expect(
        (await api('PATCH', `/coupons/${coupon.id}`, user.token, { version: 1, active: false }))
          .statusCode,
      ).toBe(403);
      expect((await api('DELETE', `/coupons/${coupon.id}`, user.token)).statusCode).toBe(403);
      expect((await api('GET', '/coupons', user.token)).statusCode).toBe(200);
    }
    expect(await countRows(ctx, 'audit_log')).toBe(before);
    expect(
      (await api('GET', '/coupons', viewer.token)).json().items.map((c: Json) => c.code),
    ).toContain('STAFF');
  });

  it('answers 409 COUPON_CODE_TAKEN to a code already used', async () => {
    await createCoupon({ code: 'UNIQUE', kind: 'amount', amount: 100 });
    const before = await countRows(ctx, 'coupons');
    const res = await api('POST', '/coupons', manager.token, {
      code: 'UNIQUE',
      kind: 'percent',
      percent: '5',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('COUPON_CODE_TAKEN');
    expect(paths(res)).toEqual(['/code']);
    expect(await countRows(ctx, 'coupons')).toBe(before);
  });

  it.each([
    [{ code: 'lower', kind: 'amount', amount: 100 }, '/code'],
    [{ code: 'A', kind: 'amount', amount: 100 }, '/code'],
    [{ code: 'NOKIND', amount: 100 }, '/kind'],
    [{ code: 'P1', kind: 'percent' }, '/percent'],
    [{ code: 'P2', kind: 'percent', percent: '5', amount: 100 }, '/amount'],
    [{ code: 'P3', kind: 'percent', percent: '150' }, '/percent'],
    [{ code: 'A1', kind: 'amount' }, '/amount'],
    [{ code: 'A2', kind: 'amount', amount: -1 }, '/amount'],
    [{ code: 'A3', kind: 'amount', amount: 100, percent: '5' }, '/percent'],
    [
      { code: 'D1', kind: 'amount', amount: 100, validFrom: inDays(2), validUntil: inDays(1) },
      '/validUntil',
    ],
    [{ code: 'D2', kind: 'amount', amount: 100, validUntil: 'demain' }, '/validUntil'],
    [{ code: 'U1', kind: 'amount', amount: 100, usageLimit: 0 }, '/usageLimit'],
    [{ code: 'X1', kind: 'amount', amount: 100, stackable: true }, '/stackable'],
  ])('refuses %j naming %s', async (body, path) => {
    const before = await countRows(ctx, 'coupons');
    const res = await api('POST', '/coupons', manager.token, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(paths(res)).toContain(path);
    expect(await countRows(ctx, 'coupons')).toBe(before);
  });

  it('answers 409 when deleting a coupon already used (deactivate it instead)', async () => {
    const coupon = await createCoupon({ code: 'UTILISE', kind: 'amount', amount: 500 });
    expect((await orderWith('UTILISE')).statusCode).toBe(201);
    const res = await api('DELETE', `/coupons/${coupon.id}`, manager.token);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
    expect(res.json().detail).toContain('deactivate');
    expect(await usedCount(coupon.id)).toBe(1);
    const off = await api('PATCH', `/coupons/${coupon.id}`, manager.token, {
      version: coupon.version,
      active: false,
    });
    expect(off.json()).toMatchObject({ active: false, usedCount: 1 });
  });
});

describe('applying coupons to orders', () => {
  it('takes one use per order; the code may be typed in lower case', async () => {
    const coupon = await createCoupon({
      code: 'DIXPOURCENT',
      kind: 'percent',
      percent: '10',
      usageLimit: 5,
    });
    const res = await orderWith(' dixpourcent ');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      couponCode: 'DIXPOURCENT',
      totals: { couponDiscount: 500 },
    });
    expect(await usedCount(coupon.id)).toBe(1);
    expect(
      (await api('GET', '/coupons', viewer.token))
        .json()
        .items.find((c: Json) => c.id === coupon.id),
    ).toMatchObject({ usedCount: 1 });
  });

  it('caps a fixed coupon at what is left to pay', async () => {
    await createCoupon({ code: 'GROS', kind: 'amount', amount: 999_999 });
    const res = await orderWith('GROS');
    expect(res.statusCode).toBe(201);
    expect(res.json().totals).toMatchObject({
      subtotal: 5000,
      couponDiscount: 5000,
      net: 0,
      total: 0,
    });
  });

  describe('refuses coupons that do not apply (422 naming /couponCode) and changes nothing', () => {
    let exhausted: Json;
    beforeAll(async () => {
      await createCoupon({ code: 'EXPIRE', kind: 'percent', percent: '5', validUntil: inDays(-1) });
      await createCoupon({ code: 'BIENTOT', kind: 'percent', percent: '5', validFrom: inDays(1) });
      await createCoupon({ code: 'ENPAUSE', kind: 'amount', amount: 100, active: false });
      exhausted = await createCoupon({
        code: 'EPUISE',
        kind: 'amount',
        amount: 100,
        usageLimit: 1,
      });
      expect((await orderWith('EPUISE')).statusCode).toBe(201);
    });
    it.each([
      ['expired', 'EXPIRE', 'has expired'],
      ['not yet valid', 'BIENTOT', 'is not valid yet'],
      ['used up', 'EPUISE', 'has been used up'],
      ['unknown', 'INCONNU', 'is unknown or inactive'],
      ['inactive', 'ENPAUSE', 'is unknown or inactive'],
    ])('%s', async (_title, code, message) => {
      const before = await orderFootprint(ctx);
      const res = await orderWith(code);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'COUPON_NOT_APPLICABLE',
        errors: [{ path: '/couponCode', message }],
      });
      expect(await orderFootprint(ctx)).toEqual(before);
      // The order form's check says the same.
      const check = await api('GET', `/coupons/validate?code=${code}`, operator.token);
      expect(check.statusCode).toBe(422);
      expect(check.json()).toMatchObject({
        code: 'COUPON_NOT_APPLICABLE',
        errors: [{ path: '/querystring/code', message }],
      });
    });

    it('and on an edit', async () => {
      const order = await createOrder(ctx, operator.token, {
        clientId: client.id,
        lines: [{ productId: product.id, quantity: 1 }],
      });
      const before = await orderFootprint(ctx);
      for (const couponCode of ['EXPIRE', 'EPUISE', 'INCONNU']) {
        const res = await api('PATCH', `/orders/${order.id}`, operator.token, {
          version: order.version,
          couponCode,
        });
        expect(res.statusCode).toBe(422);
        expect(paths(res)).toEqual(['/couponCode']);
      }
      expect(await orderFootprint(ctx)).toEqual(before);
      expect(await usedCount(exhausted.id)).toBe(1);
    });
  });

  it('validates a code for the order form', async () => {
    const coupon = await createCoupon({
      code: 'VALIDE',
      kind: 'amount',
      amount: 250,
      validUntil: inDays(30),
    });
    const res = await api('GET', '/coupons/validate?code=valide', viewer.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(coupon);
    expect((await api('GET', '/coupons/validate', viewer.token)).statusCode).toBe(400);
    // Checking uses nothing up.
    expect(await usedCount(coupon.id)).toBe(0);
  });

  it('gives the last use to exactly one of two concurrent orders', async () => {
    const coupon = await createCoupon({
      code: 'DERNIER',
      kind: 'percent',
      percent: '20',
      usageLimit: 3,
    });
    await ctx.query('UPDATE coupons SET used_count = 2 WHERE id = ?', [coupon.id]);
    const before = await orderFootprint(ctx);
    const parallel = await parallelApp(ctx, 10);
    let responses;
    try {
      responses = await Promise.all(
        [operator, manager].map((user) =>
          parallel.inject({
            method: 'POST',
            url: '/api/v1/orders',
            token: user.token,
            payload: {
              clientId: client.id,
              lines: [{ productId: product.id, quantity: 1 }],
              couponCode: 'DERNIER',
            },
          }),
        ),
      );
    } finally {
      await parallel.close();
    }
    expect(codes(responses).sort()).toEqual(['201', '422 COUPON_NOT_APPLICABLE']);
    expect(await usedCount(coupon.id)).toBe(3);
    expect((await orderFootprint(ctx)).orders).toBe(before.orders + 1);
  });

  it('gives out no more uses than the limit under 10 concurrent orders', async () => {
    const coupon = await createCoupon({
      code: 'FLASH',
      kind: 'amount',
      amount: 100,
      usageLimit: 4,
    });
    const parallel = await parallelApp(ctx, 15);
    let responses;
    try {
      responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          parallel.inject({
            method: 'POST',
            url: '/api/v1/orders',
            token: operator.token,
            payload: {
              clientId: client.id,
              lines: [{ productId: product.id, quantity: 1 }],
              couponCode: 'FLASH',
            },
          }),
        ),
      );
    } finally {
      await parallel.close();
    }
    const statuses = codes(responses);
    expect(statuses.filter((s) => s === '201')).toHaveLength(4);
    expect(statuses.filter((s) => s === '422 COUPON_NOT_APPLICABLE')).toHaveLength(6);
    expect(await usedCount(coupon.id)).toBe(4);
    const [row] = await ctx.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM orders WHERE coupon_id = ?',
      [coupon.id],
    );
    expect(Number(row!.n)).toBe(4);
  });
});
