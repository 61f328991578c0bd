import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  paths,
  receive,
  type Json,
} from '../../../test/catalogue.ts';

let ctx: TestContext;
let admin: TestUser;
let manager: TestUser;
let operator: TestUser;
let viewer: TestUser;
let api: ReturnType<typeof apiOf>;

beforeAll(async () => {
  ctx = await createTestContext();
  api = apiOf(ctx);
  admin = await ctx.createUser('admin');
  manager = await ctx.createUser('manager');
  operator = await ctx.createUser('operator');
  viewer = await ctx.createUser('viewer');
});
afterAll(() => ctx.close());

const auditCount = async (action: string, id: number) => {
  const [row] = await ctx.query<{ n: number }>(
    'SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND entity_id = ?',
    [action, String(id)],
  );
  return Number(row!.n);
};

describe('POST /suppliers', () => {
  it('creates a supplier with an E.164 phone, a lower-cased email and an address, and audits it', async () => {
    const res = await api('POST', '/suppliers', manager.token, {
      name: '  Rexel Lyon Gerland  ',
      contactPerson: 'Sophie Garnier',
      email: 'Agence.Gerland@Rexel.FR',
      phone: '04 72 76 10 20',
      address: {
        line1: '12 avenue Tony Garnier',
        postalCode: '69007',
        city: 'Lyon',
        country: 'FR',
      },
      notes: 'Franco de port à partir de 300 € HT.',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Rexel Lyon Gerland',
      contactPerson: 'Sophie Garnier',
      email: 'agence.gerland@rexel.fr',
      phone: '+33472761020',
      phoneNational: '04 72 76 10 20',
      address: {
        line1: '12 avenue Tony Garnier',
        postalCode: '69007',
        city: 'Lyon',
        country: 'FR',
      },
      productCount: 0,
      archived: false,
      version: 1,
    });
    expect(await auditCount('supplier.create', res.json().id)).toBe(1);
  });

  it.each([
    ['+33 4 72 76 10 20', undefined, '+33472761020'],
    ['0033 4 72 76 10 20', undefined, '+33472761020'],
    ['04.72.76.10.20', undefined, '+33472761020'],
    ['02 123 45 67', 'BE', '+3221234567'],
    ['030 1234567', 'DE', '+49301234567'],
  ])('reads the phone %s (address country %s) as %s', async (phone, country, e164) => {
    const supplier = await createSupplier(ctx, manager.token, {
      name: `Tel ${phone}`,
      phone,
      ...(country ? { address: { country } } : {}),
    });
    expect(supplier.phone).toBe(e164);
  });

  it.each([
    [{ name: 'X', phone: '12' }, '/phone'],
    [{ name: 'X', phone: '04 72 76' }, '/phone'],
    [{ name: 'X', email: 'pas-un-email' }, '/email'],
    [{ name: '   ' }, '/name'],
    [{ name: 'X'.repeat(161) }, '/name'],
    [{}, '/name'],
    [{ name: 'X', address: { country: 'France' } }, '/address/country'],
    [{ name: 'X', siret: '123' }, '/siret'],
  ])('refuses %j naming %s, and creates nothing', async (payload, path) => {
    const before = await countRows(ctx, 'suppliers');
    const res = await api('POST', '/suppliers', manager.token, payload);
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toContain(path);
    expect(await countRows(ctx, 'suppliers')).toBe(before);
  });
});

