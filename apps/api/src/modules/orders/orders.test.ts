import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { computeTotals } from '@gestco/contract';
import {
  countRows,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../test/harness.ts';
import {
  api as apiOf,
  createProduct,
  createSupplier,
  ledgerMismatches,
  onHand,
  paths,
  receive,
  type Json,
} from '../../../test/catalogue.ts';
import {
  auditOf,
  codes,
  createClient,
  createOrder,
  events,
  getOrder,
  moveTo,
  orderFootprint,
  orderMovements,
  parallelApp,
  postOrder,
  saveOrdersSettings,
  stockedProduct,
  uniqueContact,
  type OrderJson,
} from '../../../test/orders.ts';

let ctx: TestContext;
let admin: TestUser;
let manager: TestUser;
let operator: TestUser;
let viewer: TestUser;
let api: ReturnType<typeof apiOf>;
let supplier: Json;
let client: Json;

beforeAll(async () => {
  ctx = await createTestContext();
  api = apiOf(ctx);
  admin = await ctx.createUser('admin');
  manager = await ctx.createUser('manager', { name: 'Marion Manager' });
  operator = await ctx.createUser('operator', { name: 'Olivier Opérateur' });
  viewer = await ctx.createUser('viewer');
  supplier = await createSupplier(ctx, manager.token, { name: 'Legrand' });
  client = await createClient(ctx, operator.token, { name: 'Quincaillerie Lumière' });
});
afterAll(() => ctx.close());
// The ledger is the truth: whatever the orders did, SUM(delta) per product equals on_hand.
afterEach(async () => {
  expect(await ledgerMismatches(ctx)).toEqual([]);
});

const stocked = (quantity: number, body: Record<string, unknown> = {}) =>
  stockedProduct(ctx, manager.token, supplier.id, quantity, body);
const patch = (id: number, body: Record<string, unknown>, token = operator.token) =>
  api('PATCH', `/orders/${id}`, token, body);
const year = () =>
  new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date());
const seqOf = (reference: string) => Number(/(\d+)$/.exec(reference)![1]);

