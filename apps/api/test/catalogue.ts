import { expect } from 'vitest';
import type { TestContext } from './harness.ts';

/** Helpers shared by the catalogue and inventory tests. */

export type Json = Record<string, unknown> & { id: number; version: number };

export const api =
  (ctx: TestContext) =>
  (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    token?: string,
    payload?: object,
  ) =>
    ctx.inject({
      method,
      url: `/api/v1${url}`,
      token,
      ...(payload === undefined ? {} : { payload }),
    });

let skuSeq = 0;
export const uniqueSku = (prefix = 'T') => `${prefix}-${process.pid % 1000}-${(skuSeq += 1)}`;

export async function createProduct(
  ctx: TestContext,
  token: string,
  body: Record<string, unknown> = {},
): Promise<Json> {
  const res = await api(ctx)('POST', '/products', token, {
    sku: uniqueSku(),
    name: 'Produit de test',
    unitPrice: 1000,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function createSupplier(
  ctx: TestContext,
  token: string,
  body: Record<string, unknown> = {},
): Promise<Json> {
  const res = await api(ctx)('POST', '/suppliers', token, { name: 'Fournisseur de test', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function receive(
  ctx: TestContext,
  token: string,
  supplierId: number,
  lines: { productId: number; quantity: number; unitCost?: number | null }[],
  extra: Record<string, unknown> = {},
): Promise<Json> {
  const res = await api(ctx)('POST', '/stock-receipts', token, { supplierId, lines, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function onHand(ctx: TestContext, productId: number) {
  const [row] = await ctx.query<{ on_hand: number }>('SELECT on_hand FROM products WHERE id = ?', [
    productId,
  ]);
  return Number(row!.on_hand);
}

export async function ledgerSum(ctx: TestContext, productId: number) {
  const [row] = await ctx.query<{ s: string | number | null }>(
    'SELECT SUM(delta) AS s FROM stock_movements WHERE product_id = ?',
    [productId],
  );
  return Number(row?.s ?? 0);
}

/** The invariant of the ledger: for every product, SUM(delta) = on_hand. Returns the products that break it. */
export async function ledgerMismatches(ctx: TestContext) {
  const rows = await ctx.query<{ id: number; on_hand: number; ledger: string | number }>(
    `SELECT p.id, p.on_hand, COALESCE(SUM(m.delta), 0) AS ledger
       FROM products p LEFT JOIN stock_movements m ON m.product_id = p.id
      GROUP BY p.id, p.on_hand
     HAVING p.on_hand <> COALESCE(SUM(m.delta), 0)`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    onHand: Number(r.on_hand),
    ledger: Number(r.ledger),
  }));
}

/** What a refused write must leave untouched. */
export async function stockSnapshot(ctx: TestContext) {
  const [row] = await ctx.query<Record<string, string | number | null>>(
    `SELECT (SELECT COALESCE(SUM(on_hand), 0) FROM products) AS onHand,
            (SELECT COALESCE(SUM(on_hand * CAST(id AS SIGNED)), 0) FROM products) AS onHandById,
            (SELECT COUNT(*) FROM stock_movements) AS movements,
            (SELECT COUNT(*) FROM stock_receipts) AS receipts,
            (SELECT COUNT(*) FROM stock_receipt_lines) AS receiptLines,
            (SELECT COUNT(*) FROM audit_log) AS audit`,
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

export const paths = (res: { json(): { errors?: { path: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.path);