describe('GET /suppliers', () => {
  it('lists by name with search, pages without repeats and counts linked products', async () => {
    const names = ['Zinc Alpha', 'Zinc Bravo', 'Zinc Charlie', 'Zinc Delta', 'Zinc Echo'];
    const made: Json[] = [];
    for (const name of [...names].reverse())
      made.push(await createSupplier(ctx, manager.token, { name }));
    await createProduct(ctx, manager.token, {
      suppliers: [{ supplierId: made[0]!.id }, { supplierId: made[1]!.id }],
    });
    await createProduct(ctx, manager.token, { suppliers: [{ supplierId: made[0]!.id }] });

    const all = (await api('GET', '/suppliers?q=zinc&limit=100', viewer.token)).json();
    expect(all.items.map((s: Json) => s.name)).toEqual(names);
    const echo = all.items.find((s: Json) => s.name === 'Zinc Echo');
    expect(echo.productCount).toBe(2);
    expect(all.items.find((s: Json) => s.name === 'Zinc Delta').productCount).toBe(1);
    expect((await api('GET', `/suppliers/${made[0]!.id}`, viewer.token)).json().productCount).toBe(
      2,
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Json[]; total: number; nextCursor: string | null } = (
        await api(
          'GET',
          `/suppliers?q=zinc&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          viewer.token,
        )
      ).json();
      expect(page.total).toBe(5);
      seen.push(...page.items.map((s) => s.name as string));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(names);
  });

  it('answers 404 for an unknown supplier', async () => {
    const res = await api('GET', '/suppliers/999999', viewer.token);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('SUPPLIER_NOT_FOUND');
  });
});

describe('PATCH /suppliers/:id', () => {
  it('changes fields, re-reads the phone with the stored country, bumps the version and audits', async () => {
    const supplier = await createSupplier(ctx, manager.token, {
      name: 'Brico Pro Bruxelles',
      address: { country: 'BE' },
    });
    const res = await api('PATCH', `/suppliers/${supplier.id}`, manager.token, {
      version: supplier.version,
      phone: '02 123 45 67',
      contactPerson: 'Luc Janssens',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      phone: '+3221234567',
      contactPerson: 'Luc Janssens',
      version: supplier.version + 1,
    });
    expect(await auditCount('supplier.update', supplier.id)).toBe(1);
    const cleared = await api('PATCH', `/suppliers/${supplier.id}`, manager.token, {
      version: supplier.version + 1,
      phone: null,
    });
    expect(cleared.json()).toMatchObject({ phone: null, phoneNational: null });
  });

  it('answers 409 VERSION_CONFLICT to a stale version and 400 to a bad phone, changing nothing', async () => {
    const supplier = await createSupplier(ctx, manager.token, { name: 'Avant' });
    await api('PATCH', `/suppliers/${supplier.id}`, manager.token, {
      version: supplier.version,
      name: 'Après',
    });
    const stale = await api('PATCH', `/suppliers/${supplier.id}`, manager.token, {
      version: supplier.version,
      name: 'Perdu',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const bad = await api('PATCH', `/suppliers/${supplier.id}`, manager.token, {
      version: supplier.version + 1,
      phone: '123',
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['/phone']);
    expect((await api('GET', `/suppliers/${supplier.id}`, viewer.token)).json()).toMatchObject({
      name: 'Après',
      version: supplier.version + 1,
    });
  });
});

describe('archive, unarchive, delete', () => {
  it('archives (hidden, not editable, not usable) and unarchives, auditing both', async () => {
    const supplier = await createSupplier(ctx, manager.token, { name: 'Quincaillerie Archivée' });
    const archived = await api('POST', `/suppliers/${supplier.id}/archive`, manager.token, {
      version: supplier.version,
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ archived: true, version: supplier.version + 1 });
    expect((await api('GET', '/suppliers?q=Archiv', viewer.token)).json().total).toBe(0);
    expect(
      (await api('GET', '/suppliers?q=Archiv&archived=true', viewer.token))
        .json()
        .items.map((s: Json) => s.id),
    ).toEqual([supplier.id]);
    const edit = await api('PATCH', `/suppliers/${supplier.id}`, manager.token, {
      version: supplier.version + 1,
      name: 'Non',
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('SUPPLIER_ARCHIVED');
    const stale = await api('POST', `/suppliers/${supplier.id}/unarchive`, manager.token, {
      version: supplier.version,
    });
    expect(stale.statusCode).toBe(409);
    const back = await api('POST', `/suppliers/${supplier.id}/unarchive`, manager.token, {
      version: supplier.version + 1,
    });
    expect(back.json()).toMatchObject({ archived: false, version: supplier.version + 2 });
    expect(await auditCount('supplier.archive', supplier.id)).toBe(1);
    expect(await auditCount('supplier.unarchive', supplier.id)).toBe(1);
  });

  it('deletes an unused supplier, auditing it', async () => {
    const supplier = await createSupplier(ctx, manager.token, { name: 'Jamais utilisé' });
    expect((await api('DELETE', `/suppliers/${supplier.id}`, manager.token)).statusCode).toBe(204);
    expect((await api('GET', `/suppliers/${supplier.id}`, viewer.token)).statusCode).toBe(404);
    expect(await auditCount('supplier.delete', supplier.id)).toBe(1);
    expect((await api('DELETE', `/suppliers/${supplier.id}`, manager.token)).statusCode).toBe(404);
  });

  it('refuses to delete a supplier linked to a product, or one with receipts (409)', async () => {
    const linked = await createSupplier(ctx, manager.token, { name: 'Lié' });
    const product = await createProduct(ctx, manager.token, {
      suppliers: [{ supplierId: linked.id }],
    });
    const res = await api('DELETE', `/suppliers/${linked.id}`, manager.token);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');

    const delivered = await createSupplier(ctx, manager.token, { name: 'A livré' });
    await receive(ctx, operator.token, delivered.id, [{ productId: product.id, quantity: 2 }]);
    const withReceipt = await api('DELETE', `/suppliers/${delivered.id}`, manager.token);
    expect(withReceipt.statusCode).toBe(409);
    expect(await auditCount('supplier.delete', linked.id)).toBe(0);
    expect(await auditCount('supplier.delete', delivered.id)).toBe(0);
    expect((await api('GET', `/suppliers/${delivered.id}`, viewer.token)).statusCode).toBe(200);
  });
});

describe('roles', () => {
  it('lets every role read, only managers and admins write suppliers (403 otherwise)', async () => {
    const supplier = await createSupplier(ctx, manager.token, { name: 'Rôles' });
    for (const user of [viewer, operator]) {
      expect((await api('GET', '/suppliers', user.token)).statusCode).toBe(200);
      expect((await api('GET', `/suppliers/${supplier.id}`, user.token)).statusCode).toBe(200);
      const before = await countRows(ctx, 'suppliers');
      for (const res of await Promise.all([
        api('POST', '/suppliers', user.token, { name: 'Non' }),
        api('PATCH', `/suppliers/${supplier.id}`, user.token, { version: 1, name: 'Non' }),
        api('DELETE', `/suppliers/${supplier.id}`, user.token),
        api('POST', `/suppliers/${supplier.id}/archive`, user.token, { version: 1 }),
      ]))
        expect(res.statusCode).toBe(403);
      expect(await countRows(ctx, 'suppliers')).toBe(before);
    }
    expect((await api('GET', '/suppliers')).statusCode).toBe(401);
    await createSupplier(ctx, admin.token, { name: 'Par un admin' });
    expect((await api('GET', `/suppliers/${supplier.id}`, viewer.token)).json().version).toBe(1);
  });
});