describe('POST /orders: taking an order for an existing client', () => {
  it('fills the billing block from the client, applies their discount, prices on the server and records who took it', async () => {
    const buyer = await createClient(ctx, operator.token, {
      name: 'Électricité Girard',
      kind: 'company',
      contactPerson: 'Paul Girard',
      phone: '04 78 12 34 56',
      email: 'contact@girard-elec.fr',
      address: { line1: '12 rue Garibaldi', postalCode: '69003', city: 'Lyon', country: 'FR' },
      discountRate: '7.5',
    });
    const cable = await stocked(50, { name: 'Câble 3G2,5', unitPrice: 1999, vatRate: '20' });
    const book = await stocked(50, { name: 'Guide NF C 15-100', unitPrice: 350, vatRate: '5.5' });
    const service = await createProduct(ctx, manager.token, {
      name: 'Forfait déplacement',
      unitPrice: 2500,
      trackStock: false,
    });
    const before = await orderFootprint(ctx);
    const res = await postOrder(ctx, operator.token, {
      clientId: buyer.id,
      origin: 'phone',
      lines: [
        { productId: cable.id, quantity: 3, discountRate: '10' },
        { productId: book.id, quantity: 7 },
        { productId: service.id, quantity: 1 },
        { description: '  Pose du tableau ', quantity: 2, unitPrice: 4500, vatRate: '10' },
      ],
      shippingMethod: 'Chronopost 24h',
      paymentMethod: 'Virement',
      tags: ['chantier', 'urgent'],
      internalNote: 'Rappeler avant livraison',
      requestedDeliveryDate: '2026-12-24',
      comment: 'Commande prise au téléphone',
    });
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json();
    const billing = {
      name: 'Paul Girard',
      company: 'Électricité Girard',
      email: 'contact@girard-elec.fr',
      phone: '04 78 12 34 56',
      line1: '12 rue Garibaldi',
      line2: null,
      postalCode: '69003',
      city: 'Lyon',
      country: 'FR',
    };
    expect(order).toMatchObject({
      client: { id: buyer.id, code: buyer.code, name: 'Électricité Girard', status: 'current' },
      operatorId: operator.id,
      operatorName: 'Olivier Opérateur',
      origin: 'phone',
      status: 'pending',
      allowedStatuses: ['in_progress', 'cancelled'],
      paymentStatus: 'unpaid',
      paymentMethod: 'Virement',
      shippingMethod: 'Chronopost 24h',
      carrier: 'Chronopost',
      trackingCode: null,
      trackingUrl: null,
      billingAddress: billing,
      shippingSameAsBilling: true,
      shippingAddress: billing,
      couponCode: null,
      clientDiscountRate: '7.50',
      shippingFee: 1290,
      shippingVatRate: '20',
      currency: 'EUR',
      paidAmount: 0,
      refundedAmount: 0,
      stockState: 'none',
      internalNote: 'Rappeler avant livraison',
      tags: ['chantier', 'urgent'],
      requestedDeliveryDate: '2026-12-24',
      shippedAt: null,
      completedAt: null,
      cancelledAt: null,
      version: 1,
    });
    expect(order.reference).toMatch(new RegExp(`^CMD-${year()}-\\d{6}$`));
    expect(order.lines).toMatchObject([
      {
        productId: cable.id,
        sku: cable.sku,
        name: 'Câble 3G2,5',
        quantity: 3,
        unitPrice: 1999,
        discountRate: '10.00',
        vatRate: '20',
        restockedQuantity: 0,
      },
      { productId: book.id, sku: book.sku, quantity: 7, unitPrice: 350, vatRate: '5.5' },
      { productId: service.id, quantity: 1, unitPrice: 2500, vatRate: '20' },
      {
        productId: null,
        sku: null,
        name: 'Pose du tableau',
        quantity: 2,
        unitPrice: 4500,
        vatRate: '10',
      },
    ]);
    // The server's numbers are the shared formula's numbers on the same inputs.
    const expected = computeTotals({
      lines: [
        { quantity: 3, unitPrice: 1999, discountRate: '10', vatRate: '20' },
        { quantity: 7, unitPrice: 350, discountRate: '0', vatRate: '5.5' },
        { quantity: 1, unitPrice: 2500, discountRate: '0', vatRate: '20' },
        { quantity: 2, unitPrice: 4500, discountRate: '0', vatRate: '10' },
      ],
      clientDiscountRate: '7.5',
      coupon: null,
      shippingFee: 1290,
      shippingVatRate: '20',
    });
    expect(order.totals).toEqual(expected.totals);
    expect(order.lines.map((l: Json) => l.total)).toEqual(expected.lineTotals);
    expect(order.totals.clientDiscount).toBe(Math.round(order.totals.subtotal * 0.075));
    expect(order.totals.vat.map((v: Json) => v.rate)).toEqual(['20', '10', '5.5']);
    // Pending: no stock taken yet.
    expect(await onHand(ctx, cable.id)).toBe(50);
    expect(await onHand(ctx, book.id)).toBe(50);
    const after = await orderFootprint(ctx);
    expect(after.orders).toBe(before.orders + 1);
    expect(after.orderLines).toBe(before.orderLines + 4);
    expect(after.clientOrders).toBe(before.clientOrders + 1);
    expect(after.movements).toBe(before.movements);

    expect(await getOrder(ctx, viewer.token, order.id)).toEqual(order);
    const timeline = await events(ctx, viewer.token, order.id);
    expect(timeline).toMatchObject([
      {
        type: 'created',
        channel: 'web',
        actorId: operator.id,
        actorLabel: operator.email,
        toStatus: 'pending',
        comment: 'Commande prise au téléphone',
        data: { origin: 'phone', total: order.totals.total, lines: 4, stock: 'none' },
      },
    ]);
    const [audit] = await auditOf(ctx, 'order', order.id);
    expect(audit).toMatchObject({
      action: 'order.create',
      actorId: operator.id,
      after: { reference: order.reference, clientId: buyer.id, total: order.totals.total },
    });
    const stored = (await api('GET', `/clients/${buyer.id}`, viewer.token)).json();
    expect(stored.orderCount).toBe(1);
  });

  describe('a hand-checked example: two VAT rates, line discount, client discount, coupon, shipping', () => {
    let drill: Json;
    let bits: Json;
    let buyer: Json;
    beforeAll(async () => {
      drill = await stocked(10, { unitPrice: 2500, vatRate: '20' });
      bits = await stocked(10, { unitPrice: 1200, vatRate: '5.5' });
      buyer = await createClient(ctx, operator.token, { discountRate: '5' });
      for (const coupon of [
        { code: 'DIX', kind: 'percent', percent: '10' },
        { code: 'QUINZE', kind: 'amount', amount: 1500 },
      ])
        expect((await api('POST', '/coupons', manager.token, coupon)).statusCode).toBe(201);
    });
    const take = (couponCode: string) =>
      createOrder(ctx, operator.token, {
        clientId: buyer.id,
        lines: [
          { productId: drill.id, quantity: 4, discountRate: '10' },
          { productId: bits.id, quantity: 3 },
        ],
        couponCode,
        shippingMethod: 'Colissimo',
      });

    it('with a 10 % coupon', async () => {
      // gross 10 000 + 3 600; line discount 1 000 → subtotal 12 600; client 5 % → 630;
      // coupon 10 % of 11 970 → 1 197; the 1 827 of discounts spread 1 305 / 522 over the lines;
      // VAT 20 % on 7 695 + 690 shipping = 1 677; VAT 5.5 % on 3 078 = 169.
      const order = await take('dix');
      expect(order.couponCode).toBe('DIX');
      expect(order.lines.map((l) => l.total)).toEqual([9000, 3600]);
      expect(order.totals).toEqual({
        linesGross: 13600,
        lineDiscounts: 1000,
        subtotal: 12600,
        clientDiscount: 630,
        couponDiscount: 1197,
        shipping: 690,
        net: 11463,
        vat: [
          { rate: '20', base: 8385, amount: 1677 },
          { rate: '5.5', base: 3078, amount: 169 },
        ],
        vatTotal: 1846,
        total: 13309,
      });
    });

    it('with a fixed 15.00 coupon', async () => {
      // 630 + 1 500 = 2 130 spread 1 521 / 609 (largest remainder); VAT 20 % on 7 479 + 690
      // = 1 634 (1 633.8); VAT 5.5 % on 2 991 = 165 (164.505, half up).
      const order = await take('QUINZE');
      expect(order.totals).toEqual({
        linesGross: 13600,
        lineDiscounts: 1000,
        subtotal: 12600,
        clientDiscount: 630,
        couponDiscount: 1500,
        shipping: 690,
        net: 11160,
        vat: [
          { rate: '20', base: 8169, amount: 1634 },
          { rate: '5.5', base: 2991, amount: 165 },
        ],
        vatTotal: 1799,
        total: 12959,
      });
      const coupons = (await api('GET', '/coupons', viewer.token)).json().items as Json[];
      expect(coupons.map((c) => [c.code, c.usedCount])).toEqual([
        ['DIX', 1],
        ['QUINZE', 1],
      ]);
    });
  });

  it('takes the shipping fee from the shipping method unless one is given, and a separate shipping address', async () => {
    const product = await stocked(5);
    const shipTo = {
      name: 'Chantier Part-Dieu',
      company: null,
      email: null,
      phone: '06 11 22 33 44',
      line1: '5 place Charles Béraudier',
      line2: null,
      postalCode: '69003',
      city: 'Lyon',
      country: 'FR',
    };
    const viaMethod = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 1 }],
      shippingMethod: 'Colissimo',
      shippingSameAsBilling: false,
      shippingAddress: shipTo,
    });
    expect(viaMethod).toMatchObject({
      shippingFee: 690,
      carrier: 'La Poste',
      shippingSameAsBilling: false,
      shippingAddress: shipTo,
      billingAddress: { name: 'Quincaillerie Lumière' },
    });
    expect(viaMethod.totals).toMatchObject({ shipping: 690 });
    const waived = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 1 }],
      shippingMethod: 'Colissimo',
      shippingFee: 0,
    });
    expect(waived).toMatchObject({ shippingFee: 0, totals: { shipping: 0 } });
    const collected = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 1 }],
      shippingMethod: 'Retrait en magasin',
    });
    expect(collected).toMatchObject({ shippingFee: 0, carrier: null });
  });

  it('defaults the operator to the caller; another staff member may be named, not a viewer or an unknown user', async () => {
    const product = await stocked(5);
    const body = { clientId: client.id, lines: [{ productId: product.id, quantity: 1 }] };
    expect((await createOrder(ctx, manager.token, body)).operatorId).toBe(manager.id);
    const assigned = await createOrder(ctx, manager.token, { ...body, operatorId: operator.id });
    expect(assigned).toMatchObject({ operatorId: operator.id, operatorName: 'Olivier Opérateur' });
    expect((await createOrder(ctx, manager.token, { ...body, operatorId: null })).operatorId).toBe(
      null,
    );
    const before = await orderFootprint(ctx);
    for (const operatorId of [viewer.id, 999_999]) {
      const res = await postOrder(ctx, manager.token, { ...body, operatorId });
      expect(res.statusCode, res.body).toBe(400);
      expect(paths(res)).toEqual(['/operatorId']);
    }
    expect(await orderFootprint(ctx)).toEqual(before);
  });

  it('records the origin: manual by default, as sent, and api for API keys', async () => {
    const product = await stocked(5);
    const body = { clientId: client.id, lines: [{ productId: product.id, quantity: 1 }] };
    expect((await createOrder(ctx, operator.token, body)).origin).toBe('manual');
    for (const origin of ['phone', 'store', 'quick_link', 'import', 'api'])
      expect((await createOrder(ctx, operator.token, { ...body, origin })).origin).toBe(origin);
    const key = (
      await api('POST', '/api-keys', admin.token, { name: 'Boutique en ligne', scopes: ['write'] })
    ).json().secret as string;
    const viaKey = await createOrder(ctx, key, body);
    expect(viaKey).toMatchObject({ origin: 'api', operatorId: null });
    const [created] = await events(ctx, viewer.token, viaKey.id);
    expect(created).toMatchObject({ channel: 'api', data: { origin: 'api' } });
  });

  it('takes the lines from stock at once for an in-progress (counter) sale; untracked products are skipped', async () => {
    const product = await stocked(5);
    const untracked = await createProduct(ctx, manager.token, { trackStock: false });
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      origin: 'store',
      status: 'in_progress',
      lines: [
        { productId: product.id, quantity: 2 },
        { productId: product.id, quantity: 1 },
        { productId: untracked.id, quantity: 4 },
      ],
    });
    expect(order).toMatchObject({
      status: 'in_progress',
      stockState: 'deducted',
      allowedStatuses: ['shipped', 'cancelled'],
    });
    expect(await onHand(ctx, product.id)).toBe(2);
    expect(await orderMovements(ctx, product.id)).toEqual([
      { kind: 'order_deduct', delta: -3, refType: 'order', refId: order.id },
    ]);
    expect(await orderMovements(ctx, untracked.id)).toEqual([]);
    const [created] = await events(ctx, viewer.token, order.id);
    expect(created).toMatchObject({ toStatus: 'in_progress', data: { stock: 'applied' } });
  });
});

