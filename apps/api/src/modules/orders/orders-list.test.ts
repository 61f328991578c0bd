import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BULK_LIMIT } from '@gestco/contract';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import {
  api as apiOf,
  createSupplier,
  ledgerMismatches,
  onHand,
  paths,
  type Json,
} from '../../../test/catalogue.ts';
import {
  createClient,
  createOrder,
  events,
  getOrder,
  moveTo,
  orderFootprint,
  stockedProduct,
  type OrderJson,
} from '../../../test/orders.ts';

let ctx: TestContext;
let admin: TestUser;
let manager: TestUser;
let operator: TestUser;
let viewer: TestUser;
let api: ReturnType<typeof apiOf>;
let supplier: Json;

beforeAll(async () => {
  ctx = await createTestContext();
  api = apiOf(ctx);
  admin = await ctx.createUser('admin');
  manager = await ctx.createUser('manager', { name: 'Marion Manager' });
  operator = await ctx.createUser('operator', { name: 'Olivier Opérateur' });
  viewer = await ctx.createUser('viewer');
  supplier = await createSupplier(ctx, manager.token, { name: 'Hager' });
});
afterAll(() => ctx.close());
afterEach(async () => {
  expect(await ledgerMismatches(ctx)).toEqual([]);
});

interface Page {
  items: (Json & { reference: string; total: number; status: string })[];
  nextCursor: string | null;
  total: number | '10000+' | null;
}
const list = async (query: string, token = viewer.token): Promise<Page> => {
  const res = await api('GET', `/orders?${query}`, token);
  expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
  return res.json();
};
const day = (d: number, month = 1) => new Date(Date.UTC(2026, month - 1, d, 10)).toISOString();

