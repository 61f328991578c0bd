import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
  paths,
  receive,
  uniqueSku,
  type Json,
} from '../../../test/catalogue.ts';

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
  manager = await ctx.createUser('manager');
  operator = await ctx.createUser('operator');
  viewer = await ctx.createUser('viewer');
  supplier = await createSupplier(ctx, manager.token, { name: 'Würth France' });
});
afterAll(() => ctx.close());
afterEach(async () => {
  expect(await ledgerMismatches(ctx)).toEqual([]);
});

const SPECS = [
  { name: 'Tension', value: '18', unit: 'V' },
  { name: 'Couple maxi', value: '60', unit: 'N·m' },
  { name: 'Mandrin', value: 'autoserrant 13 mm', unit: null },
  { name: 'Poids', value: '1,6', unit: 'kg' },
];

const auditRows = async (action: string, id: number) =>
  (
    await ctx.query<{ before: string | null; after: string | null; actor_id: number }>(
      'SELECT * FROM audit_log WHERE action = ? AND entity_id = ? ORDER BY id',
      [action, String(id)],
    )
  ).map((r) => ({
    ...r,
    before: r.before === null ? null : (JSON.parse(r.before) as Record<string, unknown>),
    after: r.after === null ? null : (JSON.parse(r.after) as Record<string, unknown>),
  }));

