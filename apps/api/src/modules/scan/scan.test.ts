import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import type { CreatedApiKey } from '@gestco/contract';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import {
  api as apiOf,
  createProduct,
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
  orderMovements,
  stockedProduct,
  type OrderJson,
} from '../../../test/orders.ts';

/** Flashcodes (decision 0013): resolve, QR images, label sheets, and the scan → status flow. */

const PUBLIC = 'https://desk.example.fr';
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let ctx: TestContext;
let admin: TestUser;
let manager: TestUser;
let operator: TestUser;
let viewer: TestUser;
let api: ReturnType<typeof apiOf>;
let supplier: Json;

beforeAll(async () => {
  ctx = await createTestContext({ PUBLIC_URL: PUBLIC });
  api = apiOf(ctx);
  admin = await ctx.createUser('admin');
  manager = await ctx.createUser('manager');
  operator = await ctx.createUser('operator');
  viewer = await ctx.createUser('viewer');
  supplier = await createSupplier(ctx, manager.token, { name: 'Legrand' });
});
afterAll(() => ctx.close());
afterEach(async () => {
  expect(await ledgerMismatches(ctx)).toEqual([]);
});

const get = (url: string, token?: string) =>
  ctx.inject({ method: 'GET', url: `/api/v1${url}`, token });
const resolve = (code: string, token: string = viewer.token) =>
  get(`/scan/resolve?code=${encodeURIComponent(code)}`, token);
const codeOf = (client: Json) => client['code'] as string;
/** What the service draws: level M, quiet zone 4. */
const svgOf = (url: string) =>
  QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
const pngWidth = (buffer: Buffer) => buffer.readUInt32BE(16);

async function clientById(id: number) {
  const res = await get(`/clients/${id}`, viewer.token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Json;
}

async function archive(id: number) {
  const current = await clientById(id);
  const res = await api('POST', `/clients/${id}/archive`, operator.token, {
    version: current.version,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().archived).toBe(true);
  return res.json() as Json;
}

/** A client code no client holds (six Crockford base32 characters). */
async function unusedClientCode() {
  for (const candidate of ['ZZZZZZ', 'YYYYYY', 'XXXXXX', 'WWWWWW']) {
    const rows = await ctx.query('SELECT id FROM clients WHERE code = ?', [candidate]);
    if (rows.length === 0) return candidate;
  }
  throw new Error('no free client code');
}

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json(): Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.json()).toMatchObject({ status, code });
}

