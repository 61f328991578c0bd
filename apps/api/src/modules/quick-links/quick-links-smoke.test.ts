import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { createProduct } from '../../../test/catalogue.ts';
import { createClient } from '../../../test/orders.ts';

let ctx: TestContext;
let admin: TestUser;
beforeAll(async () => {
  ctx = await createTestContext({ PUBLIC_URL: 'https://desk.example.fr' });
  admin = await ctx.createUser('admin');
});
afterAll(() => ctx.close());

it('smoke', async () => {
  const settings = (
    await ctx.inject({ method: 'GET', url: '/api/v1/settings', token: admin.token })
  ).json();
  const cur = await ctx.inject({
    method: 'PUT',
    url: '/api/v1/settings/currencies',
    token: admin.token,
    payload: {
      version: settings.currencies.version,
      value: { rates: [{ currency: 'USD', rate: '1.1' }] },
    },
  });
  expect(cur.statusCode, cur.body).toBe(200);
  const client = await createClient(ctx, admin.token, {
    currency: 'USD',
    language: 'en',
    discountRate: '10',
  });
  const p = await createProduct(ctx, admin.token, { unitPrice: 1000 });
  const made = await ctx.inject({
    method: 'POST',
    url: `/api/v1/clients/${client.id}/quick-links`,
    token: admin.token,
    payload: { label: 'Main', send: true },
  });
  expect(made.statusCode, made.body).toBe(201);
  const { url, link } = made.json();
  const token = url.split('/q/')[1];
  const page = await ctx.inject({ method: 'GET', url: `/api/v1/public/quick-order/${token}` });
  expect(page.statusCode, page.body).toBe(200);
  const prod = page.json().products.find((x: { id: number }) => x.id === p.id);
  expect(prod.listPrice).toBe(1100);
  expect(prod.price).toBe(990);
  const order = await ctx.inject({
    method: 'POST',
    url: `/api/v1/public/quick-order/${token}/orders`,
    headers: { 'idempotency-key': 'abcdefgh-1' },
    payload: { lines: [{ productId: p.id, quantity: 2 }] },
  });
  expect(order.statusCode, order.body).toBe(201);
  console.log(order.json());
  const regen = await ctx.inject({
    method: 'POST',
    url: `/api/v1/quick-links/${link.id}/regenerate`,
    token: admin.token,
    payload: {},
  });
  expect(regen.statusCode, regen.body).toBe(201);
  const dead = await ctx.inject({ method: 'GET', url: `/api/v1/public/quick-order/${token}` });
  expect(dead.statusCode).toBe(404);
  const rows = await ctx.query('SELECT * FROM notifications');
  console.log(rows.map((r) => [r['event'], r['to_email'], r['status']]));
  const dump =
    JSON.stringify(await ctx.query('SELECT * FROM notifications')) +
    JSON.stringify(await ctx.query('SELECT * FROM quick_links')) +
    JSON.stringify(await ctx.query('SELECT * FROM audit_log'));
  expect(dump.includes(token)).toBe(false);
});