describe('POST /products', () => {
  it('creates a product with ordered specs, supplier links, upper-cased SKU, and audits it', async () => {
    const res = await api('POST', '/products', manager.token, {
      sku: 'prc-18v-01',
      name: '  Perceuse-visseuse 18 V  ',
      description: 'Deux batteries 2 Ah, chargeur, coffret.',
      category: 'Outillage électroportatif',
      specs: SPECS,
      unitPrice: 14990,
      vatRate: '5.5',
      salesUnit: 'pièce',
      reorderPoint: 3,
      imageUrl: 'https://images.example.fr/prc-18v.jpg',
      suppliers: [
        { supplierId: supplier.id, reference: ' W-0700-18 ', costPrice: 8900, leadTimeDays: 5 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const product = res.json();
    expect(product).toMatchObject({
      sku: 'PRC-18V-01',
      name: 'Perceuse-visseuse 18 V',
      category: 'Outillage électroportatif',
      specs: SPECS,
      unitPrice: 14990,
      currency: 'EUR',
      vatRate: '5.5',
      salesUnit: 'pièce',
      active: true,
      trackStock: true,
      allowBackorder: false,
      reorderPoint: 3,
      onHand: 0,
      stockStatus: 'out',
      archived: false,
      version: 1,
      suppliers: [
        {
          supplierId: supplier.id,
          supplierName: 'Würth France',
          reference: 'W-0700-18',
          costPrice: 8900,
          leadTimeDays: 5,
        },
      ],
    });
    const [row] = await ctx.query<{ vat_bp: number; sku: string }>(
      'SELECT vat_bp, sku FROM products WHERE id = ?',
      [product.id],
    );
    expect(row).toMatchObject({ vat_bp: 550, sku: 'PRC-18V-01' });
    const audit = await auditRows('product.create', product.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(manager.id);
    expect(audit[0]!.after).toMatchObject({ sku: 'PRC-18V-01', vatBp: 550 });
  });

  it('reads the specs back in the order they were written', async () => {
    const reversed = [...SPECS].reverse();
    const created = await createProduct(ctx, manager.token, { specs: reversed });
    const res = await api('GET', `/products/${created.id}`, viewer.token);
    expect(res.statusCode).toBe(200);
    expect(res.json().specs).toEqual(reversed);
    const patched = await api('PATCH', `/products/${created.id}`, manager.token, {
      version: created.version,
      specs: [SPECS[2], SPECS[0]],
    });
    expect(patched.json().specs).toEqual([SPECS[2], SPECS[0]]);
    expect((await api('GET', `/products/${created.id}`, viewer.token)).json().specs).toEqual([
      SPECS[2],
      SPECS[0],
    ]);
  });

  it('takes the default VAT rate and sales unit from the settings when omitted', async () => {
    const product = await createProduct(ctx, manager.token);
    expect(product).toMatchObject({ vatRate: '20', salesUnit: 'pièce', specs: [] });
  });

  it('refuses a VAT rate that is not in the settings list, then accepts it once an admin adds it', async () => {
    const before = await countRows(ctx, 'products');
    const refused = await api('POST', '/products', manager.token, {
      sku: uniqueSku(),
      name: 'Taux inconnu',
      unitPrice: 100,
      vatRate: '8.5',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('VALIDATION_FAILED');
    expect(paths(refused)).toEqual(['/vatRate']);
    expect(await countRows(ctx, 'products')).toBe(before);

    const settings = (await api('GET', '/settings', admin.token)).json();
    const { version, value } = settings.catalogue;
    const put = await api('PUT', '/settings/catalogue', admin.token, {
      version,
      value: { ...value, vatRates: [...value.vatRates, '8.5'] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const options = (await api('GET', '/catalogue/options', viewer.token)).json();
    expect(options.vatRates).toContain('8.5');

    const accepted = await createProduct(ctx, manager.token, { vatRate: '8.50' });
    expect(accepted.vatRate).toBe('8.5');
    const restore = await api('PUT', '/settings/catalogue', admin.token, {
      version: put.json().version,
      value,
    });
    expect(restore.statusCode).toBe(200);
    // Existing products keep their rate; new ones cannot take it any more.
    expect((await api('GET', `/products/${accepted.id}`, viewer.token)).json().vatRate).toBe('8.5');
    const again = await api('POST', '/products', manager.token, {
      sku: uniqueSku(),
      name: 'Taux retiré',
      unitPrice: 100,
      vatRate: '8.5',
    });
    expect(again.statusCode).toBe(400);
  });

  it('answers 409 SKU_TAKEN with the existing id, case-insensitively, and creates nothing', async () => {
    const first = await createProduct(ctx, manager.token, { sku: 'VIS-TF-4X40' });
    const before = await countRows(ctx, 'products');
    for (const sku of ['VIS-TF-4X40', 'vis-tf-4x40', 'Vis-Tf-4x40']) {
      const res = await api('POST', '/products', manager.token, {
        sku,
        name: 'Doublon',
        unitPrice: 100,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'SKU_TAKEN', existingId: first.id });
      expect(paths(res)).toEqual(['/sku']);
    }
    expect(await countRows(ctx, 'products')).toBe(before);

    const other = await createProduct(ctx, manager.token);
    const renamed = await api('PATCH', `/products/${other.id}`, manager.token, {
      version: other.version,
      sku: 'vis-tf-4x40',
    });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json()).toMatchObject({ code: 'SKU_TAKEN', existingId: first.id });
    const unchanged = (await api('GET', `/products/${other.id}`, viewer.token)).json();
    expect(unchanged).toMatchObject({ sku: other.sku, version: other.version });
  });

  it.each([
    [{ unitPrice: -1 }, '/unitPrice'],
    [{ unitPrice: 12.5 }, '/unitPrice'],
    [{ unitPrice: '1000' }, '/unitPrice'],
    [{ vatRate: '20%' }, '/vatRate'],
    [{ vatRate: '-5' }, '/vatRate'],
    [{ vatRate: 20 }, '/vatRate'],
    [{ name: '   ' }, '/name'],
    [{ name: '' }, '/name'],
    [{ sku: 'avec espace' }, '/sku'],
    [{ sku: '-commence-par-tiret' }, '/sku'],
    [{ sku: 'X'.repeat(41) }, '/sku'],
    [{ specs: [{ name: 'Tension', unit: 'V' }] }, '/specs/0/value'],
    [{ specs: [{ name: '', value: '18', unit: 'V' }] }, '/specs/0/name'],
    [{ reorderPoint: -1 }, '/reorderPoint'],
    [{ imageUrl: 'pas une url' }, '/imageUrl'],
    [{ onHand: 10 }, '/onHand'],
    [{ suppliers: [{ supplierId: 1, leadTimeDays: -2 }] }, '/suppliers/0/leadTimeDays'],
    [{ suppliers: [{ supplierId: 1, costPrice: -5 }] }, '/suppliers/0/costPrice'],
  ])('refuses %j naming %s, and creates nothing', async (patch, path) => {
    const before = await countRows(ctx, 'products');
    const res = await api('POST', '/products', manager.token, {
      sku: uniqueSku(),
      name: 'Produit',
      unitPrice: 1000,
      ...patch,
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toContain(path);
    expect(await countRows(ctx, 'products')).toBe(before);
  });

  it('refuses unknown, archived or duplicate supplier links, and creates nothing', async () => {
    const archived = await createSupplier(ctx, manager.token, { name: 'Ancien fournisseur' });
    const res = await api('POST', `/suppliers/${archived.id}/archive`, manager.token, {
      version: archived.version,
    });
    expect(res.statusCode).toBe(200);
    const before = {
      products: await countRows(ctx, 'products'),
      links: await countRows(ctx, 'product_suppliers'),
    };
    const attempt = (suppliers: object[]) =>
      api('POST', '/products', manager.token, {
        sku: uniqueSku(),
        name: 'Lien fournisseur',
        unitPrice: 100,
        suppliers,
      });

    const unknown = await attempt([{ supplierId: 999_999 }]);
    expect(unknown.statusCode).toBe(400);
    expect(paths(unknown)).toEqual(['/suppliers/0/supplierId']);

    const gone = await attempt([{ supplierId: supplier.id }, { supplierId: archived.id }]);
    expect(gone.statusCode).toBe(409);
    expect(gone.json().code).toBe('SUPPLIER_ARCHIVED');
    expect(paths(gone)).toEqual(['/suppliers/1/supplierId']);

    const twice = await attempt([{ supplierId: supplier.id }, { supplierId: supplier.id }]);
    expect(twice.statusCode).toBe(400);
    expect(paths(twice)).toEqual(['/suppliers/1/supplierId']);

    expect({
      products: await countRows(ctx, 'products'),
      links: await countRows(ctx, 'product_suppliers'),
    }).toEqual(before);
  });
});

describe('GET/PATCH /products/:id', () => {
  it('answers 404 for an unknown product', async () => {
    const res = await api('GET', '/products/999999', viewer.token);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PRODUCT_NOT_FOUND');
    const patch = await api('PATCH', '/products/999999', manager.token, { version: 1, name: 'X' });
    expect(patch.statusCode).toBe(404);
  });

  it('changes fields, bumps the version, replaces the supplier list and audits before/after', async () => {
    const second = await createSupplier(ctx, manager.token, { name: 'Legallais' });
    const product = await createProduct(ctx, manager.token, {
      name: 'Cheville nylon 8 mm',
      suppliers: [{ supplierId: supplier.id, reference: 'A', costPrice: 2 }],
    });
    const res = await api('PATCH', `/products/${product.id}`, manager.token, {
      version: product.version,
      name: 'Cheville nylon 8 mm (boîte de 100)',
      unitPrice: 690,
      salesUnit: 'boîte',
      reorderPoint: 10,
      vatRate: '10',
      suppliers: [{ supplierId: second.id, reference: 'LG-8', costPrice: 310, leadTimeDays: 2 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Cheville nylon 8 mm (boîte de 100)',
      unitPrice: 690,
      salesUnit: 'boîte',
      reorderPoint: 10,
      vatRate: '10',
      version: product.version + 1,
      suppliers: [{ supplierId: second.id, supplierName: 'Legallais', reference: 'LG-8' }],
    });
    const [audit] = await auditRows('product.update', product.id);
    expect(audit!.before).toMatchObject({
      name: 'Cheville nylon 8 mm',
      suppliers: [{ supplierId: supplier.id }],
    });
    expect(audit!.after).toMatchObject({
      name: 'Cheville nylon 8 mm (boîte de 100)',
      vatBp: 1000,
      suppliers: [{ supplierId: second.id }],
    });
    // An empty list removes every link.
    const cleared = await api('PATCH', `/products/${product.id}`, manager.token, {
      version: product.version + 1,
      suppliers: [],
    });
    expect(cleared.json().suppliers).toEqual([]);
  });

  it('answers 409 VERSION_CONFLICT to a stale version and changes nothing', async () => {
    const product = await createProduct(ctx, manager.token, { name: 'Version 1' });
    const first = await api('PATCH', `/products/${product.id}`, manager.token, {
      version: product.version,
      name: 'Version 2',
    });
    expect(first.statusCode).toBe(200);
    const stale = await api('PATCH', `/products/${product.id}`, manager.token, {
      version: product.version,
      name: 'Version perdue',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    expect((await api('GET', `/products/${product.id}`, viewer.token)).json()).toMatchObject({
      name: 'Version 2',
      version: product.version + 1,
    });
    expect(await auditRows('product.update', product.id)).toHaveLength(1);
  });

  it('refuses a negative price or an unknown VAT rate on PATCH', async () => {
    const product = await createProduct(ctx, manager.token);
    const negative = await api('PATCH', `/products/${product.id}`, manager.token, {
      version: product.version,
      unitPrice: -100,
    });
    expect(negative.statusCode).toBe(400);
    expect(paths(negative)).toContain('/unitPrice');
    const vat = await api('PATCH', `/products/${product.id}`, manager.token, {
      version: product.version,
      vatRate: '19.6',
    });
    expect(vat.statusCode).toBe(400);
    expect(paths(vat)).toEqual(['/vatRate']);
    expect((await api('GET', `/products/${product.id}`, viewer.token)).json().version).toBe(
      product.version,
    );
  });
});

describe('archive, unarchive, delete', () => {
  it('archives (hidden from the list, not editable) and unarchives, auditing both', async () => {
    const product = await createProduct(ctx, manager.token, {
      sku: uniqueSku('ARC'),
      name: 'Produit à archiver',
    });
    const stale = await api('POST', `/products/${product.id}/archive`, manager.token, {
      version: product.version + 5,
    });
    expect(stale.statusCode).toBe(409);

    const archived = await api('POST', `/products/${product.id}/archive`, manager.token, {
      version: product.version,
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ archived: true, version: product.version + 1 });
    const listed = (await api('GET', `/products?q=${product.sku}`, viewer.token)).json();
    expect(listed.total).toBe(0);
    const inArchive = (
      await api('GET', `/products?q=${product.sku}&archived=true`, viewer.token)
    ).json();
    expect(inArchive.items.map((p: Json) => p.id)).toEqual([product.id]);

    const edit = await api('PATCH', `/products/${product.id}`, manager.token, {
      version: archived.json().version,
      name: 'Non',
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('PRODUCT_ARCHIVED');

    const back = await api('POST', `/products/${product.id}/unarchive`, manager.token, {
      version: archived.json().version,
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ archived: false, version: product.version + 2 });
    expect((await api('GET', `/products?q=${product.sku}`, viewer.token)).json().total).toBe(1);
    expect(await auditRows('product.archive', product.id)).toHaveLength(1);
    expect(await auditRows('product.unarchive', product.id)).toHaveLength(1);
  });

  it('deletes a product without stock history (and its supplier links), auditing it', async () => {
    const product = await createProduct(ctx, manager.token, {
      suppliers: [{ supplierId: supplier.id }],
    });
    const res = await api('DELETE', `/products/${product.id}`, manager.token);
    expect(res.statusCode).toBe(204);
    expect((await api('GET', `/products/${product.id}`, viewer.token)).statusCode).toBe(404);
    const [links] = await ctx.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM product_suppliers WHERE product_id = ?',
      [product.id],
    );
    expect(Number(links!.n)).toBe(0);
    expect(await auditRows('product.delete', product.id)).toHaveLength(1);
    expect((await api('DELETE', `/products/${product.id}`, manager.token)).statusCode).toBe(404);
  });

  it('refuses to delete a product once it has stock history (409): archive it instead', async () => {
    const product = await createProduct(ctx, manager.token);
    await receive(ctx, operator.token, supplier.id, [{ productId: product.id, quantity: 3 }]);
    const res = await api('DELETE', `/products/${product.id}`, manager.token);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
    expect((await api('GET', `/products/${product.id}`, viewer.token)).json().onHand).toBe(3);
    expect(await auditRows('product.delete', product.id)).toHaveLength(0);
  });
});

describe('stock status', () => {
  it('is ok above the reorder point, low at or below it, out at zero, untracked without tracking', async () => {
    const product = await createProduct(ctx, manager.token, { reorderPoint: 5 });
    const status = async () => (await api('GET', `/products/${product.id}`, viewer.token)).json();
    expect((await status()).stockStatus).toBe('out');
    await receive(ctx, operator.token, supplier.id, [{ productId: product.id, quantity: 6 }]);
    expect(await status()).toMatchObject({ onHand: 6, stockStatus: 'ok' });
    const adjust = (quantity: number) =>
      api('POST', `/products/${product.id}/adjustments`, operator.token, {
        mode: 'count',
        quantity,
        reason: 'Inventaire tournant',
      });
    expect((await adjust(5)).statusCode).toBe(201);
    expect(await status()).toMatchObject({ onHand: 5, stockStatus: 'low' });
    expect((await adjust(0)).statusCode).toBe(201);
    expect(await status()).toMatchObject({ onHand: 0, stockStatus: 'out' });

    const service = await createProduct(ctx, manager.token, {
      name: 'Découpe sur mesure',
      trackStock: false,
      reorderPoint: 5,
    });
    expect(service.stockStatus).toBe('untracked');
  });
});

describe('GET /products (list)', () => {
  const CATEGORY = 'Liste de test';
  let listSupplier: Json;
  let made: Json[];

  beforeAll(async () => {
    listSupplier = await createSupplier(ctx, manager.token, { name: 'Fournisseur liste' });
    const specs: [string, string, Record<string, unknown>][] = [
      ['LST-AA-1', 'Marteau de coffreur', { reorderPoint: 2 }],
      ['LST-AB-2', 'Niveau a bulle 60 cm', { reorderPoint: 0 }],
      ['LST-AC-3', 'Scie egoine', { reorderPoint: 10, active: false }],
      ['LST-BA-4', 'Tournevis plat', { reorderPoint: 1 }],
      ['LST-BB-5', 'Cutter a lame 18 mm', { reorderPoint: 4 }],
      ['LST-BC-6', 'Metre ruban 5 m', { trackStock: false, reorderPoint: 3 }],
      ['LST-CA-7', 'Pince multiprise', { reorderPoint: 0 }],
    ];
    made = [];
    for (const [sku, name, extra] of specs) {
      made.push(
        await createProduct(ctx, manager.token, {
          sku,
          name,
          category: CATEGORY,
          ...extra,
          ...(sku.startsWith('LST-B') ? { suppliers: [{ supplierId: listSupplier.id }] } : {}),
        }),
      );
    }
    // on hand: 5, 0, 3, 1, 8, -, 12
    const stock = [5, 0, 3, 1, 8, 0, 12];
    await receive(
      ctx,
      operator.token,
      supplier.id,
      made.flatMap((p, i) => (stock[i]! > 0 ? [{ productId: p.id, quantity: stock[i]! }] : [])),
    );
  });

  const list = async (query: string, token = viewer.token) => {
    const res = await api(
      'GET',
      `/products?category=${encodeURIComponent(CATEGORY)}&${query}`,
      token,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Json[]; total: number; nextCursor: string | null };
  };
  const skus = (page: { items: Json[] }) => page.items.map((p) => p.sku);

  it('sorts by name by default and filters by category', async () => {
    const page = await list('');
    expect(page.total).toBe(7);
    expect(page.items.map((p) => p.name)).toEqual(
      [...made.map((p) => p.name as string)].sort((a, b) => a.localeCompare(b)),
    );
    const other = (await api('GET', '/products?category=Introuvable', viewer.token)).json();
    expect(other.total).toBe(0);
  });

  it('finds by SKU prefix (any case) and by a word of the name, not by the middle of a SKU', async () => {
    expect(skus(await list('q=LST-A'))).toEqual(['LST-AA-1', 'LST-AB-2', 'LST-AC-3']);
    expect(skus(await list('q=lst-b&sort=sku'))).toEqual(['LST-BA-4', 'LST-BB-5', 'LST-BC-6']);
    expect(skus(await list('q=bulle'))).toEqual(['LST-AB-2']);
    expect(skus(await list('q=MARTEAU'))).toEqual(['LST-AA-1']);
    expect((await list('q=AA-1')).total).toBe(0);
    expect((await list('q=%25')).total).toBe(0);
  });

  it('filters by active flag, low stock and supplier', async () => {
    expect(skus(await list('active=false'))).toEqual(['LST-AC-3']);
    expect((await list('active=true')).total).toBe(6);
    // Tracked and on hand <= reorder point: AB (0 <= 0), AC (3 <= 10), BA (1 <= 1); not BC (untracked).
    expect(skus(await list('lowStock=true&sort=sku'))).toEqual([
      'LST-AB-2',
      'LST-AC-3',
      'LST-BA-4',
    ]);
    expect(skus(await list(`supplierId=${listSupplier.id}&sort=sku`))).toEqual([
      'LST-BA-4',
      'LST-BB-5',
      'LST-BC-6',
    ]);
    expect(skus(await list(`supplierId=${listSupplier.id}&lowStock=true`))).toEqual(['LST-BA-4']);
  });

  it('sorts by sku, on hand and creation time, both ways', async () => {
    const bySku = made.map((p) => p.sku as string).sort();
    expect(skus(await list('sort=sku'))).toEqual(bySku);
    expect(skus(await list('sort=-sku'))).toEqual([...bySku].reverse());
    const onHand = (await list('sort=onHand')).items.map((p) => p.onHand as number);
    expect(onHand).toEqual([...onHand].sort((a, b) => a - b));
    const desc = (await list('sort=-onHand')).items.map((p) => p.onHand as number);
    expect(desc).toEqual([...onHand].reverse());
    const created = (await list('sort=-createdAt')).items.map((p) => p.id);
    expect(created).toEqual([...made.map((p) => p.id)].reverse());
    expect((await api('GET', '/products?sort=price', viewer.token)).statusCode).toBe(400);
  });

  it.each(['name', '-name', 'sku', 'onHand', '-onHand', 'createdAt', '-createdAt'])(
    'pages with a keyset cursor (sort=%s) without repeats or gaps',
    async (sort) => {
      const all = (await list(`sort=${sort}&limit=100`)).items.map((p) => p.id);
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list(
          `sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(page.total).toBe(7);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(7);
    },
  );

  it('refuses a cursor that is not one', async () => {
    const res = await api('GET', '/products?cursor=not-a-cursor', viewer.token);
    expect(res.statusCode).toBe(400);
  });

  it('lists low stock emptiest first, tracked and not archived only', async () => {
    const res = await api('GET', '/products/low-stock?limit=100', viewer.token);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Json[];
    const onHand = items.map((p) => p.onHand as number);
    expect(onHand).toEqual([...onHand].sort((a, b) => a - b));
    for (const p of items) {
      expect(p.trackStock).toBe(true);
      expect(p.archived).toBe(false);
      expect(p.onHand as number).toBeLessThanOrEqual(p.reorderPoint as number);
    }
    const mine = items.filter((p) => p.category === CATEGORY).map((p) => p.sku);
    expect(mine).toEqual(['LST-AB-2', 'LST-BA-4', 'LST-AC-3']);
    expect(items.map((p) => p.sku)).not.toContain('LST-BC-6');
    // Paging the low-stock list repeats nothing.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Json[]; total: number; nextCursor: string | null } = (
        await api(
          'GET',
          `/products/low-stock?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          viewer.token,
        )
      ).json();
      seen.push(...page.items.map((p: Json) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(items.map((p) => p.id));
  });
});

describe('roles', () => {
  it('lets every role read, only managers and admins write products (403 otherwise), and needs a token', async () => {
    const product = await createProduct(ctx, manager.token);
    for (const user of [viewer, operator]) {
      expect((await api('GET', '/products', user.token)).statusCode).toBe(200);
      expect((await api('GET', `/products/${product.id}`, user.token)).statusCode).toBe(200);
      expect((await api('GET', '/products/low-stock', user.token)).statusCode).toBe(200);
      expect((await api('GET', '/catalogue/options', user.token)).statusCode).toBe(200);
      const before = await countRows(ctx, 'products');
      const writes = [
        api('POST', '/products', user.token, { sku: uniqueSku(), name: 'Non', unitPrice: 1 }),
        api('PATCH', `/products/${product.id}`, user.token, { version: 1, name: 'Non' }),
        api('DELETE', `/products/${product.id}`, user.token),
        api('POST', `/products/${product.id}/archive`, user.token, { version: 1 }),
        api('POST', `/products/${product.id}/unarchive`, user.token, { version: 1 }),
      ];
      for (const res of await Promise.all(writes)) expect(res.statusCode).toBe(403);
      expect(await countRows(ctx, 'products')).toBe(before);
    }
    expect((await api('GET', '/products')).statusCode).toBe(401);
    const byAdmin = await createProduct(ctx, admin.token);
    expect(byAdmin.id).toBeGreaterThan(product.id);
    const unchanged = (await api('GET', `/products/${product.id}`, viewer.token)).json();
    expect(unchanged).toMatchObject({ version: 1, archived: false });
  });
});