describe('GET /scan/resolve', () => {
  let product: Json;
  let client: Json;
  let other: Json;
  let order: OrderJson;

  beforeAll(async () => {
    product = await createProduct(ctx, manager.token, { trackStock: false });
    client = await createClient(ctx, operator.token, { name: 'Boulangerie Ravel' });
    other = await createClient(ctx, operator.token, { name: 'Garage Morel' });
    order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 2 }],
    });
    // The client's code and the order's reference look like what the tests type.
    expect(codeOf(client)).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(order.reference).toMatch(/^CMD-\d{4}-\d{6}$/);
  });

  it("resolves an order's full flashcode URL to that order, exactly as GET /orders/:id shows it", async () => {
    const res = await resolve(`${PUBLIC}/s/o/${order.reference}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({
      kind: 'order',
      order: await getOrder(ctx, viewer.token, order.id),
    });
    expect(res.json().order).toMatchObject({
      id: order.id,
      reference: order.reference,
      status: 'pending',
      allowedStatuses: ['in_progress', 'cancelled'],
      client: { id: client.id },
    });
  });

  it("resolves a client's full flashcode URL to that client and its open orders only, oldest first", async () => {
    const shop = await createClient(ctx, operator.token, { name: 'Fleuriste Amandine' });
    const make = () =>
      createOrder(ctx, operator.token, {
        clientId: shop.id,
        lines: [{ productId: product.id, quantity: 1 }],
      });
    const pending = await make();
    const inProgress = await make();
    const shipped = await make();
    const completed = await make();
    const cancelledPending = await make();
    const cancelledLater = await make();
    const newest = await make();
    await moveTo(ctx, operator.token, inProgress.id, ['in_progress']);
    await moveTo(ctx, operator.token, shipped.id, ['in_progress', 'shipped']);
    await moveTo(ctx, operator.token, completed.id, ['in_progress', 'shipped', 'completed']);
    await moveTo(ctx, operator.token, cancelledPending.id, ['cancelled']);
    await moveTo(ctx, operator.token, cancelledLater.id, ['in_progress', 'cancelled']);
    // The newest by id is the oldest by date: the list follows the date, not the id.
    await ctx.query('UPDATE orders SET created_at = ? WHERE id = ?', [
      '2020-01-02 03:04:05.678',
      newest.id,
    ]);
    // Another client's open order is not listed.
    await createOrder(ctx, operator.token, {
      clientId: other.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });

    const res = await resolve(`${PUBLIC}/s/c/${codeOf(shop)}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.kind).toBe('client');
    expect(body.client).toEqual(await clientById(shop.id));
    expect(body.openOrders.map((o: Json) => [o.id, o['status']])).toEqual([
      [newest.id, 'pending'],
      [pending.id, 'pending'],
      [inProgress.id, 'in_progress'],
      [shipped.id, 'shipped'],
    ]);
    expect(body.openOrders[0]).toMatchObject({
      reference: newest.reference,
      clientId: shop.id,
      clientName: 'Fleuriste Amandine',
      clientCode: codeOf(shop),
      createdAt: '2020-01-02T03:04:05.678Z',
    });
    // The same summaries as the orders list filtered the same way.
    const listed = await get(
      `/orders?clientId=${shop.id}&status=pending,in_progress,shipped&sort=createdAt`,
      viewer.token,
    );
    expect(body.openOrders).toEqual(listed.json().items);
    expect(Object.keys(body).sort()).toEqual(['client', 'kind', 'openOrders']);
  });

  it('lists a client without open orders with an empty list', async () => {
    const quiet = await createClient(ctx, operator.token, { name: 'Atelier Calme' });
    const res = await resolve(`${PUBLIC}/s/c/${codeOf(quiet)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      kind: 'client',
      client: await clientById(quiet.id),
      openOrders: [],
    });
  });

  it('lists at most the 50 oldest open orders', async () => {
    const busy = await createClient(ctx, operator.token, { name: 'Grossiste Pressé' });
    const created: number[] = [];
    for (let i = 0; i < 51; i += 1) {
      const o = await createOrder(ctx, operator.token, {
        clientId: busy.id,
        lines: [{ productId: product.id, quantity: 1 }],
      });
      created.push(o.id);
    }
    const res = await resolve(codeOf(busy));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().openOrders.map((o: Json) => o.id)).toEqual(created.slice(0, 50));
  });

  it('accepts a typed client code in lower case with spaces around and inside', async () => {
    const code = codeOf(client);
    const typed = `  ${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}\t`;
    const res = await resolve(typed);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'client', client: { id: client.id, code } });
    expect(res.json().openOrders.map((o: Json) => o.id)).toEqual([order.id]);
  });

  it('accepts a typed order reference in lower case, and a lower-case flashcode URL', async () => {
    for (const typed of [
      order.reference.toLowerCase(),
      ` ${order.reference} `,
      `${PUBLIC}/s/o/${order.reference.toLowerCase()}`,
    ]) {
      const res = await resolve(typed);
      expect(res.statusCode, typed).toBe(200);
      expect(res.json()).toMatchObject({ kind: 'order', order: { id: order.id } });
    }
    const res = await resolve(`${PUBLIC}/s/c/${codeOf(client).toLowerCase()}`);
    expect(res.json()).toMatchObject({ kind: 'client', client: { id: client.id } });
  });

  it('decodes a percent-encoded reference in the URL, and ignores a query string or fragment', async () => {
    const encoded = order.reference.replaceAll('-', '%2D');
    for (const code of [
      `${PUBLIC}/s/o/${encoded}`,
      `${PUBLIC}/s/o/${order.reference}?utm_source=etiquette`,
      `${PUBLIC}/s/o/${order.reference}#top`,
    ]) {
      const res = await resolve(code);
      expect(res.statusCode, code).toBe(200);
      expect(res.json()).toMatchObject({ kind: 'order', order: { reference: order.reference } });
    }
    // The query value sent without percent-encoding its own slashes and colon still reads.
    const raw = await get(`/scan/resolve?code=${PUBLIC}/s/o/${order.reference}`, viewer.token);
    expect(raw.statusCode, raw.body).toBe(200);
    expect(raw.json().order.id).toBe(order.id);
  });

  it('accepts a scanned URL with the blanks and line break a scanner app adds around it', async () => {
    for (const code of [
      ` ${PUBLIC}/s/o/${order.reference}\n`,
      `\t${PUBLIC}/s/o/${order.reference}\r\n`,
    ]) {
      const res = await resolve(code);
      expect(res.statusCode, JSON.stringify(code)).toBe(200);
      expect(res.json().order.id).toBe(order.id);
    }
    const client1 = await resolve(`  ${PUBLIC}/s/c/${codeOf(client)}  `);
    expect(client1.statusCode).toBe(200);
    expect(client1.json().client.id).toBe(client.id);
  });

  it('accepts http:// for an https:// PUBLIC_URL on the same host, and an upper-case host', async () => {
    for (const code of [
      `http://desk.example.fr/s/o/${order.reference}`,
      `HTTPS://DESK.EXAMPLE.FR/s/o/${order.reference}`,
    ]) {
      const res = await resolve(code);
      expect(res.statusCode, code).toBe(200);
      expect(res.json().order.id).toBe(order.id);
    }
    const client1 = await resolve(`http://desk.example.fr/s/c/${codeOf(client)}`);
    expect(client1.statusCode).toBe(200);
    expect(client1.json().client.id).toBe(client.id);
  });

  it('answers 422 FOREIGN_CODE, naming /querystring/code, to a code of another host or port', async () => {
    for (const [code, host] of [
      [`https://other.example.fr/s/o/${order.reference}`, 'other.example.fr'],
      [`https://desk.example.fr.evil.test/s/c/${codeOf(client)}`, 'desk.example.fr.evil.test'],
      [`https://example.fr/s/c/${codeOf(client)}`, 'example.fr'],
      [`https://desk.example.fr:8443/s/c/${codeOf(client)}`, 'desk.example.fr:8443'],
    ] as const) {
      const res = await resolve(code);
      expectProblem(res, 422, 'FOREIGN_CODE');
      expect(res.json().errors).toEqual([
        { path: '/querystring/code', message: 'belongs to another site' },
      ]);
      expect(res.json().detail).toBe(
        `This QR code points to ${host}, not to this Gestco (desk.example.fr).`,
      );
    }
  });

  it('answers 422 to schemes other than http and https, even on the same host', async () => {
    for (const code of [
      'javascript:alert(document.cookie)',
      `ftp://desk.example.fr/s/c/${codeOf(client)}`,
      `file:///s/c/${codeOf(client)}`,
      'data:text/html,<script>alert(1)</script>',
      'mailto:contact@desk.example.fr',
    ]) {
      const res = await resolve(code);
      expectProblem(res, 422, 'FOREIGN_CODE');
      expect(paths(res)).toEqual(['/querystring/code']);
    }
  });

  it('answers 422 CODE_NOT_RECOGNISED to a path of this site that is not a flashcode', async () => {
    for (const code of [
      `${PUBLIC}/`,
      `${PUBLIC}/orders/${order.id}`,
      `${PUBLIC}/s/x/${codeOf(client)}`,
      `${PUBLIC}/s/c`,
      `${PUBLIC}/s/c/`,
      `${PUBLIC}/s/o/`,
      `${PUBLIC}/S/C/${codeOf(client)}`,
      `${PUBLIC}/s/c/${codeOf(client)}.png`,
      `${PUBLIC}/s/o/${order.reference}%ZZ`,
      `${PUBLIC}/s/o/%E0%A4%A`,
      'https://',
    ]) {
      const res = await resolve(code);
      expectProblem(res, 422, 'CODE_NOT_RECOGNISED');
      expect(res.json().errors, code).toEqual([
        { path: '/querystring/code', message: 'is not a Gestco client code or order reference' },
      ]);
    }
  });

  it('answers 422 CODE_NOT_RECOGNISED to garbage, and 404 to words that could be a reference', async () => {
    for (const code of [
      '!!!',
      'a',
      'x1',
      '   ',
      'héllo',
      '<svg onload=alert(1)>',
      '{"id":1}',
      '💳💳💳',
    ]) {
      const res = await resolve(code);
      expectProblem(res, 422, 'CODE_NOT_RECOGNISED');
      expect(paths(res), code).toEqual(['/querystring/code']);
    }
    // References follow a settable format: text shaped like one is looked up, and not found.
    const words = await resolve('hello/world');
    expectProblem(words, 404, 'ORDER_NOT_FOUND');
  });

  it('answers 400 VALIDATION_FAILED to an empty, missing or too long code, and to unknown fields', async () => {
    const cases: [string, string][] = [
      ['/scan/resolve?code=', '/querystring/code'],
      ['/scan/resolve', '/querystring/code'],
      [`/scan/resolve?code=${'A'.repeat(2049)}`, '/querystring/code'],
      [`/scan/resolve?code=${order.reference}&kind=order`, '/querystring/kind'],
      [`/scan/resolve?code=${order.reference}&token=x`, '/querystring/token'],
    ];
    for (const [url, path] of cases) {
      const res = await get(url, viewer.token);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(paths(res), url).toEqual([path]);
    }
    // 2048 characters is still read (and then not recognised).
    const longest = `${PUBLIC}/s/c/${'A'.repeat(2048 - PUBLIC.length - 5)}`;
    expect(longest).toHaveLength(2048);
    expectProblem(await resolve(longest), 422, 'CODE_NOT_RECOGNISED');
  });

  it('answers 404 CLIENT_NOT_FOUND to an unknown client code, typed or scanned', async () => {
    const unknown = await unusedClientCode();
    for (const code of [unknown, unknown.toLowerCase(), `${PUBLIC}/s/c/${unknown}`]) {
      const res = await resolve(code);
      expectProblem(res, 404, 'CLIENT_NOT_FOUND');
      expect(res.json().detail).toContain(unknown);
    }
  });

  it('answers 404 ORDER_NOT_FOUND to an unknown reference, typed or scanned', async () => {
    for (const code of ['CMD-1999-999999', 'cmd-1999-999999', `${PUBLIC}/s/o/CMD-1999-999999`]) {
      const res = await resolve(code);
      expectProblem(res, 404, 'ORDER_NOT_FOUND');
      expect(res.json().detail).toMatch(/CMD-1999-999999/i);
    }
  });

  it("answers 409 CLIENT_ARCHIVED to an archived client's code; its orders still resolve", async () => {
    const gone = await createClient(ctx, operator.token, { name: 'Ancien Client' });
    const itsOrder = await createOrder(ctx, operator.token, {
      clientId: gone.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    await archive(gone.id);
    const before = await orderFootprint(ctx);
    for (const code of [codeOf(gone), `${PUBLIC}/s/c/${codeOf(gone)}`]) {
      const res = await resolve(code);
      expectProblem(res, 409, 'CLIENT_ARCHIVED');
      expect(res.json().detail).toBe(`Client ${codeOf(gone)} is archived; unarchive it first.`);
    }
    const res = await resolve(`${PUBLIC}/s/o/${itsOrder.reference}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().order).toMatchObject({ id: itsOrder.id, client: { id: gone.id } });
    expect(await orderFootprint(ctx)).toEqual(before);
  });

  it('changes nothing: resolving is a read', async () => {
    const before = await orderFootprint(ctx);
    await resolve(`${PUBLIC}/s/o/${order.reference}`);
    await resolve(codeOf(client));
    await resolve('https://other.example.fr/s/c/ABCDEF');
    await resolve('CMD-1999-999999');
    expect(await orderFootprint(ctx)).toEqual(before);
  });
});

describe('who may read the scan routes', () => {
  let client: Json;
  let order: OrderJson;
  let routes: string[];
  let readKey: CreatedApiKey;
  let writeKey: CreatedApiKey;

  beforeAll(async () => {
    const product = await createProduct(ctx, manager.token, { trackStock: false });
    client = await createClient(ctx, operator.token, { name: 'Pharmacie des Lilas' });
    order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    routes = [
      `/scan/resolve?code=${order.reference}`,
      `/clients/qr-labels?ids=${client.id}`,
      `/clients/${client.id}/qr.svg`,
      `/clients/${client.id}/qr.png`,
      `/orders/${order.id}/qr.svg`,
      `/orders/${order.id}/qr.png`,
    ];
    const key = async (scopes: string[]) => {
      const res = await api('POST', '/api-keys', admin.token, { name: 'Scanner', scopes });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as CreatedApiKey;
    };
    readKey = await key(['read']);
    writeKey = await key(['write']);
  });

  it('answers 401 UNAUTHENTICATED without a token, or with a bad one, on every route', async () => {
    for (const url of routes) {
      const res = await get(url);
      expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(res.headers['content-disposition']).toBeUndefined();
      const bad = await get(url, 'not-a-jwt');
      expectProblem(bad, 401, 'TOKEN_INVALID');
      const revokedLike = await get(url, 'gk_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      expect(revokedLike.statusCode, url).toBe(401);
    }
  });

  it('lets every role read every route', async () => {
    for (const user of [viewer, operator, manager, admin]) {
      for (const url of routes) {
        const res = await get(url, user.token);
        expect(res.statusCode, `${user.role} ${url}: ${res.body.slice(0, 200)}`).toBe(200);
      }
    }
  });

  it('lets an API key with the read (or write) scope read every route', async () => {
    for (const key of [readKey, writeKey]) {
      for (const url of routes) {
        const res = await get(url, key.secret);
        expect(res.statusCode, `${key.apiKey.scopes.join()} ${url}`).toBe(200);
      }
    }
  });
});

describe('QR images', () => {
  let client: Json;
  let order: OrderJson;

  beforeAll(async () => {
    const product = await createProduct(ctx, manager.token, { trackStock: false });
    client = await createClient(ctx, operator.token, { name: 'Cave Saint-Jean' });
    order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
  });

  const targets = () => [
    { kind: 'clients', id: client.id, key: codeOf(client), url: `${PUBLIC}/s/c/${codeOf(client)}` },
    { kind: 'orders', id: order.id, key: order.reference, url: `${PUBLIC}/s/o/${order.reference}` },
  ];

  it('serves an SVG document of the flashcode URL (level M, quiet zone 4), inline and private', async () => {
    for (const t of targets()) {
      const res = await get(`/${t.kind}/${t.id}/qr.svg`, viewer.token);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('image/svg+xml');
      expect(res.headers['cache-control']).toBe('private, max-age=300');
      expect(res.headers['content-disposition']).toBe(`inline; filename="${t.key}.svg"`);
      expect(res.body.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(res.body.trimEnd().endsWith('</svg>')).toBe(true);
      expect(res.body).toBe(await svgOf(t.url));
      // The quiet zone is drawn: 4 modules on each side of the symbol, at level M.
      const symbol = QRCode.create(t.url, { errorCorrectionLevel: 'M' });
      const side = symbol.modules.size + 8;
      expect(res.body).toContain(`viewBox="0 0 ${side} ${side}"`);
    }
  });

  it('serves a PNG, 512 px wide by default, at the size asked between 64 and 2048', async () => {
    for (const t of targets()) {
      const res = await get(`/${t.kind}/${t.id}/qr.png`, viewer.token);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['cache-control']).toBe('private, max-age=300');
      expect(res.headers['content-disposition']).toBe(`inline; filename="${t.key}.png"`);
      expect([...res.rawPayload.subarray(0, 8)]).toEqual(PNG_MAGIC);
      expect(pngWidth(res.rawPayload)).toBe(512);
      for (const size of [64, 300, 2048]) {
        const sized = await get(`/${t.kind}/${t.id}/qr.png?size=${size}`, viewer.token);
        expect(sized.statusCode).toBe(200);
        expect(pngWidth(sized.rawPayload)).toBe(size);
        expect(sized.rawPayload.readUInt32BE(20)).toBe(size);
      }
    }
  });

  it('serves an attachment named after the code with download=true', async () => {
    for (const t of targets()) {
      for (const format of ['png', 'svg']) {
        const res = await get(`/${t.kind}/${t.id}/qr.${format}?download=true`, viewer.token);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-disposition']).toBe(
          `attachment; filename="${t.key}.${format}"`,
        );
        const inline = await get(`/${t.kind}/${t.id}/qr.${format}?download=false`, viewer.token);
        expect(inline.headers['content-disposition']).toBe(`inline; filename="${t.key}.${format}"`);
      }
    }
    const sized = await get(`/orders/${order.id}/qr.png?size=128&download=true`, viewer.token);
    expect(sized.headers['content-disposition']).toBe(
      `attachment; filename="${order.reference}.png"`,
    );
    expect(pngWidth(sized.rawPayload)).toBe(128);
  });

  it('answers 400 to a size outside 64..2048, a bad download flag or an unknown field', async () => {
    for (const t of targets()) {
      for (const format of ['png', 'svg']) {
        for (const [query, path] of [
          ['size=63', '/querystring/size'],
          ['size=2049', '/querystring/size'],
          ['size=0', '/querystring/size'],
          ['size=-512', '/querystring/size'],
          ['size=512.5', '/querystring/size'],
          ['size=big', '/querystring/size'],
          ['download=maybe', '/querystring/download'],
          ['width=512', '/querystring/width'],
        ] as const) {
          const res = await get(`/${t.kind}/${t.id}/qr.${format}?${query}`, viewer.token);
          expectProblem(res, 400, 'VALIDATION_FAILED');
          expect(paths(res), `${format} ${query}`).toEqual([path]);
          expect(res.headers['content-disposition']).toBeUndefined();
        }
      }
    }
  });

  it('answers 404 problem+json to an unknown id, 400 to a malformed one', async () => {
    for (const [kind, code] of [
      ['clients', 'CLIENT_NOT_FOUND'],
      ['orders', 'ORDER_NOT_FOUND'],
    ] as const) {
      for (const format of ['png', 'svg']) {
        const res = await get(`/${kind}/999999/qr.${format}`, viewer.token);
        expectProblem(res, 404, code);
        expect(res.json().instance).toBe(`/api/v1/${kind}/999999/qr.${format}`);
        expect(res.headers['content-disposition']).toBeUndefined();
        for (const id of ['0', 'abc', '-1']) {
          const bad = await get(`/${kind}/${id}/qr.${format}`, viewer.token);
          expectProblem(bad, 400, 'VALIDATION_FAILED');
          expect(paths(bad)).toEqual(['/params/id']);
        }
      }
    }
  });
});

describe('GET /clients/qr-labels', () => {
  const label = async (c: Json, city: string | null, contactPerson: string | null) => {
    const url = `${PUBLIC}/s/c/${codeOf(c)}`;
    return {
      clientId: c.id,
      code: codeOf(c),
      name: c['name'],
      contactPerson,
      city,
      url,
      svg: await svgOf(url),
    };
  };

  it('gives the labels of the ids asked, in that order, and reports archived and unknown ids as skipped', async () => {
    const a = await createClient(ctx, operator.token, {
      name: 'Épicerie Alba',
      contactPerson: 'Mme Alba',
      address: { line1: '1 rue Haute', city: 'Lyon', postalCode: '69001', country: 'FR' },
    });
    const b = await createClient(ctx, operator.token, { name: 'Bistrot Bellevue' });
    const c = await createClient(ctx, operator.token, {
      name: 'Prospect Corail',
      status: 'prospect',
      address: { city: 'Nantes' },
    });
    const d = await createClient(ctx, operator.token, { name: 'Archivé Dupont' });
    await archive(d.id);
    const res = await get(
      `/clients/qr-labels?ids=${c.id},${a.id},999999,${d.id},${b.id},${a.id}`,
      viewer.token,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      business: { name: 'Mon entreprise' },
      items: [
        await label(c, 'Nantes', null),
        await label(a, 'Lyon', 'Mme Alba'),
        await label(b, null, null),
      ],
      skipped: [999999, d.id],
    });
    for (const item of res.json().items as { svg: string }[]) {
      expect(item.svg.startsWith('<svg')).toBe(true);
    }
  });

  it('gives active clients of a status by name, up to the limit', async () => {
    const zoe = await createClient(ctx, operator.token, {
      name: 'Zoé Prospect',
      status: 'prospect',
    });
    const albert = await createClient(ctx, operator.token, {
      name: 'Albert Prospect',
      status: 'prospect',
    });
    const marcel = await createClient(ctx, operator.token, {
      name: 'Marcel Prospect',
      status: 'prospect',
    });
    const archived = await createClient(ctx, operator.token, {
      name: 'Aaron Prospect',
      status: 'prospect',
    });
    await archive(archived.id);
    // The prospect created in the test above comes in too.
    const prospects = (
      await get('/clients?status=prospect&sort=name&limit=100', viewer.token)
    ).json().items as Json[];
    expect(prospects.map((p) => p['name'])).toEqual([
      'Albert Prospect',
      'Marcel Prospect',
      'Prospect Corail',
      'Zoé Prospect',
    ]);
    const two = await get('/clients/qr-labels?status=prospect&limit=2', viewer.token);
    expect(two.statusCode, two.body).toBe(200);
    expect(two.json()).toEqual({
      business: { name: 'Mon entreprise' },
      items: [await label(albert, null, null), await label(marcel, null, null)],
      skipped: [],
    });
    const all = await get('/clients/qr-labels?status=prospect', viewer.token);
    expect(all.json().items.map((i: Json) => i['clientId'])).toEqual([
      albert.id,
      marcel.id,
      prospects[2]!.id,
      zoe.id,
    ]);
    expect(all.json().skipped).toEqual([]);
  });

  it('pages through the clients list past 100 to fill a larger sheet', async () => {
    const made: Json[] = [];
    for (let batch = 0; batch < 11; batch += 1) {
      made.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            createClient(ctx, operator.token, {
              name: `Lot ${String(batch * 10 + i).padStart(3, '0')}`,
              status: 'prospect',
              tags: ['lot'],
            }),
          ),
        )),
      );
    }
    const expected = (
      await get('/clients?status=prospect&sort=name&limit=100', viewer.token)
    ).json();
    expect(expected.total).toBe(114);
    const res = await get('/clients/qr-labels?status=prospect&limit=150', viewer.token);
    expect(res.statusCode, res.body).toBe(200);
    const names = (res.json().items as Json[]).map((i) => i['name']);
    expect(names).toHaveLength(114);
    expect(names.slice(0, 3)).toEqual(['Albert Prospect', 'Lot 000', 'Lot 001']);
    expect(names.slice(-3)).toEqual(['Marcel Prospect', 'Prospect Corail', 'Zoé Prospect']);
    expect(new Set(names).size).toBe(114);
    const capped = await get('/clients/qr-labels?status=prospect&limit=101', viewer.token);
    expect(capped.json().items).toHaveLength(101);
    // Without a limit: 100.
    const byDefault = await get('/clients/qr-labels?status=prospect', viewer.token);
    expect(byDefault.json().items).toHaveLength(100);
    expect(made).toHaveLength(110);
  });

  it('answers 400 to malformed ids, too many ids, a bad status or limit, and unknown fields', async () => {
    const ids201 = Array.from({ length: 201 }, (_, i) => i + 1).join(',');
    for (const [query, path] of [
      ['ids=1,,2', '/querystring/ids'],
      ['ids=0', '/querystring/ids'],
      ['ids=abc', '/querystring/ids'],
      ['ids=1,', '/querystring/ids'],
      ['ids=,1', '/querystring/ids'],
      ['ids=-1', '/querystring/ids'],
      ['ids=1.5', '/querystring/ids'],
      ['ids=01', '/querystring/ids'],
      ['ids=', '/querystring/ids'],
      ['ids=12345678901', '/querystring/ids'],
      [`ids=${ids201}`, '/querystring/ids'],
      ['status=archived', '/querystring/status'],
      ['limit=0', '/querystring/limit'],
      ['limit=201', '/querystring/limit'],
      ['cursor=abc', '/querystring/cursor'],
    ] as const) {
      const res = await get(`/clients/qr-labels?${query}`, viewer.token);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(paths(res), query.slice(0, 40)).toEqual([path]);
    }
  });

  it('takes 200 ids, all reported skipped when none exists', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => 900_000 + i);
    const res = await get(`/clients/qr-labels?ids=${ids.join(',')}`, viewer.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ business: { name: 'Mon entreprise' }, items: [], skipped: ids });
  });
});

describe('the scan flow: resolve, then move the order', () => {
  const scanStatus = (id: number, body: Record<string, unknown>, token = operator.token) =>
    api('POST', `/orders/${id}/status`, token, { channel: 'scan', ...body });

  it('moves a resolved order pending → in progress, deducts the stock and records the scan channel', async () => {
    const product = await stockedProduct(ctx, manager.token, supplier.id, 10);
    const client = await createClient(ctx, operator.token, { name: 'Quincaillerie Roux' });
    const created = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 3 }],
    });
    const scanned = await resolve(`${PUBLIC}/s/o/${created.reference}`, operator.token);
    expect(scanned.statusCode, scanned.body).toBe(200);
    const { order } = scanned.json() as { order: OrderJson };
    expect(order).toMatchObject({
      status: 'pending',
      stockState: 'none',
      version: created.version,
    });

    const res = await scanStatus(order.id, { status: 'in_progress', version: order.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'in_progress',
      stockState: 'deducted',
      version: order.version + 1,
      allowedStatuses: ['shipped', 'cancelled'],
    });
    expect(await onHand(ctx, product.id)).toBe(7);
    expect(await orderMovements(ctx, product.id)).toEqual([
      { kind: 'order_deduct', delta: -3, refType: 'order', refId: order.id },
    ]);
    const timeline = await events(ctx, viewer.token, order.id);
    expect(timeline.map((e) => [e.type, e['channel']])).toEqual([
      ['created', 'web'],
      ['status', 'scan'],
    ]);
    expect(timeline.at(-1)).toMatchObject({
      type: 'status',
      channel: 'scan',
      fromStatus: 'pending',
      toStatus: 'in_progress',
      actorId: operator.id,
      data: { stock: 'applied', stockReason: null, notify: null },
    });
    // Scanning again shows where it is now; the client scan lists it as open.
    const again = await resolve(order.reference.toLowerCase(), operator.token);
    expect(again.json().order).toMatchObject({ status: 'in_progress', version: order.version + 1 });
    const byClient = await resolve(codeOf(client), operator.token);
    expect(byClient.json().openOrders).toMatchObject([
      { id: order.id, status: 'in_progress', version: order.version + 1 },
    ]);
  });

  it('answers 409 VERSION_CONFLICT to the version read at scan time after someone else changed the order; nothing changes', async () => {
    const product = await stockedProduct(ctx, manager.token, supplier.id, 5);
    const client = await createClient(ctx, operator.token, { name: 'Menuiserie Blanc' });
    const created = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 2 }],
    });
    const { order } = (
      await resolve(`${PUBLIC}/s/o/${created.reference}`, operator.token)
    ).json() as {
      order: OrderJson;
    };
    const edited = await api('PATCH', `/orders/${order.id}`, manager.token, {
      version: order.version,
      tags: ['urgent'],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const before = await orderFootprint(ctx);
    const eventsBefore = await events(ctx, viewer.token, order.id);
    const stale = await scanStatus(order.id, { status: 'in_progress', version: order.version });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect(await orderFootprint(ctx)).toEqual(before);
    expect(await events(ctx, viewer.token, order.id)).toEqual(eventsBefore);
    expect(await onHand(ctx, product.id)).toBe(5);
    expect((await getOrder(ctx, viewer.token, order.id)).status).toBe('pending');
  });

  it('answers 409 ILLEGAL_TRANSITION with the allowed statuses; nothing changes', async () => {
    const product = await stockedProduct(ctx, manager.token, supplier.id, 5);
    const client = await createClient(ctx, operator.token, { name: 'Traiteur Vidal' });
    const pending = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const done = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    await moveTo(ctx, operator.token, done.id, ['in_progress', 'shipped', 'completed']);
    const before = await orderFootprint(ctx);
    for (const [o, to, allowed] of [
      [pending, 'shipped', ['in_progress', 'cancelled']],
      [pending, 'completed', ['in_progress', 'cancelled']],
      [done, 'in_progress', []],
      [done, 'cancelled', []],
    ] as const) {
      const { order } = (await resolve(`${PUBLIC}/s/o/${o.reference}`, operator.token)).json() as {
        order: OrderJson;
      };
      const res = await scanStatus(order.id, { status: to, version: order.version });
      expectProblem(res, 409, 'ILLEGAL_TRANSITION');
      expect(res.json().allowed).toEqual(allowed);
    }
    expect(await orderFootprint(ctx)).toEqual(before);
    expect(await onHand(ctx, product.id)).toBe(4);
  });

  it('lets a viewer scan but not move the order (403), and changes nothing', async () => {
    const product = await stockedProduct(ctx, manager.token, supplier.id, 5);
    const client = await createClient(ctx, operator.token, { name: 'Librairie Nord' });
    const created = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const scanned = await resolve(`${PUBLIC}/s/o/${created.reference}`, viewer.token);
    expect(scanned.statusCode).toBe(200);
    const before = await orderFootprint(ctx);
    const res = await scanStatus(
      created.id,
      { status: 'in_progress', version: scanned.json().order.version },
      viewer.token,
    );
    expectProblem(res, 403, 'FORBIDDEN');
    expect(await orderFootprint(ctx)).toEqual(before);
    expect(await onHand(ctx, product.id)).toBe(5);
  });
});

describe('every client code and order reference the rest of Gestco accepts resolves', () => {
  let product: Json;
  beforeAll(async () => {
    product = await createProduct(ctx, manager.token, { trackStock: false });
  });

  const general = async () => (await api('GET', '/settings', admin.token)).json().general;
  const saveFormat = async (orderReferenceFormat: string) => {
    const current = await general();
    const res = await api('PUT', '/settings/general', admin.token, {
      version: current.version,
      value: { ...current.value, orderReferenceFormat },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('resolves a client whose code was chosen (not generated), from its label or typed', async () => {
    // The clients API takes 3–20 letters, digits and dashes, any letter of A–Z.
    for (const code of ['DUPONT-01', 'LOU', 'ATELIER-LILAS-2026']) {
      const c = await createClient(ctx, operator.token, { name: `Client ${code}`, code });
      expect(codeOf(c)).toBe(code);
      const labels = await get(`/clients/qr-labels?ids=${c.id}`, viewer.token);
      const url = labels.json().items[0].url as string;
      expect(url).toBe(`${PUBLIC}/s/c/${code}`);
      for (const typed of [url, code.toLowerCase(), ` ${code} `]) {
        const res = await resolve(typed);
        expect(res.statusCode, `${typed}: ${res.body}`).toBe(200);
        expect(res.json()).toMatchObject({ kind: 'client', client: { id: c.id, code } });
      }
    }
  });

  it('resolves an order whose reference format the settings allow, from its QR or typed', async () => {
    const client = await createClient(ctx, operator.token, { name: 'Format Libre' });
    const original = (await general()).value.orderReferenceFormat as string;
    try {
      for (const [format, pattern, typedToo] of [
        // Six characters of the client code alphabet: typed, it must still find the order.
        ['BC{seq:4}', /^BC\d{4}$/, true],
        ['V{year}/{seq:5}', /^V\d{4}\/\d{5}$/, true],
        ['Cde {seq:4}', /^Cde \d{4}$/, false],
        ['#{seq}', /^#\d+$/, false],
      ] as const) {
        await saveFormat(format);
        const o = await createOrder(ctx, operator.token, {
          clientId: client.id,
          lines: [{ productId: product.id, quantity: 1 }],
        });
        expect(o.reference).toMatch(pattern);
        // The URL the order's own QR encodes.
        const url = `${PUBLIC}/s/o/${encodeURIComponent(o.reference)}`;
        const svg = await get(`/orders/${o.id}/qr.svg`, viewer.token);
        expect(svg.body).toBe(await svgOf(url));
        for (const typed of typedToo ? [url, o.reference.toLowerCase()] : [url]) {
          const res = await resolve(typed);
          expect(res.statusCode, `${format} ${typed}: ${res.body}`).toBe(200);
          expect(res.json()).toMatchObject({ kind: 'order', order: { id: o.id } });
        }
      }
    } finally {
      await saveFormat(original);
    }
  });
});
