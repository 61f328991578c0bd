import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createDb } from '../src/db/client.ts';
import { api, createProduct, receive, stockSnapshot, type Json } from './catalogue.ts';
import type { TestContext } from './harness.ts';

/** Helpers shared by the orders and coupons tests. */

export type OrderJson = Json & {
  reference: string;
  status: string;
  paymentStatus: string;
  stockState: string;
  totals: { total: number } & Record<string, unknown>;
  lines: (Json & { productId: number | null; quantity: number; sku: string | null })[];
  client: { id: number; status: string };
  tags: string[];
};

let seq = 0;
/** A phone number and e-mail no other client of the run holds (clients are unique on both). */
export function uniqueContact() {
  seq += 1;
  const n = (process.pid % 1000) * 1000 + seq;
  const digits = String(n).padStart(8, '0').slice(-8);
  return {
    phone: `06 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 6)} ${digits.slice(6, 8)}`,
    email: `client${n}@test.gestco.fr`,
  };
}

export async function createClient(
  ctx: TestContext,
  token: string,
  body: Record<string, unknown> = {},
): Promise<Json> {
  const res = await api(ctx)('POST', '/clients', token, {
    name: 'Client de test',
    kind: 'company',
    ...uniqueContact(),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A product with `quantity` units received from `supplierId`. */
export async function stockedProduct(
  ctx: TestContext,
  token: string,
  supplierId: number,
  quantity: number,
  body: Record<string, unknown> = {},
): Promise<Json> {
  const product = await createProduct(ctx, token, body);
  if (quantity > 0) await receive(ctx, token, supplierId, [{ productId: product.id, quantity }]);
  return product;
}

export const postOrder = (
  ctx: TestContext,
  token: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) => ctx.inject({ method: 'POST', url: '/api/v1/orders', token, payload: body, headers });

export async function createOrder(
  ctx: TestContext,
  token: string,
  body: Record<string, unknown>,
): Promise<OrderJson> {
  const res = await postOrder(ctx, token, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function getOrder(ctx: TestContext, token: string, id: number): Promise<OrderJson> {
  const res = await api(ctx)('GET', `/orders/${id}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export const changeStatus = (
  ctx: TestContext,
  token: string,
  id: number,
  body: Record<string, unknown>,
) => api(ctx)('POST', `/orders/${id}/status`, token, body);

/** Moves an order along the legal path to `status`, checking each step. */
export async function moveTo(
  ctx: TestContext,
  token: string,
  id: number,
  path: string[],
  extra: Record<string, unknown> = {},
): Promise<OrderJson> {
  let order: OrderJson | undefined;
  for (const status of path) {
    const res = await changeStatus(ctx, token, id, { status, ...extra });
    expect(res.statusCode, res.body).toBe(200);
    order = res.json();
  }
  return order!;
}

/** The order's timeline; the emails the outbox merges in are left out unless asked for. */
export async function events(ctx: TestContext, token: string, id: number, withEmails = false) {
  const res = await api(ctx)('GET', `/orders/${id}/events`, token);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { type: string }[]).filter(
    (e) => withEmails || e.type !== 'email',
  ) as (Json & {
    type: string;
    changes: { field: string; before: unknown; after: unknown }[];
    data: Record<string, unknown>;
    comment: string | null;
    fromStatus: string | null;
    toStatus: string | null;
  })[];
}

/** Movements of a product caused by orders, oldest first. */
export async function orderMovements(ctx: TestContext, productId: number) {
  const rows = await ctx.query<{ kind: string; delta: number; ref_type: string; ref_id: number }>(
    'SELECT kind, delta, ref_type, ref_id FROM stock_movements WHERE product_id = ? AND kind <> ? ORDER BY id',
    [productId, 'receipt'],
  );
  return rows.map((r) => ({
    kind: r.kind,
    delta: Number(r.delta),
    refType: r.ref_type,
    refId: r.ref_id === null ? null : Number(r.ref_id),
  }));
}

type FootprintCount =
  | 'orders'
  | 'orderVersions'
  | 'orderTotals'
  | 'money'
  | 'orderLines'
  | 'lineQuantities'
  | 'tags'
  | 'events'
  | 'payments'
  | 'clients'
  | 'clientOrders'
  | 'currentClients'
  | 'couponUses'
  | 'sequences'
  | 'idempotencyKeys';

/**
 * Everything a refused order request must leave as it was: orders, their lines,
 * tags, events, payments, clients and their counters, coupon uses, reference
 * counters, idempotency keys, stock and the audit log.
 */
export async function orderFootprint(ctx: TestContext) {
  const [row] = await ctx.query<Record<string, string | number | null>>(
    `SELECT (SELECT COUNT(*) FROM orders) AS orders,
            (SELECT COALESCE(SUM(version), 0) FROM orders) AS orderVersions,
            (SELECT COALESCE(SUM(total), 0) FROM orders) AS orderTotals,
            (SELECT COALESCE(SUM(paid_amount + 3 * refunded_amount), 0) FROM orders) AS money,
            (SELECT COALESCE(GROUP_CONCAT(CONCAT(status, '/', payment_status, '/', stock_state, '/', COALESCE(coupon_code, '')) ORDER BY id), '') FROM orders) AS states,
            (SELECT COUNT(*) FROM order_lines) AS orderLines,
            (SELECT COALESCE(SUM(quantity * CAST(id AS SIGNED) + restocked_quantity), 0) FROM order_lines) AS lineQuantities,
            (SELECT COUNT(*) FROM order_tags) AS tags,
            (SELECT COUNT(*) FROM order_events) AS events,
            (SELECT COUNT(*) FROM order_payments) AS payments,
            (SELECT COUNT(*) FROM clients) AS clients,
            (SELECT COALESCE(SUM(order_count), 0) FROM clients) AS clientOrders,
            (SELECT COUNT(*) FROM clients WHERE status = 'current') AS currentClients,
            (SELECT COALESCE(SUM(used_count), 0) FROM coupons) AS couponUses,
            (SELECT COALESCE(SUM(value), 0) FROM order_sequences) AS sequences,
            (SELECT COUNT(*) FROM idempotency_keys) AS idempotencyKeys`,
  );
  const { states, ...counts } = row!;
  const numbers = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
  return {
    ...(numbers as Record<FootprintCount, number>),
    ...((await stockSnapshot(ctx)) as Record<
      'onHand' | 'onHandById' | 'movements' | 'receipts' | 'receiptLines' | 'audit',
      number
    >),
    states: String(states),
  };
}

/** Audit rows of an order (or any entity), oldest first, with their JSON parsed. */
export async function auditOf(ctx: TestContext, entity: string, entityId: number) {
  const rows = await ctx.query<{
    action: string;
    actor_id: number | null;
    before: string | null;
    after: string | null;
  }>(
    'SELECT action, actor_id, `before`, `after` FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id',
    [entity, String(entityId)],
  );
  return rows.map((r) => ({
    action: r.action,
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    before: r.before && (JSON.parse(r.before) as Record<string, unknown>),
    after: r.after && (JSON.parse(r.after) as Record<string, unknown>),
  }));
}

/** Saves the orders settings section (admin), whatever its current version. */
export async function saveOrdersSettings(
  ctx: TestContext,
  adminToken: string,
  value: Record<string, unknown>,
) {
  const current = (await api(ctx)('GET', '/settings', adminToken)).json();
  const res = await api(ctx)('PUT', '/settings/orders', adminToken, {
    version: current.orders.version,
    value: { ...current.orders.value, ...value },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/**
 * A second app on the test database with a large pool, so concurrent requests
 * really run in parallel transactions (the harness pool has 5 connections).
 */
export async function parallelApp(ctx: TestContext, connections = 30) {
  const handle = createDb(ctx.databaseUrl, connections);
  const app: FastifyInstance = await buildApp(ctx.config, { db: handle, logger: false });
  await app.ready();
  return {
    inject: ({ token, headers, ...rest }: InjectOptions & { token?: string }) =>
      app.inject({
        ...rest,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      }) as Promise<LightMyRequestResponse>,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

export const codes = (responses: LightMyRequestResponse[]) =>
  responses.map((r) => `${r.statusCode}${r.statusCode >= 400 ? ` ${r.json().code}` : ''}`);
