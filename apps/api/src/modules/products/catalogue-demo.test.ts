import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../bootstrap.ts';
import { toE164 } from '../../lib/phone.ts';
import { systemActor } from '../../lib/request-context.ts';
import { SETTINGS_DEFAULTS } from '../settings/settings-defaults.ts';
import { countRows, createTestContext, type TestContext } from '../../../test/harness.ts';
import { ledgerMismatches } from '../../../test/catalogue.ts';
import { DEMO_CATEGORIES, demoCatalogue, seedDemoCatalogue } from './catalogue-demo.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.createUser('admin');
  expect(await seedDemo(ctx.app.services)).toBe(true);
}, 120_000);
afterAll(() => ctx.close());

interface ProductRow {
  id: number;
  sku: string;
  category: string;
  specs: string;
  unit_price: number;
  vat_bp: number;
  track_stock: number;
  reorder_point: number;
  on_hand: number;
}
const products = () => ctx.query<ProductRow>('SELECT * FROM products ORDER BY id');

describe('demo catalogue', () => {
  it('holds ~150 products in five categories, with specs, prices and VAT rates from the default list', async () => {
    const rows = await products();
    expect(rows.length).toBe(demoCatalogue().length);
    expect(rows.length).toBeGreaterThanOrEqual(140);
    expect(rows.length).toBeLessThanOrEqual(160);
    const perCategory = new Map<string, number>();
    for (const r of rows) perCategory.set(r.category, (perCategory.get(r.category) ?? 0) + 1);
    expect([...perCategory.keys()].sort()).toEqual(DEMO_CATEGORIES.map(([c]) => c).sort());
    for (const n of perCategory.values()) expect(n).toBeGreaterThanOrEqual(25);
    const rates = SETTINGS_DEFAULTS.catalogue.vatRates.map((r) => Math.round(Number(r) * 100));
    for (const r of rows) {
      expect(r.sku).toMatch(/^[A-Z]{3}-[A-Z0-9-]+$/);
      expect(JSON.parse(r.specs).length).toBeGreaterThanOrEqual(2);
      expect(r.unit_price).toBeGreaterThan(0);
      expect(rates).toContain(r.vat_bp);
    }
    expect(new Set(rows.map((r) => r.sku)).size).toBe(rows.length);
  });

  it('has 10 suppliers with French phone numbers, linked to every product with references, costs and lead times', async () => {
    const suppliers = await ctx.query<{ id: number; phone: string; city: string }>(
      'SELECT * FROM suppliers',
    );
    expect(suppliers).toHaveLength(10);
    for (const s of suppliers) {
      expect(s.phone).toMatch(/^\+33[1-9]\d{8}$/);
      expect(toE164(s.phone, 'FR')).toBe(s.phone);
    }
    const unlinked = await ctx.query(
      'SELECT p.id FROM products p LEFT JOIN product_suppliers ps ON ps.product_id = p.id WHERE ps.product_id IS NULL',
    );
    expect(unlinked).toEqual([]);
    const links = await ctx.query<{
      reference: string;
      cost_price: number;
      lead_time_days: number;
      unit_price: number;
    }>(
      'SELECT ps.*, p.unit_price FROM product_suppliers ps JOIN products p ON p.id = ps.product_id',
    );
    for (const link of links) {
      expect(link.reference).toMatch(/^[A-Z]{2,3}-\d{6}$/);
      expect(link.cost_price).toBeLessThan(link.unit_price);
      expect(link.lead_time_days).toBeGreaterThan(0);
    }
    // Every supplier delivers something.
    const [idle] = await ctx.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM suppliers s WHERE NOT EXISTS (SELECT 1 FROM product_suppliers ps WHERE ps.supplier_id = s.id)',
    );
    expect(Number(idle!.n)).toBe(0);
  });

  it('has a stock history: receipts, a few adjustments, and a ledger equal to on hand for every product', async () => {
    expect(await countRows(ctx, 'stock_receipts')).toBeGreaterThanOrEqual(10);
    const kinds = await ctx.query<{ kind: string; n: number }>(
      'SELECT kind, COUNT(*) AS n FROM stock_movements GROUP BY kind',
    );
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
    expect(byKind['receipt']).toBeGreaterThan(100);
    expect(byKind['adjustment']).toBeGreaterThanOrEqual(5);
    expect(byKind['adjustment']).toBeLessThan(50);
    expect(await ledgerMismatches(ctx)).toEqual([]);
    // Moves were made by the demo staff, not by "system".
    const actors = await ctx.query<{ actor_label: string }>(
      'SELECT DISTINCT actor_label FROM stock_movements',
    );
    expect(actors.map((a) => a.actor_label)).toContain('claire.martin@demo.gestco.fr');
  });

  it('shows every stock status: plenty, low, out, untracked', async () => {
    const rows = await products();
    const status = (r: ProductRow) =>
      !r.track_stock
        ? 'untracked'
        : r.on_hand <= 0
          ? 'out'
          : r.on_hand <= r.reorder_point
            ? 'low'
            : 'ok';
    const counts: Record<string, number> = {};
    for (const r of rows) counts[status(r)] = (counts[status(r)] ?? 0) + 1;
    expect(counts['ok']).toBeGreaterThan(rows.length / 2);
    expect(counts['low']).toBeGreaterThanOrEqual(5);
    expect(counts['out']).toBeGreaterThanOrEqual(5);
    expect(counts['untracked']).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.on_hand >= 0)).toBe(true);

    const admin = await ctx.createUser('viewer');
    const low = await ctx.inject({
      method: 'GET',
      url: '/api/v1/products/low-stock?limit=100',
      token: admin.token,
    });
    expect(low.json().total).toBe((counts['low'] ?? 0) + (counts['out'] ?? 0));
  });

  it('is the same data set every time', () => {
    expect(demoCatalogue()).toEqual(demoCatalogue());
  });

  it('does not seed twice', async () => {
    const tables = [
      'products',
      'suppliers',
      'product_suppliers',
      'stock_movements',
      'stock_receipts',
      'audit_log',
    ];
    const count = async () =>
      Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await countRows(ctx, t)])));
    const before = await count();
    expect(await seedDemo(ctx.app.services)).toBe(false);
    expect(await seedDemoCatalogue(ctx.app.services, systemActor('demo'))).toEqual({
      products: 0,
      suppliers: 0,
      receipts: 0,
      adjustments: 0,
    });
    expect(await count()).toEqual(before);
  });
});