describe('GET /orders: finding orders', () => {
  let eclair: Json;
  let moreau: Json;
  let centrale: Json;
  const orders: OrderJson[] = [];
  /** What the list should answer, from the orders as created (newest first). */
  const expected = (keep: (o: OrderJson, i: number) => boolean) =>
    orders
      .map((o, i) => [o, i] as const)
      .filter(([o, i]) => keep(o, i))
      .map(([o]) => o.id)
      .reverse();
  const ids = async (query: string) => (await list(query)).items.map((o) => o.id);

  beforeAll(async () => {
    eclair = await createClient(ctx, operator.token, {
      name: 'Boulangerie Éclair',
      phone: '06 12 34 56 78',
      email: 'contact@eclair.fr',
    });
    moreau = await createClient(ctx, operator.token, {
      name: 'Garage Moreau',
      phone: '04 72 00 11 22',
      email: 'atelier@garage-moreau.fr',
    });
    centrale = await createClient(ctx, operator.token, {
      name: 'Pharmacie Centrale',
      phone: '05 56 44 33 22',
      email: 'officine@centrale.fr',
    });
    const product = await stockedProduct(ctx, manager.token, supplier.id, 1000, {
      unitPrice: 1000,
      vatRate: '20',
    });
    // Twelve orders: [client, quantity, path, origin, payment, shipping, tags, operator]
    const specs: [Json, number, string[], string, string, string, string[], TestUser][] = [
      [eclair, 1, [], 'phone', 'Carte bancaire', 'Colissimo', ['vip'], operator],
      [eclair, 5, ['in_progress'], 'manual', 'Virement', 'Retrait en magasin', [], operator],
      [
        moreau,
        2,
        ['in_progress', 'shipped'],
        'store',
        'Espèces',
        'Retrait en magasin',
        ['vip', 'pro'],
        manager,
      ],
      [
        moreau,
        10,
        ['in_progress', 'shipped', 'completed'],
        'phone',
        'Virement',
        'Chronopost 24h',
        ['pro'],
        manager,
      ],
      [centrale, 3, ['cancelled'], 'api', 'Chèque', 'Colissimo', [], operator],
      [centrale, 7, [], 'phone', 'Carte bancaire', 'Chronopost 24h', ['vip'], manager],
      [eclair, 4, ['in_progress'], 'import', 'Chèque', 'Colissimo', ['pro'], operator],
      [moreau, 6, [], 'manual', 'Espèces', 'Retrait en magasin', [], operator],
      [
        centrale,
        9,
        ['in_progress', 'shipped'],
        'phone',
        'Virement',
        'Colissimo',
        ['vip'],
        operator,
      ],
      [eclair, 8, ['cancelled'], 'store', 'Carte bancaire', 'Retrait en magasin', ['pro'], manager],
      [moreau, 12, [], 'quick_link', 'Virement', 'Chronopost 24h', [], manager],
      [
        centrale,
        11,
        ['in_progress'],
        'phone',
        'Espèces',
        'Retrait en magasin',
        ['vip', 'pro'],
        operator,
      ],
    ];
    for (const [client, quantity, path, origin, paymentMethod, shippingMethod, tags, by] of specs) {
      const created = await createOrder(ctx, by.token, {
        clientId: client.id,
        lines: [{ productId: product.id, quantity }],
        origin,
        paymentMethod,
        shippingMethod,
        tags,
      });
      await moveTo(ctx, by.token, created.id, path);
      orders.push(await getOrder(ctx, viewer.token, created.id));
    }
    // Two orders paid: one in full, one partly.
    for (const [o, amount] of [
      [orders[3]!, orders[3]!.totals.total],
      [orders[8]!, 100],
    ] as const) {
      const res = await api('POST', `/orders/${o.id}/payments`, operator.token, {
        amount,
        method: 'Virement',
      });
      expect(res.statusCode).toBe(200);
    }
    // One order a day in January, touched a day later in February.
    // (Orders 7 and 8, indexes 6 and 7, share their creation time.)
    for (const [i, o] of orders.entries())
      await ctx.query('UPDATE orders SET created_at = ?, updated_at = ? WHERE id = ?', [
        new Date(day(i === 7 ? 7 : i + 1)),
        new Date(day(i + 2, 2)),
        o.id,
      ]);
    orders.splice(
      0,
      orders.length,
      ...(await Promise.all(orders.map((o) => getOrder(ctx, viewer.token, o.id)))),
    );
  });

  it('lists every order newest first, as summary rows, with the exact total', async () => {
    const page = await list('');
    expect(page.total).toBe(12);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((o) => o.id)).toEqual(expected(() => true));
    const third = orders[2]!;
    expect(page.items.find((o) => o.id === third.id)).toEqual({
      id: third.id,
      reference: third.reference,
      clientId: moreau.id,
      clientName: 'Garage Moreau',
      clientCode: moreau.code,
      operatorId: manager.id,
      operatorName: 'Marion Manager',
      origin: 'store',
      status: 'shipped',
      paymentStatus: 'unpaid',
      paymentMethod: 'Espèces',
      shippingMethod: 'Retrait en magasin',
      total: third.totals.total,
      currency: 'EUR',
      lineCount: 1,
      tags: ['vip', 'pro'],
      requestedDeliveryDate: null,
      createdAt: day(3),
      updatedAt: day(4, 2),
      version: third.version,
    });
  });

  it('filters by free text: client name (accents and case ignored), reference, phone in any format, e-mail', async () => {
    const ofEclair = expected((o) => o.client.id === eclair.id);
    expect(await ids('q=eclair')).toEqual(ofEclair);
    expect(await ids(`q=${encodeURIComponent('BOULANGERIE Éclair')}`)).toEqual(ofEclair);
    expect(await ids('q=boulang')).toEqual(ofEclair);
    expect(await ids(`q=${encodeURIComponent('06 12 34 56 78')}`)).toEqual(ofEclair);
    expect(await ids('q=0612345678')).toEqual(ofEclair);
    expect(await ids(`q=${encodeURIComponent('+33 6 12 34 56 78')}`)).toEqual(ofEclair);
    expect(await ids('q=atelier%40garage-moreau.fr')).toEqual(
      expected((o) => o.client.id === moreau.id),
    );
    expect(await ids(`q=${moreau.code}`)).toEqual(expected((o) => o.client.id === moreau.id));
    const fifth = orders[4]!;
    expect(await ids(`q=${fifth.reference}`)).toEqual([fifth.id]);
    expect(await ids(`q=${fifth.reference.toLowerCase()}`)).toEqual([fifth.id]);
    // Typed without its dashes, the reference is still found.
    expect(await ids(`q=${fifth.reference.replaceAll('-', '')}`)).toEqual([fifth.id]);
    expect(await ids(`q=${fifth.reference.slice(0, -1)}`)).toEqual(
      expected((o) => o.reference.startsWith(fifth.reference.slice(0, -1))),
    );
    expect(await ids('q=introuvable')).toEqual([]);
  });

  it('filters by reference prefix, client, status list, payment status, methods, tag, operator, origin', async () => {
    const prefix = orders[0]!.reference.slice(0, -2); // CMD-YYYY-0000
    expect(await ids(`reference=${prefix}`)).toEqual(expected(() => true));
    expect(await ids(`reference=${prefix}0`)).toEqual(expected((_o, i) => i < 9));
    expect(await ids(`reference=${prefix.toLowerCase()}1`)).toEqual(expected((_o, i) => i >= 9));
    expect(await ids(`reference=${orders[6]!.reference}`)).toEqual([orders[6]!.id]);
    expect(await ids(`clientId=${centrale.id}`)).toEqual(
      expected((o) => o.client.id === centrale.id),
    );
    expect(await ids('status=pending')).toEqual(expected((o) => o.status === 'pending'));
    expect(await ids('status=shipped,cancelled')).toEqual(
      expected((o) => ['shipped', 'cancelled'].includes(o.status)),
    );
    expect(await ids('paymentStatus=paid')).toEqual([orders[3]!.id]);
    expect(await ids('paymentStatus=unpaid')).toHaveLength(11);
    expect(await ids('paymentMethod=Virement')).toEqual(
      expected((o) => o.paymentMethod === 'Virement'),
    );
    expect(await ids(`shippingMethod=${encodeURIComponent('Retrait en magasin')}`)).toEqual(
      expected((o) => o.shippingMethod === 'Retrait en magasin'),
    );
    expect(await ids('tag=vip')).toEqual(expected((o) => o.tags.includes('vip')));
    expect(await ids('tag=pro')).toEqual(expected((o) => o.tags.includes('pro')));
    expect(await ids('tag=absent')).toEqual([]);
    expect(await ids(`operatorId=${manager.id}`)).toEqual(
      expected((o) => o.operatorId === manager.id),
    );
    expect(await ids('origin=phone')).toEqual(expected((o) => o.origin === 'phone'));
    expect(await ids('origin=quick_link')).toEqual([orders[10]!.id]);
  });

  it('filters by total range and by created and updated date ranges (inclusive)', async () => {
    const totals = orders.map((o) => o.totals.total);
    const [low, high] = [totals[2]!, totals[8]!];
    expect(await ids(`totalMin=${low}`)).toEqual(expected((o) => o.totals.total >= low));
    expect(await ids(`totalMax=${low}`)).toEqual(expected((o) => o.totals.total <= low));
    expect(await ids(`totalMin=${low}&totalMax=${high}`)).toEqual(
      expected((o) => o.totals.total >= low && o.totals.total <= high),
    );
    const enc = encodeURIComponent;
    expect(await ids(`createdFrom=${enc(day(3))}&createdTo=${enc(day(5))}`)).toEqual(
      expected((_o, i) => i >= 2 && i <= 4),
    );
    expect(await ids(`createdFrom=${enc(day(11))}`)).toEqual(expected((_o, i) => i >= 10));
    expect(await ids(`createdTo=${enc(day(1))}`)).toEqual([orders[0]!.id]);
    expect(await ids(`updatedFrom=${enc(day(12, 2))}&updatedTo=${enc(day(13, 2))}`)).toEqual(
      expected((_o, i) => i >= 10),
    );
  });

  it('counts a free-text search in its page query, exactly, on every page size', async () => {
    const all = await ids('q=moreau');
    expect(all.length).toBeGreaterThan(2);
    const first = await list('q=moreau&limit=2');
    expect(first.total).toBe(all.length);
    expect(first.items.map((o) => o.id)).toEqual(all.slice(0, 2));
    expect(Object.keys(first.items[0]!)).not.toContain('matches');
    const next = await list(`q=moreau&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(next.total).toBe(all.length);
    expect(next.items.map((o) => o.id)).toEqual(all.slice(2, 4));
  });

  it('finds the same orders by free text when a client or a week narrows them (words read per order, not FULLTEXT)', async () => {
    const byId = new Map(orders.map((o) => [o.id, o]));
    const fifth = orders[4]!;
    const week = { from: day(2), to: day(8) };
    const inWeek = (id: number) => {
      const at = Date.parse(byId.get(id)!.createdAt as string);
      return at >= Date.parse(week.from) && at <= Date.parse(week.to);
    };
    const enc = encodeURIComponent;
    let compared = 0;
    for (const q of [
      'eclair',
      'BOULANGERIE Éclair',
      'boulang',
      '06 12 34 56 78',
      '+33 6 12 34 56 78',
      'atelier@garage-moreau.fr',
      moreau.code as string,
      fifth.reference.replaceAll('-', ''),
      'moreau',
      'garage mor',
      'oreau',
      'introuvable',
    ]) {
      const everywhere = await ids(`q=${enc(q)}`);
      for (const client of [eclair, moreau, centrale]) {
        const want = everywhere.filter((id) => byId.get(id)!.client.id === client.id);
        const page = await list(`q=${enc(q)}&clientId=${client.id}`);
        expect(
          page.items.map((o) => o.id),
          `${q} / ${client.id}`,
        ).toEqual(want);
        expect(page.total).toBe(want.length);
        compared += want.length;
      }
      const want = everywhere.filter(inWeek);
      const page = await list(
        `q=${enc(q)}&createdFrom=${enc(week.from)}&createdTo=${enc(week.to)}&limit=2`,
      );
      expect(
        page.items.map((o) => o.id),
        `${q} / week`,
      ).toEqual(want.slice(0, 2));
      expect(page.total, `${q} / week`).toBe(want.length);
    }
    // Not vacuous: the searches found orders of those clients, and "oreau" (inside a word) none.
    expect(compared).toBeGreaterThan(20);
    expect(await ids(`q=oreau&clientId=${moreau.id}`)).toEqual([]);
  });

  it('combines filters', async () => {
    expect(await ids(`clientId=${centrale.id}&status=pending`)).toEqual([orders[5]!.id]);
    expect(await ids('tag=vip&origin=phone&status=pending,in_progress')).toEqual([
      orders[11]!.id,
      orders[5]!.id,
      orders[0]!.id,
    ]);
    expect(
      await ids(`q=moreau&totalMin=${orders[7]!.totals.total}&paymentMethod=Virement`),
    ).toEqual([orders[10]!.id, orders[3]!.id]);
    expect(
      await ids(`operatorId=${operator.id}&shippingMethod=Colissimo&tag=pro&clientId=${eclair.id}`),
    ).toEqual([orders[6]!.id]);
    const enc = encodeURIComponent;
    expect(
      await ids(`status=cancelled&createdFrom=${enc(day(6))}&q=${enc('06 12 34 56 78')}`),
    ).toEqual([orders[9]!.id]);
  });

  it('sorts by total either way and by creation date, ties broken by id', async () => {
    const byTotal = [...orders].sort((a, b) => a.totals.total - b.totals.total || a.id - b.id);
    expect(await ids('sort=total')).toEqual(byTotal.map((o) => o.id));
    expect(await ids('sort=-total')).toEqual([...byTotal].reverse().map((o) => o.id));
    expect(await ids('sort=createdAt')).toEqual(orders.map((o) => o.id));
    expect(await ids('sort=-createdAt')).toEqual(expected(() => true));
    expect(await ids('sort=-updatedAt')).toEqual(expected(() => true));
    expect(await ids('sort=-total&status=pending')).toEqual(
      byTotal
        .filter((o) => o.status === 'pending')
        .reverse()
        .map((o) => o.id),
    );
  });

  it('walks all pages with a cursor, without repeats or gaps, in every sort', async () => {
    const byTotal = [...orders].sort((a, b) => a.totals.total - b.totals.total || a.id - b.id);
    const cases: [string, number, number[]][] = [
      ['sort=-createdAt', 5, expected(() => true)],
      // Orders 7 and 8 were created at the same time: the page boundary falls between them.
      ['sort=createdAt', 7, orders.map((o) => o.id)],
      ['sort=total', 5, byTotal.map((o) => o.id)],
      [
        'sort=-total&tag=vip',
        2,
        byTotal
          .filter((o) => o.tags.includes('vip'))
          .map((o) => o.id)
          .reverse(),
      ],
    ];
    for (const [query, limit, all] of cases) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Page = await list(
          `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        if (!cursor) expect(page.total).toBe(all.length);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((o) => o.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(seen, query).toEqual(all);
      expect(pages, query).toBe(Math.ceil(all.length / limit));
    }
  });

  it.each([
    ['limit=101', '/querystring/limit'],
    ['limit=0', '/querystring/limit'],
    ['totalMin=abc', '/querystring/totalMin'],
    ['totalMax=-1', '/querystring/totalMax'],
    ['status=bogus', '/querystring/status'],
    ['status=pending,', '/querystring/status'],
    ['paymentStatus=free', '/querystring/paymentStatus'],
    ['clientId=abc', '/querystring/clientId'],
    ['operatorId=0', '/querystring/operatorId'],
    ['origin=fax', '/querystring/origin'],
    ['createdFrom=yesterday', '/querystring/createdFrom'],
    ['updatedTo=2026-13-45', '/querystring/updatedTo'],
    ['sort=name', '/querystring/sort'],
    ['colour=red', '/querystring/colour'],
    ['cursor=garbage', '/querystring/cursor'],
  ])('answers 400 to %s naming the parameter', async (query, path) => {
    const res = await api('GET', `/orders?${query}`, viewer.token);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(paths(res)).toContain(path);
  });

  it('counts orders per status for the filter, ignoring its status (the tabs)', async () => {
    const count = async (query: string) => {
      const res = await api('GET', `/orders/status-counts?${query}`, viewer.token);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const tally = (keep: (o: OrderJson) => boolean) => {
      const out = { pending: 0, in_progress: 0, shipped: 0, completed: 0, cancelled: 0 };
      for (const o of orders.filter(keep)) out[o.status as keyof typeof out] += 1;
      return out;
    };
    expect(await count('')).toEqual(tally(() => true));
    expect(await count('status=pending')).toEqual(tally(() => true));
    expect(await count(`clientId=${eclair.id}&status=cancelled`)).toEqual(
      tally((o) => o.client.id === eclair.id),
    );
    expect(await count('tag=vip&q=centrale')).toEqual(
      tally((o) => o.tags.includes('vip') && o.client.id === centrale.id),
    );
    expect((await api('GET', '/orders/status-counts?totalMin=abc', viewer.token)).statusCode).toBe(
      400,
    );
  });

  it('finds one order by its exact reference (global search), 404 otherwise', async () => {
    const target = orders[6]!;
    const res = await api('GET', `/orders/lookup?reference=${target.reference}`, viewer.token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(target);
    const lower = await api(
      'GET',
      `/orders/lookup?reference=${target.reference.toLowerCase()}`,
      viewer.token,
    );
    expect(lower.json().id).toBe(target.id);
    for (const reference of [target.reference.slice(0, -1), 'CMD-1999-000001', 'nothing']) {
      const missing = await api('GET', `/orders/lookup?reference=${reference}`, viewer.token);
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('ORDER_NOT_FOUND');
    }
    expect((await api('GET', '/orders/lookup', viewer.token)).statusCode).toBe(400);
  });

  it('finds a client by phone, then their orders with totals (the client page)', async () => {
    const found = await api(
      'GET',
      `/clients/lookup?phone=${encodeURIComponent('0472001122')}`,
      operator.token,
    );
    expect(found.statusCode).toBe(200);
    expect(found.json().id).toBe(moreau.id);
    const page = await list(`clientId=${found.json().id}&limit=2`);
    expect(page.total).toBe(4);
    expect(page.items.map((o) => [o.id, o.total])).toEqual(
      expected((o) => o.client.id === moreau.id)
        .slice(0, 2)
        .map((id) => [id, orders.find((o) => o.id === id)!.totals.total]),
    );
    expect((await api('GET', `/clients/${moreau.id}`, viewer.token)).json().orderCount).toBe(4);
  });

  it('answers 404 for an unknown order and 401 without a token', async () => {
    const missing = await api('GET', '/orders/999999', viewer.token);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ORDER_NOT_FOUND');
    expect((await api('GET', '/orders')).statusCode).toBe(401);
  });
});

describe('POST /orders/bulk', () => {
  let client: Json;
  let product: Json;
  const bulk = (body: Record<string, unknown>, token = operator.token) =>
    api('POST', '/orders/bulk', token, body);
  const make = (tags: string[], quantity = 1, productId?: number) =>
    createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: productId ?? product.id, quantity }],
      tags,
    });

  beforeAll(async () => {
    client = await createClient(ctx, operator.token, { name: 'Atelier Bulk' });
    product = await stockedProduct(ctx, manager.token, supplier.id, 100);
  });

  it('changes the status of chosen orders with the same rules, reporting each failure', async () => {
    const scarce = await stockedProduct(ctx, manager.token, supplier.id, 1);
    const ok1 = await make(['lot-a']);
    const ok2 = await make(['lot-a'], 2);
    const short = await make(['lot-a'], 5, scarce.id);
    const shipped = await make(['lot-a']);
    await moveTo(ctx, operator.token, shipped.id, ['in_progress', 'shipped']);
    const res = await bulk({
      ids: [ok1.id, short.id, shipped.id, 999_999, ok2.id],
      action: {
        type: 'status',
        status: 'in_progress',
        comment: 'Préparation du lundi',
        notify: true,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      succeeded: 2,
      failed: 3,
      results: [
        { id: ok1.id, reference: ok1.reference, ok: true, code: null, detail: null },
        { id: short.id, reference: short.reference, ok: false, code: 'INSUFFICIENT_STOCK' },
        { id: shipped.id, reference: shipped.reference, ok: false, code: 'ILLEGAL_TRANSITION' },
        { id: 999_999, reference: '999999', ok: false, code: 'ORDER_NOT_FOUND' },
        { id: ok2.id, ok: true },
      ],
    });
    expect(res.json().results[1].detail).toContain(scarce.sku);
    expect((await getOrder(ctx, viewer.token, ok1.id)).status).toBe('in_progress');
    expect((await getOrder(ctx, viewer.token, ok2.id)).stockState).toBe('deducted');
    expect(await getOrder(ctx, viewer.token, short.id)).toMatchObject({
      status: 'pending',
      version: short.version,
    });
    expect((await getOrder(ctx, viewer.token, shipped.id)).status).toBe('shipped');
    expect(await onHand(ctx, scarce.id)).toBe(1);
    expect(await onHand(ctx, product.id)).toBe(100 - 1 - 2 - 1);
    const last = (await events(ctx, viewer.token, ok1.id)).at(-1)!;
    expect(last).toMatchObject({
      type: 'status',
      channel: 'bulk',
      toStatus: 'in_progress',
      comment: 'Préparation du lundi',
      data: { stock: 'applied', notify: true },
    });
  });

  it('acts on a whole filter: add and remove a tag, assign an operator, cancel', async () => {
    const lot = [await make(['lot-b']), await make(['lot-b', 'urgent']), await make(['lot-b'])];
    const other = await make(['lot-c']);
    const tagged = await bulk({
      filter: { tag: 'lot-b' },
      action: { type: 'addTag', tag: 'urgent' },
    });
    expect(tagged.statusCode, tagged.body).toBe(200);
    expect(tagged.json()).toMatchObject({ succeeded: 3, failed: 0 });
    for (const o of lot)
      expect((await getOrder(ctx, viewer.token, o.id)).tags).toEqual(['lot-b', 'urgent']);
    expect((await getOrder(ctx, viewer.token, other.id)).tags).toEqual(['lot-c']);
    const edit = (await events(ctx, viewer.token, lot[0]!.id)).at(-1)!;
    expect(edit).toMatchObject({
      type: 'edit',
      channel: 'bulk',
      changes: [{ field: 'tags', before: ['lot-b'], after: ['lot-b', 'urgent'] }],
    });
    // The tag filter of the list sees the change.
    expect((await list('tag=urgent')).items.map((o) => o.id).sort()).toEqual(
      lot.map((o) => o.id).sort(),
    );

    const untagged = await bulk({
      filter: { tag: 'lot-b' },
      action: { type: 'removeTag', tag: 'lot-b' },
    });
    expect(untagged.json()).toMatchObject({ succeeded: 3, failed: 0 });
    for (const o of lot) expect((await getOrder(ctx, viewer.token, o.id)).tags).toEqual(['urgent']);

    const assigned = await bulk({
      ids: lot.map((o) => o.id),
      action: { type: 'assign', operatorId: manager.id },
    });
    expect(assigned.json()).toMatchObject({ succeeded: 3, failed: 0 });
    expect((await list(`operatorId=${manager.id}&tag=urgent`)).total).toBe(3);
    const toViewer = await bulk({
      ids: [lot[0]!.id],
      action: { type: 'assign', operatorId: viewer.id },
    });
    expect(toViewer.json()).toMatchObject({
      succeeded: 0,
      failed: 1,
      results: [{ code: 'VALIDATION_FAILED' }],
    });

    const cancelled = await bulk({
      filter: { tag: 'urgent', status: 'pending' },
      action: { type: 'status', status: 'cancelled' },
    });
    expect(cancelled.json()).toMatchObject({ succeeded: 3, failed: 0 });
    expect((await list('tag=urgent&status=cancelled')).total).toBe(3);
    // Nothing left matches: an empty selection is no error.
    const none = await bulk({
      filter: { tag: 'urgent', status: 'pending' },
      action: { type: 'status', status: 'cancelled' },
    });
    expect(none.json()).toEqual({ succeeded: 0, failed: 0, results: [] });
  });

  it('reports locked orders of a tag change without stopping the others', async () => {
    const open = await make(['lot-d']);
    const done = await make(['lot-d']);
    await moveTo(ctx, operator.token, done.id, ['in_progress', 'shipped', 'completed']);
    const res = await bulk({ ids: [done.id, open.id], action: { type: 'addTag', tag: 'revu' } });
    expect(res.json()).toMatchObject({
      succeeded: 1,
      failed: 1,
      results: [
        { id: done.id, ok: false, code: 'ORDER_LOCKED' },
        { id: open.id, ok: true },
      ],
    });
  });

  it('refuses bad selections with 400 and viewers with 403, changing nothing', async () => {
    const o = await make(['lot-e']);
    const before = await orderFootprint(ctx);
    const action = { type: 'addTag', tag: 'x' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ids: [o.id], filter: { tag: 'lot-e' }, action }, '/filter'],
      [{ action }, '/ids'],
      [{ ids: [], action }, '/ids'],
      [{ ids: Array.from({ length: BULK_LIMIT + 1 }, (_, i) => i + 1), action }, '/ids'],
      [{ ids: [o.id, o.id], action }, '/ids'],
      [{ ids: [o.id], action: { type: 'explode' } }, '/action'],
      [{ ids: [o.id], action: { type: 'status', status: 'lost' } }, '/action'],
      [{ filter: { totalMin: 'abc' }, action }, '/filter/totalMin'],
      [{ filter: { colour: 'red' }, action }, '/filter/colour'],
    ];
    for (const [body, path] of cases) {
      const res = await bulk(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(
        paths(res).some((p) => p.startsWith(path)),
        `${path} in ${paths(res).join()}`,
      ).toBe(true);
    }
    expect((await bulk({ ids: [o.id], action }, viewer.token)).statusCode).toBe(403);
    expect(await orderFootprint(ctx)).toEqual(before);
  });

  it(`refuses a filter matching more than ${BULK_LIMIT} orders`, async () => {
    const big = await createClient(ctx, operator.token, { name: 'Grossiste' });
    const seed = await createOrder(ctx, operator.token, {
      clientId: big.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    // 500 more copies of the order, straight in the table (no need for 500 API calls).
    const digits =
      '(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';
    await ctx.query(
      `INSERT INTO orders (reference, client_id, operator_id, origin, status, payment_status, billing_address,
         shipping_same_as_billing, shipping_address, shipping_vat_rate, totals, total, currency, stock_state, tags,
         line_count, search_text)
       SELECT CONCAT('BULK-', n.i), o.client_id, o.operator_id, o.origin, o.status, o.payment_status, o.billing_address,
         o.shipping_same_as_billing, o.shipping_address, o.shipping_vat_rate, o.totals, o.total, o.currency,
         o.stock_state, o.tags, o.line_count, o.search_text
         FROM orders o
         JOIN (SELECT a.d + 10 * b.d + 100 * c.d AS i FROM ${digits} a, ${digits} b, ${digits} c) n ON n.i < ?
        WHERE o.id = ?`,
      [BULK_LIMIT, seed.id],
    );
    expect((await list(`clientId=${big.id}`)).total).toBe(BULK_LIMIT + 1);
    try {
      const before = await orderFootprint(ctx);
      const res = await bulk({
        filter: { clientId: big.id },
        action: { type: 'addTag', tag: 'trop' },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(paths(res)).toEqual(['/filter']);
      expect(res.json().detail).toContain(String(BULK_LIMIT));
      expect(await orderFootprint(ctx)).toEqual(before);
    } finally {
      await ctx.query("DELETE FROM orders WHERE client_id = ? AND reference LIKE 'BULK-%'", [
        big.id,
      ]);
    }
  });
});

describe('saved views', () => {
  const views = (token: string) => api('GET', '/order-views', token);
  const save = (token: string, body: Record<string, unknown>) =>
    api('POST', '/order-views', token, body);

  it('keeps each person’s views to themselves', async () => {
    const mine = await save(operator.token, {
      name: 'À expédier',
      filters: { status: 'in_progress', tag: 'vip' },
    });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({
      name: 'À expédier',
      filters: { status: 'in_progress', tag: 'vip' },
    });
    expect(Date.parse(mine.json().createdAt)).not.toBeNaN();
    expect(
      (await save(operator.token, { name: 'Impayées', filters: { paymentStatus: 'unpaid' } }))
        .statusCode,
    ).toBe(201);
    // Someone else may use the same name.
    const theirs = await save(manager.token, {
      name: 'À expédier',
      filters: { status: 'shipped' },
    });
    expect(theirs.statusCode).toBe(201);
    const listed = (await views(operator.token)).json().items as Json[];
    expect(listed.map((v) => v.name).sort()).toEqual(['Impayées', 'À expédier'].sort());
    expect((await views(manager.token)).json().items.map((v: Json) => v.id)).toEqual([
      theirs.json().id,
    ]);
    expect((await views(viewer.token)).json().items).toEqual([]);

    // Nobody else can delete them.
    const stolen = await api('DELETE', `/order-views/${mine.json().id}`, manager.token);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().code).toBe('SAVED_VIEW_NOT_FOUND');
    expect((await views(operator.token)).json().items).toHaveLength(2);
    const removed = await api('DELETE', `/order-views/${mine.json().id}`, operator.token);
    expect(removed.statusCode).toBe(204);
    expect((await views(operator.token)).json().items.map((v: Json) => v.name)).toEqual([
      'Impayées',
    ]);
    const again = await api('DELETE', `/order-views/${mine.json().id}`, operator.token);
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('SAVED_VIEW_NOT_FOUND');
  });

  it('answers 409 to a name already used by the same person, 400 to bad bodies', async () => {
    expect((await save(viewer.token, { name: 'Mes commandes', filters: {} })).statusCode).toBe(201);
    const dup = await save(viewer.token, { name: ' Mes commandes ', filters: { tag: 'x' } });
    expect(dup.statusCode).toBe(409);
    expect(paths(dup)).toEqual(['/name']);
    for (const body of [
      { name: '', filters: {} },
      { name: '   ', filters: {} },
      { name: 'Sans filtres' },
      { name: 'Mauvais', filters: { status: 1 } },
      { name: 'Champ', filters: {}, shared: true },
    ]) {
      const res = await save(viewer.token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await views(viewer.token)).json().items).toHaveLength(1);
  });

  it('is for signed-in people: API keys get 403', async () => {
    const key = (
      await api('POST', '/api-keys', admin.token, { name: 'ERP', scopes: ['read', 'write'] })
    ).json().secret as string;
    const own = await save(admin.token, { name: 'Admin', filters: {} });
    expect(own.statusCode).toBe(201);
    expect((await views(key)).statusCode).toBe(403);
    expect((await save(key, { name: 'Clé', filters: {} })).statusCode).toBe(403);
    expect((await api('DELETE', `/order-views/${own.json().id}`, key)).statusCode).toBe(403);
    expect((await views(admin.token)).json().items).toHaveLength(1);
    // The same key may read and bulk-edit orders.
    expect((await api('GET', '/orders?limit=1', key)).statusCode).toBe(200);
  });
});