describe('POST /orders with a new client', () => {
  const billing = (contact: { phone: string; email: string }) => ({
    name: 'Sophie Marchand',
    company: null,
    email: contact.email,
    phone: contact.phone,
    line1: '8 chemin des Vignes',
    line2: null,
    postalCode: '69380',
    city: 'Lozanne',
    country: 'FR',
  });

  it('creates the client from the billing data in the same transaction', async () => {
    const product = await stocked(5);
    const contact = uniqueContact();
    const before = await orderFootprint(ctx);
    const order = await createOrder(ctx, operator.token, {
      newClient: { name: 'Sophie Marchand', kind: 'individual' },
      billingAddress: billing(contact),
      lines: [{ productId: product.id, quantity: 1 }],
    });
    expect(order.client).toMatchObject({ name: 'Sophie Marchand', status: 'current' });
    expect(order.billingAddress).toEqual(billing(contact));
    const created = (await api('GET', `/clients/${order.client.id}`, viewer.token)).json();
    expect(created).toMatchObject({
      name: 'Sophie Marchand',
      kind: 'individual',
      email: contact.email,
      phoneNational: contact.phone,
      address: {
        line1: '8 chemin des Vignes',
        postalCode: '69380',
        city: 'Lozanne',
        country: 'FR',
      },
      orderCount: 1,
      createdBy: operator.id,
    });
    const after = await orderFootprint(ctx);
    expect(after.clients).toBe(before.clients + 1);
    const [event] = await events(ctx, viewer.token, order.id);
    expect(event!.data).toMatchObject({ newClient: true });
    expect((await auditOf(ctx, 'client', order.client.id)).map((a) => a.action)).toContain(
      'client.create',
    );
    // The same caller is now found by phone.
    const found = await api(
      'GET',
      `/clients/lookup?phone=${encodeURIComponent(contact.phone)}`,
      operator.token,
    );
    expect(found.json().id).toBe(order.client.id);
  });

  it('leaves no client behind when the order fails', async () => {
    const empty = await stocked(0);
    const live = await stocked(3);
    const expired = await api('POST', '/coupons', manager.token, {
      code: 'PERIME',
      kind: 'percent',
      percent: '5',
      validUntil: '2020-01-01T00:00:00.000Z',
    });
    expect(expired.statusCode).toBe(201);
    const failures: [Record<string, unknown>, number, string, string | null][] = [
      [
        { lines: [{ productId: 999_999, quantity: 1 }] },
        400,
        'VALIDATION_FAILED',
        '/lines/0/productId',
      ],
      [
        { status: 'in_progress', lines: [{ productId: empty.id, quantity: 1 }] },
        409,
        'INSUFFICIENT_STOCK',
        null,
      ],
      [
        { couponCode: 'PERIME', lines: [{ productId: live.id, quantity: 1 }] },
        422,
        'COUPON_NOT_APPLICABLE',
        '/couponCode',
      ],
    ];
    for (const [body, status, code, path] of failures) {
      const contact = uniqueContact();
      const before = await orderFootprint(ctx);
      const res = await postOrder(ctx, operator.token, {
        newClient: { name: 'Client fantôme', ...contact },
        ...body,
      });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
      if (path) expect(paths(res)).toContain(path);
      expect(await orderFootprint(ctx)).toEqual(before);
      expect(await ctx.query('SELECT id FROM clients WHERE email = ?', [contact.email])).toEqual(
        [],
      );
    }
  });

  it('refuses a new client whose phone or e-mail another client holds (409), changing nothing', async () => {
    const product = await stocked(3);
    const before = await orderFootprint(ctx);
    const res = await postOrder(ctx, operator.token, {
      newClient: { name: 'Doublon', email: client.email as string },
      lines: [{ productId: product.id, quantity: 1 }],
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DUPLICATE_CLIENT', existingId: client.id });
    expect(await orderFootprint(ctx)).toEqual(before);
  });
});

describe('a prospect and their first order', () => {
  it('makes the prospect a current client, counts the orders, and keeps convertedAt from the first', async () => {
    const prospect = await createClient(ctx, operator.token, {
      name: 'Menuiserie Bois Doré',
      status: 'prospect',
    });
    expect(prospect).toMatchObject({ status: 'prospect', convertedAt: null, orderCount: 0 });
    const product = await stocked(5);
    const first = await createOrder(ctx, operator.token, {
      clientId: prospect.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    expect(first.client.status).toBe('current');
    const converted = (await api('GET', `/clients/${prospect.id}`, viewer.token)).json();
    expect(converted).toMatchObject({ status: 'current', orderCount: 1, convertedBy: operator.id });
    expect(Date.parse(converted.convertedAt)).not.toBeNaN();
    await createOrder(ctx, manager.token, {
      clientId: prospect.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const again = (await api('GET', `/clients/${prospect.id}`, viewer.token)).json();
    expect(again).toMatchObject({ status: 'current', orderCount: 2, convertedBy: operator.id });
    expect(again.convertedAt).toBe(converted.convertedAt);
    expect((await auditOf(ctx, 'client', prospect.id)).map((a) => a.action)).toEqual([
      'client.create',
      'client.convert_first_order',
    ]);
  });
});

describe('order references', () => {
  it('are CMD-<year>-<6 digits>, one after the other', async () => {
    const product = await stocked(5);
    const body = { clientId: client.id, lines: [{ productId: product.id, quantity: 1 }] };
    const a = await createOrder(ctx, operator.token, body);
    const b = await createOrder(ctx, operator.token, body);
    expect(a.reference).toMatch(new RegExp(`^CMD-${year()}-\\d{6}$`));
    expect(seqOf(b.reference)).toBe(seqOf(a.reference) + 1);
    expect(b.reference).toBe(`CMD-${year()}-${String(seqOf(a.reference) + 1).padStart(6, '0')}`);
    // A refused order does not use a number.
    expect(
      (await postOrder(ctx, operator.token, { ...body, paymentMethod: 'Bitcoin' })).statusCode,
    ).toBe(400);
    const c = await createOrder(ctx, operator.token, body);
    expect(seqOf(c.reference)).toBe(seqOf(b.reference) + 1);
  });

  it('follow a custom format saved in the general settings', async () => {
    const product = await stocked(5);
    const body = { clientId: client.id, lines: [{ productId: product.id, quantity: 1 }] };
    const general = async () => (await api('GET', '/settings', admin.token)).json().general;
    const original = (await general()).value;
    const save = async (orderReferenceFormat: string) => {
      const res = await api('PUT', '/settings/general', admin.token, {
        version: (await general()).version,
        value: { ...original, orderReferenceFormat },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    try {
      // Without {year}, one counter for all time, starting at 1.
      await save('BC{seq:4}');
      expect((await createOrder(ctx, operator.token, body)).reference).toBe('BC0001');
      expect((await createOrder(ctx, operator.token, body)).reference).toBe('BC0002');
      expect((await createOrder(ctx, operator.token, body)).reference).toBe('BC0003');
      // With {year}, the year's counter goes on whatever the format.
      await save('CMD-{year}-{seq:6}');
      const cmd = seqOf((await createOrder(ctx, operator.token, body)).reference);
      await save('V{year}/{seq:5}');
      const v = await createOrder(ctx, operator.token, body);
      expect(v.reference).toMatch(new RegExp(`^V${year()}/\\d{5}$`));
      const lookup = await api('GET', `/orders/lookup?reference=${v.reference}`, viewer.token);
      expect(lookup.json().id).toBe(v.id);
      expect(seqOf(v.reference)).toBe(cmd + 1);
    } finally {
      await save(original.orderReferenceFormat);
    }
    expect((await createOrder(ctx, operator.token, body)).reference).toMatch(/^CMD-/);
  });

  it('are gapless and distinct under 20 concurrent creates', async () => {
    const product = await stocked(50);
    const parallel = await parallelApp(ctx, 25);
    try {
      const first = await createOrder(ctx, operator.token, {
        clientId: client.id,
        lines: [{ productId: product.id, quantity: 1 }],
      });
      const responses = await Promise.all(
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
      expect(codes(responses)).toEqual(Array.from({ length: 20 }, () => '201'));
      const numbers = responses.map((r) => seqOf(r.json().reference)).sort((x, y) => x - y);
      expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => seqOf(first.reference) + 1 + i));
      expect(await onHand(ctx, product.id)).toBe(30);
      const last = await createOrder(ctx, operator.token, {
        clientId: client.id,
        lines: [{ productId: product.id, quantity: 1 }],
      });
      expect(seqOf(last.reference)).toBe(seqOf(first.reference) + 21);
    } finally {
      await parallel.close();
    }
  });
});

describe('bad input on create: a clear 4xx and nothing changes', () => {
  let live: Json;
  let archived: Json;
  let inactive: Json;
  let empty: Json;
  let archivedClient: Json;
  beforeAll(async () => {
    live = await stocked(5);
    archived = await stocked(5);
    expect(
      (
        await api('POST', `/products/${archived.id}/archive`, manager.token, {
          version: archived.version,
        })
      ).statusCode,
    ).toBe(200);
    inactive = await stocked(5, { active: false });
    empty = await stocked(0);
    archivedClient = await createClient(ctx, operator.token);
    expect(
      (
        await api('POST', `/clients/${archivedClient.id}/archive`, manager.token, {
          version: archivedClient.version,
        })
      ).statusCode,
    ).toBe(200);
  });
  const line = () => ({ productId: live.id, quantity: 1 });
  const cases: [string, () => Record<string, unknown>, number, string, string | null][] = [
    ['no lines', () => ({ lines: [] }), 400, 'VALIDATION_FAILED', '/lines'],
    [
      'a zero quantity',
      () => ({ lines: [{ productId: live.id, quantity: 0 }] }),
      400,
      'VALIDATION_FAILED',
      '/lines/0/quantity',
    ],
    [
      'a negative quantity',
      () => ({ lines: [line(), { productId: live.id, quantity: -2 }] }),
      400,
      'VALIDATION_FAILED',
      '/lines/1/quantity',
    ],
    [
      'a fractional quantity',
      () => ({ lines: [{ productId: live.id, quantity: 1.5 }] }),
      400,
      'VALIDATION_FAILED',
      '/lines/0/quantity',
    ],
    [
      'an unknown product',
      () => ({ lines: [line(), line(), { productId: 999_999, quantity: 1 }] }),
      400,
      'VALIDATION_FAILED',
      '/lines/2/productId',
    ],
    [
      'an archived product',
      () => ({ lines: [line(), { productId: archived.id, quantity: 1 }] }),
      409,
      'PRODUCT_ARCHIVED',
      '/lines/1/productId',
    ],
    [
      'an inactive product',
      () => ({ lines: [{ productId: inactive.id, quantity: 1 }] }),
      409,
      'PRODUCT_ARCHIVED',
      '/lines/0/productId',
    ],
    [
      'a price sent for a catalogue product',
      () => ({ lines: [{ productId: live.id, quantity: 1, unitPrice: 1 }] }),
      400,
      'VALIDATION_FAILED',
      '/lines/0/unitPrice',
    ],
    [
      'a VAT rate sent for a catalogue product',
      () => ({ lines: [{ productId: live.id, quantity: 1, vatRate: '0' }] }),
      400,
      'VALIDATION_FAILED',
      '/lines/0/vatRate',
    ],
    [
      'a free-text line without a price',
      () => ({ lines: [{ description: 'Main-d’œuvre', quantity: 1, vatRate: '20' }] }),
      400,
      'VALIDATION_FAILED',
      '/lines/0/unitPrice',
    ],
    [
      'a free-text line with a VAT rate not in settings',
      () => ({ lines: [{ description: 'Pose', quantity: 1, unitPrice: 100, vatRate: '7' }] }),
      400,
      'VALIDATION_FAILED',
      '/lines/0/vatRate',
    ],
    [
      'a line with neither product nor description',
      () => ({ lines: [{ quantity: 1, unitPrice: 100, vatRate: '20' }] }),
      400,
      'VALIDATION_FAILED',
      '/lines/0/description',
    ],
    [
      'more than 200 lines',
      () => ({ lines: Array.from({ length: 201 }, line) }),
      400,
      'VALIDATION_FAILED',
      '/lines',
    ],
    [
      'an unknown field',
      () => ({ lines: [line()], rush: true }),
      400,
      'VALIDATION_FAILED',
      '/rush',
    ],
    [
      'an unknown field on a line',
      () => ({ lines: [{ ...line(), price: 1 }] }),
      400,
      'VALIDATION_FAILED',
      '/lines/0/price',
    ],
    [
      'no client at all',
      () => ({ clientId: undefined, lines: [line()] }),
      400,
      'VALIDATION_FAILED',
      '/clientId',
    ],
    [
      'both a client and a new client',
      () => ({ newClient: { name: 'Deux fois' }, lines: [line()] }),
      400,
      'VALIDATION_FAILED',
      '/newClient',
    ],
    [
      'an unknown client',
      () => ({ clientId: 999_999, lines: [line()] }),
      400,
      'VALIDATION_FAILED',
      '/clientId',
    ],
    [
      'an archived client',
      () => ({ clientId: archivedClient.id, lines: [line()] }),
      409,
      'CLIENT_ARCHIVED',
      '/clientId',
    ],
    [
      'a payment method not in settings',
      () => ({ lines: [line()], paymentMethod: 'Bitcoin' }),
      400,
      'VALIDATION_FAILED',
      '/paymentMethod',
    ],
    [
      'a shipping method not in settings',
      () => ({ lines: [line()], shippingMethod: 'Pigeon voyageur' }),
      400,
      'VALIDATION_FAILED',
      '/shippingMethod',
    ],
    [
      'a creation status other than pending or in progress',
      () => ({ lines: [line()], status: 'shipped' }),
      400,
      'VALIDATION_FAILED',
      '/status',
    ],
    [
      'an unknown origin',
      () => ({ lines: [line()], origin: 'fax' }),
      400,
      'VALIDATION_FAILED',
      '/origin',
    ],
    [
      'a separate shipping address left out',
      () => ({ lines: [line()], shippingSameAsBilling: false }),
      400,
      'VALIDATION_FAILED',
      '/shippingAddress',
    ],
    [
      'a negative shipping fee',
      () => ({ lines: [line()], shippingFee: -1 }),
      400,
      'VALIDATION_FAILED',
      '/shippingFee',
    ],
    [
      'an unknown coupon',
      () => ({ lines: [line()], couponCode: 'NOPE' }),
      422,
      'COUPON_NOT_APPLICABLE',
      '/couponCode',
    ],
    [
      'an in-progress sale without stock',
      () => ({ lines: [line(), { productId: empty.id, quantity: 1 }], status: 'in_progress' }),
      409,
      'INSUFFICIENT_STOCK',
      null,
    ],
  ];
  it.each(cases)('refuses %s', async (_title, body, status, code, path) => {
    const before = await orderFootprint(ctx);
    const res = await postOrder(ctx, operator.token, { clientId: client.id, ...body() });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    if (path) expect(paths(res)).toContain(path);
    expect(await orderFootprint(ctx)).toEqual(before);
    expect(await onHand(ctx, live.id)).toBe(5);
  });

  it('names the short products of an in-progress sale', async () => {
    const res = await postOrder(ctx, operator.token, {
      clientId: client.id,
      status: 'in_progress',
      lines: [
        { productId: live.id, quantity: 6 },
        { productId: empty.id, quantity: 2 },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().shortages).toEqual([
      { productId: live.id, sku: live.sku, requested: 6, available: 5 },
      { productId: empty.id, sku: empty.sku, requested: 2, available: 0 },
    ]);
  });

  it('refuses viewers (403) and anonymous callers (401)', async () => {
    const before = await orderFootprint(ctx);
    const body = { clientId: client.id, lines: [line()] };
    expect((await postOrder(ctx, viewer.token, body)).statusCode).toBe(403);
    expect(
      (await ctx.inject({ method: 'POST', url: '/api/v1/orders', payload: body })).statusCode,
    ).toBe(401);
    expect(await orderFootprint(ctx)).toEqual(before);
  });
});

describe('Idempotency-Key on POST /orders', () => {
  const key = () => `order-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const ordersOf = async (clientId: number) =>
    Number(
      (
        await ctx.query<{ n: number }>('SELECT COUNT(*) AS n FROM orders WHERE client_id = ?', [
          clientId,
        ])
      )[0]!.n,
    );

  it('makes exactly one order out of 50 concurrent submits with one key', async () => {
    const buyer = await createClient(ctx, operator.token);
    const product = await stocked(100);
    const idem = key();
    const body = {
      clientId: buyer.id,
      status: 'in_progress',
      lines: [{ productId: product.id, quantity: 2 }],
    };
    const parallel = await parallelApp(ctx, 25);
    let responses;
    try {
      responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          parallel.inject({
            method: 'POST',
            url: '/api/v1/orders',
            token: operator.token,
            headers: { 'idempotency-key': idem },
            payload: body,
          }),
        ),
      );
    } finally {
      await parallel.close();
    }
    const unexpected = codes(responses).filter(
      (c) => c !== '201' && c !== '409 IDEMPOTENCY_IN_PROGRESS',
    );
    expect(unexpected).toEqual([]);
    const created = responses.filter((r) => r.statusCode === 201);
    const fresh = created.filter((r) => r.headers['idempotent-replayed'] === undefined);
    expect(fresh).toHaveLength(1);
    for (const r of created.filter((x) => x.headers['idempotent-replayed'] !== undefined)) {
      expect(r.headers['idempotent-replayed']).toBe('true');
      expect(r.json()).toEqual(fresh[0]!.json());
    }
    for (const r of responses.filter((x) => x.statusCode === 409))
      expect(r.headers['retry-after']).toBe('1');
    expect(await ordersOf(buyer.id)).toBe(1);
    expect(await onHand(ctx, product.id)).toBe(98);

    // Later, the same submit replays the first answer.
    const replay = await postOrder(ctx, operator.token, body, { 'Idempotency-Key': idem });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(fresh[0]!.json());
    expect(await ordersOf(buyer.id)).toBe(1);
    expect(await onHand(ctx, product.id)).toBe(98);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body', async () => {
    const product = await stocked(10);
    const idem = key();
    const body = { clientId: client.id, lines: [{ productId: product.id, quantity: 1 }] };
    expect(
      (await postOrder(ctx, operator.token, body, { 'Idempotency-Key': idem })).statusCode,
    ).toBe(201);
    // The same body with keys in another order is the same request.
    const reordered = { lines: body.lines, clientId: client.id };
    expect(
      (await postOrder(ctx, operator.token, reordered, { 'Idempotency-Key': idem })).headers[
        'idempotent-replayed'
      ],
    ).toBe('true');
    const before = await orderFootprint(ctx);
    const res = await postOrder(
      ctx,
      operator.token,
      { ...body, lines: [{ productId: product.id, quantity: 2 }] },
      { 'Idempotency-Key': idem },
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await orderFootprint(ctx)).toEqual(before);
  });

  it('releases the key of a failed request, so the corrected retry goes through', async () => {
    const buyer = await createClient(ctx, operator.token);
    const product = await stocked(1);
    const idem = key();
    const body = {
      clientId: buyer.id,
      status: 'in_progress',
      lines: [{ productId: product.id, quantity: 3 }],
    };
    const before = await orderFootprint(ctx);
    const short = await postOrder(ctx, operator.token, body, { 'Idempotency-Key': idem });
    expect(short.statusCode).toBe(409);
    expect(short.json().code).toBe('INSUFFICIENT_STOCK');
    expect(await orderFootprint(ctx)).toEqual(before);
    // The same failure again is not a replay: it runs again.
    const again = await postOrder(ctx, operator.token, body, { 'Idempotency-Key': idem });
    expect(again.statusCode).toBe(409);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    await receive(ctx, manager.token, supplier.id, [{ productId: product.id, quantity: 2 }]);
    const ok = await postOrder(ctx, operator.token, body, { 'Idempotency-Key': idem });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
    const replay = await postOrder(ctx, operator.token, body, { 'Idempotency-Key': idem });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(ok.json().id);
    expect(await ordersOf(buyer.id)).toBe(1);
    expect(await onHand(ctx, product.id)).toBe(0);
  });

  it('keeps keys per caller: the same key from two users makes two orders', async () => {
    const buyer = await createClient(ctx, operator.token);
    const product = await stocked(10);
    const idem = key();
    const body = { clientId: buyer.id, lines: [{ productId: product.id, quantity: 1 }] };
    const a = await postOrder(ctx, operator.token, body, { 'Idempotency-Key': idem });
    const b = await postOrder(ctx, manager.token, body, { 'Idempotency-Key': idem });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(a.json().id).not.toBe(b.json().id);
    expect(b.json().operatorId).toBe(manager.id);
    expect(await ordersOf(buyer.id)).toBe(2);
  });

  it('refuses a key shorter than 8 characters', async () => {
    const before = await orderFootprint(ctx);
    const res = await postOrder(
      ctx,
      operator.token,
      {
        clientId: client.id,
        lines: [{ description: 'x', quantity: 1, unitPrice: 1, vatRate: '20' }],
      },
      { 'Idempotency-Key': 'abc' },
    );
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['/headers/idempotency-key']);
    expect(await orderFootprint(ctx)).toEqual(before);
  });
});

describe('PATCH /orders/:id', () => {
  it('records a field-level diff for each change, with the reason, and bumps the version', async () => {
    const product = await stocked(20);
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 2 }],
      tags: ['web'],
    });
    const res = await patch(order.id, {
      version: order.version,
      reason: 'Le client a rappelé',
      carrier: 'DHL',
      trackingCode: 'JD0146',
      tags: ['web', 'rappel'],
      internalNote: 'Sonner deux fois',
      requestedDeliveryDate: '2027-01-15',
      lines: [{ id: order.lines[0]!.id, quantity: 5 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json();
    expect(edited).toMatchObject({
      version: order.version + 1,
      carrier: 'DHL',
      trackingCode: 'JD0146',
      trackingUrl: 'https://www.dhl.com/fr-fr/home/suivi.html?tracking-id=JD0146',
      tags: ['web', 'rappel'],
      internalNote: 'Sonner deux fois',
      requestedDeliveryDate: '2027-01-15',
      lines: [{ id: order.lines[0]!.id, quantity: 5, unitPrice: 1000, total: 5000 }],
    });
    expect(edited.totals.total).toBeGreaterThan(order.totals.total);
    const timeline = await events(ctx, viewer.token, order.id);
    expect(timeline.map((e) => e.type)).toEqual(['created', 'edit']);
    const edit = timeline[1]!;
    expect(edit).toMatchObject({
      actorId: operator.id,
      channel: 'web',
      comment: 'Le client a rappelé',
    });
    const diff = Object.fromEntries(edit.changes.map((c) => [c.field, [c.before, c.after]]));
    expect(diff).toEqual({
      carrier: [null, 'DHL'],
      trackingCode: [null, 'JD0146'],
      tags: [['web'], ['web', 'rappel']],
      internalNote: [null, 'Sonner deux fois'],
      requestedDeliveryDate: [null, '2027-01-15'],
      [`lines[${product.sku}].quantity`]: [2, 5],
      total: [order.totals.total, edited.totals.total],
    });
    // A search on the new tracking code finds it.
    const found = (await api('GET', '/orders?q=JD0146', viewer.token)).json();
    expect(found.items.map((o: Json) => o.id)).toEqual([order.id]);
  });

  it('writes nothing for an edit that changes nothing', async () => {
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ description: 'Étude', quantity: 1, unitPrice: 10000, vatRate: '20' }],
      carrier: 'DHL',
    });
    const before = await orderFootprint(ctx);
    const res = await patch(order.id, { version: order.version, carrier: 'DHL' });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(order.version);
    expect(await orderFootprint(ctx)).toEqual(before);
  });

  it('answers 409 VERSION_CONFLICT to a stale version and changes nothing', async () => {
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ description: 'Étude', quantity: 1, unitPrice: 10000, vatRate: '20' }],
    });
    const first = await patch(order.id, { version: order.version, carrier: 'DHL' });
    expect(first.statusCode).toBe(200);
    const before = await orderFootprint(ctx);
    const stale = await patch(order.id, { version: order.version, carrier: 'Chronopost' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    expect(await orderFootprint(ctx)).toEqual(before);
    expect((await getOrder(ctx, viewer.token, order.id)).carrier).toBe('DHL');
  });

  it('keeps the price snapshot of existing lines; new lines take today’s price', async () => {
    const product = await stocked(20, { unitPrice: 1000 });
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const priced = await api('PATCH', `/products/${product.id}`, manager.token, {
      version: product.version,
      unitPrice: 1200,
    });
    expect(priced.statusCode, priced.body).toBe(200);
    const res = await patch(order.id, {
      version: order.version,
      lines: [
        { id: order.lines[0]!.id, quantity: 2, discountRate: '5' },
        { productId: product.id, quantity: 1 },
        { description: 'Livraison à l’étage', quantity: 1, unitPrice: 1500, vatRate: '10' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lines).toMatchObject([
      { id: order.lines[0]!.id, unitPrice: 1000, quantity: 2, discountRate: '5.00', total: 1900 },
      { productId: product.id, unitPrice: 1200, quantity: 1, total: 1200 },
      { productId: null, name: 'Livraison à l’étage', unitPrice: 1500, vatRate: '10' },
    ]);
    const edit = (await events(ctx, viewer.token, order.id)).at(-1)!;
    expect(edit.changes.map((c) => c.field)).toEqual([
      `lines[${product.sku}].quantity`,
      `lines[${product.sku}].discountRate`,
      `lines[${product.sku}]`,
      'lines[Livraison à l’étage]',
      'total',
    ]);
    // A free-text line's price may change; removing a line is recorded too.
    const current = res.json();
    const again = await patch(current.id, {
      version: current.version,
      lines: [
        { id: current.lines[0].id, quantity: 2 },
        { id: current.lines[2].id, quantity: 1, unitPrice: 1000 },
      ],
    });
    expect(again.statusCode, again.body).toBe(200);
    const last = (await events(ctx, viewer.token, order.id)).at(-1)!;
    expect(last.changes).toEqual(
      expect.arrayContaining([
        { field: `lines[${product.sku}]`, before: `1 × ${product.name}`, after: null },
        { field: 'lines[Livraison à l’étage].unitPrice', before: 1500, after: 1000 },
      ]),
    );
  });

  it('reopens the balance of a paid order whose total goes up, and says so in the diff', async () => {
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ description: 'Étude', quantity: 1, unitPrice: 10000, vatRate: '20' }],
    });
    const paid = await api('POST', `/orders/${order.id}/payments`, operator.token, {
      amount: order.totals.total,
      method: 'Virement',
    });
    expect(paid.json().paymentStatus).toBe('paid');
    const res = await patch(order.id, {
      version: paid.json().version,
      lines: [{ id: order.lines[0]!.id, quantity: 2 }],
    });
    expect(res.json()).toMatchObject({ paymentStatus: 'unpaid', paidAmount: order.totals.total });
    const edit = (await events(ctx, viewer.token, order.id)).at(-1)!;
    expect(edit.changes).toEqual([
      { field: 'lines[Étude].quantity', before: 1, after: 2 },
      { field: 'total', before: 12000, after: 24000 },
      { field: 'paymentStatus', before: 'paid', after: 'unpaid' },
    ]);
    const back = await patch(order.id, {
      version: res.json().version,
      lines: [{ id: order.lines[0]!.id, quantity: 1 }],
    });
    expect(back.json().paymentStatus).toBe('paid');
  });

  it('applies a coupon and the shipping fee with the totals recomputed', async () => {
    expect(
      (
        await api('POST', '/coupons', manager.token, {
          code: 'PATCH5',
          kind: 'amount',
          amount: 500,
        })
      ).statusCode,
    ).toBe(201);
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ description: 'Étude', quantity: 1, unitPrice: 10000, vatRate: '20' }],
    });
    const res = await patch(order.id, {
      version: order.version,
      couponCode: 'patch5',
      shippingMethod: 'Colissimo',
      shippingFee: 690,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      couponCode: 'PATCH5',
      shippingMethod: 'Colissimo',
      shippingFee: 690,
      totals: { couponDiscount: 500, shipping: 690, net: 10190, total: 12228 },
    });
    const removed = await patch(order.id, { version: res.json().version, couponCode: null });
    expect(removed.json()).toMatchObject({ couponCode: null, totals: { couponDiscount: 0 } });
  });

  describe('on an order whose lines were taken from stock', () => {
    let a: Json;
    let b: Json;
    let c: Json;
    let order: OrderJson;
    beforeAll(async () => {
      a = await stocked(10);
      b = await stocked(10);
      c = await stocked(10);
      order = await createOrder(ctx, operator.token, {
        clientId: client.id,
        status: 'in_progress',
        lines: [
          { productId: a.id, quantity: 3 },
          { productId: b.id, quantity: 3 },
          { productId: c.id, quantity: 3 },
        ],
      });
    });
    const stock = async () => [
      await onHand(ctx, a.id),
      await onHand(ctx, b.id),
      await onHand(ctx, c.id),
    ];

    it('moves only the difference: more takes, less gives back, a removed line gives back, a new line takes', async () => {
      const d = await stocked(10);
      expect(await stock()).toEqual([7, 7, 7]);
      const res = await patch(order.id, {
        version: order.version,
        lines: [
          { id: order.lines[0]!.id, quantity: 5 },
          { id: order.lines[1]!.id, quantity: 1 },
          { productId: d.id, quantity: 4 },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      order = res.json();
      expect(order.stockState).toBe('deducted');
      expect(await stock()).toEqual([5, 9, 10]);
      expect(await onHand(ctx, d.id)).toBe(6);
      const moved = async (p: Json) =>
        (await orderMovements(ctx, p.id)).map((m) => [m.kind, m.delta]);
      expect(await moved(a)).toEqual([
        ['order_deduct', -3],
        ['order_deduct', -2],
      ]);
      expect(await moved(b)).toEqual([
        ['order_deduct', -3],
        ['order_restore', 2],
      ]);
      expect(await moved(c)).toEqual([
        ['order_deduct', -3],
        ['order_restore', 3],
      ]);
      expect(await moved(d)).toEqual([['order_deduct', -4]]);
      // Changing only the line discount moves nothing.
      const before = await orderFootprint(ctx);
      const discount = await patch(order.id, {
        version: order.version,
        lines: order.lines.map((l) => ({ id: l.id, quantity: l.quantity, discountRate: '3' })),
      });
      expect(discount.statusCode, discount.body).toBe(200);
      order = discount.json();
      expect((await orderFootprint(ctx)).movements).toBe(before.movements);
    });

    it('refuses an increase beyond the stock (409 with the shortage) and changes nothing', async () => {
      const before = await orderFootprint(ctx);
      const res = await patch(order.id, {
        version: order.version,
        lines: [
          { id: order.lines[0]!.id, quantity: 5 + 6 },
          ...order.lines.slice(1).map((l) => ({ id: l.id, quantity: l.quantity })),
        ],
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'INSUFFICIENT_STOCK',
        shortages: [{ productId: a.id, sku: a.sku, requested: 6, available: 5 }],
      });
      expect(await orderFootprint(ctx)).toEqual(before);
      expect(await getOrder(ctx, viewer.token, order.id)).toEqual(order);
    });

    it('lets only a manager change the lines once shipped; other fields stay open to operators', async () => {
      const shipped = await moveTo(ctx, operator.token, order.id, ['shipped']);
      const before = await orderFootprint(ctx);
      const lines = shipped.lines.map((l) => ({ id: l.id, quantity: l.quantity + 1 }));
      const denied = await patch(order.id, { version: shipped.version, lines });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('FORBIDDEN');
      expect(await orderFootprint(ctx)).toEqual(before);
      const note = await patch(order.id, { version: shipped.version, internalNote: 'Colis 2/2' });
      expect(note.statusCode, note.body).toBe(200);
      const allowed = await patch(order.id, { version: note.json().version, lines }, manager.token);
      expect(allowed.statusCode, allowed.body).toBe(200);
      expect(await onHand(ctx, a.id)).toBe(4);
      order = allowed.json();
    });
  });

  it('answers 409 ORDER_LOCKED on completed and cancelled orders', async () => {
    const product = await stocked(10);
    const body = { clientId: client.id, lines: [{ productId: product.id, quantity: 1 }] };
    const completed = await createOrder(ctx, operator.token, body);
    await moveTo(ctx, operator.token, completed.id, ['in_progress', 'shipped', 'completed']);
    const cancelled = await createOrder(ctx, operator.token, body);
    await moveTo(ctx, operator.token, cancelled.id, ['cancelled']);
    for (const o of [completed, cancelled]) {
      const current = await getOrder(ctx, viewer.token, o.id);
      const before = await orderFootprint(ctx);
      for (const change of [
        { internalNote: 'trop tard' },
        { lines: [{ id: o.lines[0]!.id, quantity: 2 }] },
      ]) {
        const res = await patch(o.id, { version: current.version, ...change }, manager.token);
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().code).toBe('ORDER_LOCKED');
      }
      expect(await orderFootprint(ctx)).toEqual(before);
    }
  });

  describe('bad input: a clear 4xx and nothing changes', () => {
    let product: Json;
    let archived: Json;
    let order: OrderJson;
    beforeAll(async () => {
      product = await stocked(10);
      archived = await stocked(10);
      await api('POST', `/products/${archived.id}/archive`, manager.token, {
        version: archived.version,
      });
      order = await createOrder(ctx, operator.token, {
        clientId: client.id,
        lines: [{ productId: product.id, quantity: 2 }],
      });
      expect(
        (
          await api('POST', '/coupons', manager.token, {
            code: 'VIEUX',
            kind: 'percent',
            percent: '5',
            validUntil: '2021-01-01T00:00:00.000Z',
          })
        ).statusCode,
      ).toBe(201);
    });
    const keep = () => ({ id: order.lines[0]!.id, quantity: 2 });
    const cases: [string, () => Record<string, unknown>, number, string, string | null][] = [
      [
        'a price sent for an existing product line',
        () => ({ lines: [{ ...keep(), unitPrice: 1 }] }),
        400,
        'VALIDATION_FAILED',
        '/lines/0/unitPrice',
      ],
      [
        'a price sent for a new product line',
        () => ({ lines: [keep(), { productId: product.id, quantity: 1, unitPrice: 1 }] }),
        400,
        'VALIDATION_FAILED',
        '/lines/1/unitPrice',
      ],
      [
        'a zero quantity',
        () => ({ lines: [{ ...keep(), quantity: 0 }] }),
        400,
        'VALIDATION_FAILED',
        '/lines/0/quantity',
      ],
      [
        'a negative quantity',
        () => ({ lines: [{ ...keep(), quantity: -1 }] }),
        400,
        'VALIDATION_FAILED',
        '/lines/0/quantity',
      ],
      [
        'an unknown product',
        () => ({ lines: [keep(), { productId: 999_999, quantity: 1 }] }),
        400,
        'VALIDATION_FAILED',
        '/lines/1/productId',
      ],
      [
        'an archived product',
        () => ({ lines: [keep(), { productId: archived.id, quantity: 1 }] }),
        409,
        'PRODUCT_ARCHIVED',
        '/lines/1/productId',
      ],
      [
        'a line id of another order',
        () => ({ lines: [{ id: 999_999, quantity: 1 }] }),
        400,
        'VALIDATION_FAILED',
        '/lines/0/id',
      ],
      [
        'the same line twice',
        () => ({ lines: [keep(), keep()] }),
        400,
        'VALIDATION_FAILED',
        '/lines/1/id',
      ],
      [
        'another product on an existing line',
        () => ({ lines: [{ ...keep(), productId: archived.id }] }),
        400,
        'VALIDATION_FAILED',
        '/lines/0/productId',
      ],
      ['no lines', () => ({ lines: [] }), 400, 'VALIDATION_FAILED', '/lines'],
      [
        'more than 200 lines',
        () => ({
          lines: [
            keep(),
            ...Array.from({ length: 200 }, () => ({ productId: product.id, quantity: 1 })),
          ],
        }),
        400,
        'VALIDATION_FAILED',
        '/lines',
      ],
      ['an unknown field', () => ({ status: 'shipped' }), 400, 'VALIDATION_FAILED', '/status'],
      [
        'no version',
        () => ({ version: undefined, carrier: 'DHL' }),
        400,
        'VALIDATION_FAILED',
        '/version',
      ],
      [
        'a payment method not in settings',
        () => ({ paymentMethod: 'Troc' }),
        400,
        'VALIDATION_FAILED',
        '/paymentMethod',
      ],
      [
        'a shipping method not in settings',
        () => ({ shippingMethod: 'Drone' }),
        400,
        'VALIDATION_FAILED',
        '/shippingMethod',
      ],
      [
        'a viewer as operator',
        () => ({ operatorId: viewer.id }),
        400,
        'VALIDATION_FAILED',
        '/operatorId',
      ],
      [
        'an expired coupon',
        () => ({ couponCode: 'VIEUX' }),
        422,
        'COUPON_NOT_APPLICABLE',
        '/couponCode',
      ],
      [
        'a separate shipping address left out',
        () => ({ shippingSameAsBilling: false }),
        400,
        'VALIDATION_FAILED',
        '/shippingAddress',
      ],
      [
        'a malformed delivery date',
        () => ({ requestedDeliveryDate: '15/01/2027' }),
        400,
        'VALIDATION_FAILED',
        '/requestedDeliveryDate',
      ],
    ];
    it.each(cases)('refuses %s', async (_title, body, status, code, path) => {
      const before = await orderFootprint(ctx);
      const res = await patch(order.id, { version: order.version, ...body() });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
      if (path) expect(paths(res)).toContain(path);
      expect(await orderFootprint(ctx)).toEqual(before);
      expect(await getOrder(ctx, viewer.token, order.id)).toEqual(order);
    });

    it('answers 404 for an unknown order and 403 to a viewer', async () => {
      const before = await orderFootprint(ctx);
      expect((await patch(999_999, { version: 1, carrier: 'DHL' })).statusCode).toBe(404);
      expect(
        (await patch(order.id, { version: order.version, carrier: 'DHL' }, viewer.token))
          .statusCode,
      ).toBe(403);
      expect(await orderFootprint(ctx)).toEqual(before);
    });
  });
});

describe('POST /orders/:id/notes', () => {
  it('adds an internal note to the timeline; viewers may read, not write', async () => {
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ description: 'Conseil', quantity: 1, unitPrice: 0, vatRate: '20' }],
    });
    const res = await api('POST', `/orders/${order.id}/notes`, operator.token, {
      text: '  Client absent le lundi. ',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      orderId: order.id,
      type: 'note',
      channel: 'web',
      actorId: operator.id,
      comment: 'Client absent le lundi.',
      changes: [],
    });
    const timeline = await events(ctx, viewer.token, order.id);
    expect(timeline.map((e) => e.type)).toEqual(['created', 'note']);
    expect(timeline[1]).toEqual(res.json());
    expect((await auditOf(ctx, 'order', order.id)).map((a) => a.action)).toContain('order.note');
    // The note is not an edit: the version stays.
    expect((await getOrder(ctx, viewer.token, order.id)).version).toBe(order.version);

    const before = await orderFootprint(ctx);
    const denied = await api('POST', `/orders/${order.id}/notes`, viewer.token, { text: 'Coucou' });
    expect(denied.statusCode).toBe(403);
    const blank = await api('POST', `/orders/${order.id}/notes`, operator.token, { text: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(paths(blank)).toEqual(['/text']);
    const missing = await api('POST', '/orders/999999/notes', operator.token, { text: 'Perdu' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ORDER_NOT_FOUND');
    expect(await orderFootprint(ctx)).toEqual(before);
    expect((await api('GET', '/orders/999999/events', viewer.token)).statusCode).toBe(404);
  });
});

describe('the orders settings section', () => {
  it('lets an admin save payment and shipping methods and carriers, which orders then use', async () => {
    const saved = await saveOrdersSettings(ctx, admin.token, {
      paymentMethods: ['Carte bancaire', 'Virement', 'Espèces', 'Chèque', 'Mandat administratif'],
      shippingMethods: [
        { name: 'Retrait en magasin', fee: 0, carrier: null },
        { name: 'Colissimo', fee: 690, carrier: 'La Poste' },
        { name: 'Chronopost 24h', fee: 1290, carrier: 'Chronopost' },
        { name: 'Coursier Lyon', fee: 1500, carrier: 'Stuart' },
      ],
      carriers: [
        {
          name: 'La Poste',
          trackingUrlTemplate: 'https://www.laposte.fr/outils/suivre-vos-envois?code={code}',
        },
        {
          name: 'Chronopost',
          trackingUrlTemplate:
            'https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={code}',
        },
        {
          name: 'DHL',
          trackingUrlTemplate: 'https://www.dhl.com/fr-fr/home/suivi.html?tracking-id={code}',
        },
        { name: 'Stuart', trackingUrlTemplate: 'https://stuart.example/t/{code}' },
      ],
    });
    expect(saved.value.shippingMethods).toHaveLength(4);
    const options = (await api('GET', '/orders/options', viewer.token)).json();
    expect(options.paymentMethods).toContain('Mandat administratif');
    expect(options.shippingMethods).toContainEqual({
      name: 'Coursier Lyon',
      fee: 1500,
      carrier: 'Stuart',
    });
    expect(options).toMatchObject({ currency: 'EUR', defaultVatRate: '20' });
    const product = await stocked(3);
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      status: 'in_progress',
      lines: [{ productId: product.id, quantity: 1 }],
      shippingMethod: 'Coursier Lyon',
      paymentMethod: 'Mandat administratif',
    });
    expect(order).toMatchObject({ shippingFee: 1500, carrier: 'Stuart' });
    const shipped = await moveTo(ctx, operator.token, order.id, ['shipped'], {
      trackingCode: 'LY 42/7',
    });
    expect(shipped.trackingUrl).toBe('https://stuart.example/t/LY%2042%2F7');
  });

  it('refuses duplicate names and tracking URLs without {code} (400), and anyone but an admin (403)', async () => {
    const current = (await api('GET', '/settings', admin.token)).json().orders;
    const put = (value: Record<string, unknown>, token = admin.token) =>
      api('PUT', '/settings/orders', token, {
        version: current.version,
        value: { ...current.value, ...value },
      });
    const dupMethod = await put({
      shippingMethods: [
        { name: 'Colissimo', fee: 690, carrier: 'La Poste' },
        { name: ' colissimo ', fee: 0, carrier: null },
      ],
    });
    expect(dupMethod.statusCode).toBe(400);
    expect(paths(dupMethod)).toEqual(['/value/shippingMethods/1/name']);
    const dupCarrier = await put({
      carriers: [
        { name: 'DHL', trackingUrlTemplate: null },
        { name: 'dhl', trackingUrlTemplate: null },
      ],
    });
    expect(dupCarrier.statusCode).toBe(400);
    expect(paths(dupCarrier)).toEqual(['/value/carriers/1/name']);
    const noCode = await put({
      carriers: [{ name: 'DHL', trackingUrlTemplate: 'https://www.dhl.com/suivi' }],
    });
    expect(noCode.statusCode).toBe(400);
    expect(paths(noCode)).toEqual(['/value/carriers/0/trackingUrlTemplate']);
    const dupPayment = await put({ paymentMethods: ['Espèces', 'Espèces'] });
    expect(dupPayment.statusCode).toBe(400);
    const negativeFee = await put({
      shippingMethods: [{ name: 'Colissimo', fee: -1, carrier: null }],
    });
    expect(negativeFee.statusCode).toBe(400);
    for (const user of [manager, operator, viewer]) {
      const res = await put({ paymentMethods: ['Espèces'] }, user.token);
      expect(res.statusCode).toBe(403);
    }
    expect((await api('GET', '/settings', admin.token)).json().orders).toEqual(current);
  });
});

describe('audit', () => {
  it('writes an audit row for each create, edit, status change, payment and refund', async () => {
    const product = await stocked(5);
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 2 }],
    });
    const edited = await patch(order.id, { version: order.version, carrier: 'DHL' });
    expect(edited.statusCode).toBe(200);
    await moveTo(ctx, operator.token, order.id, ['in_progress']);
    const paid = await api('POST', `/orders/${order.id}/payments`, operator.token, {
      amount: order.totals.total,
      method: 'Espèces',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const refunded = await api('POST', `/orders/${order.id}/refunds`, manager.token, {
      amount: 100,
      reason: 'Geste commercial',
    });
    expect(refunded.statusCode, refunded.body).toBe(200);
    const rows = await auditOf(ctx, 'order', order.id);
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ['order.create', operator.id],
      ['order.update', operator.id],
      ['order.status', operator.id],
      ['order.payment', operator.id],
      ['order.refund', manager.id],
    ]);
    expect(rows[1]!.after).toMatchObject({
      changes: [{ field: 'carrier', before: null, after: 'DHL' }],
    });
    expect(rows[2]).toMatchObject({
      before: { status: 'pending', stockState: 'none' },
      after: { status: 'in_progress', stockState: 'deducted', stock: 'applied' },
    });
    expect(rows[3]!.after).toMatchObject({ paymentStatus: 'paid', amount: order.totals.total });
    expect(rows[4]!.after).toMatchObject({ paymentStatus: 'partially_refunded', amount: 100 });
    // The audit API shows the same rows to an admin.
    const listed = await api('GET', `/audit?entity=order&entityId=${order.id}`, admin.token);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toHaveLength(5);
    expect(await countRows(ctx, 'audit_log')).toBeGreaterThan(5);
  });
});
