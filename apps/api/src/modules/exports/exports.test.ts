import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct, createSupplier, receive, type Json } from '../../../test/catalogue.ts';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { createClient, createOrder, moveTo, type OrderJson } from '../../../test/orders.ts';
import { csvCell, formatMinor } from './file-writers.ts';

let ctx: TestContext;
let admin: TestUser;
let manager: TestUser;
let viewer: TestUser;
let operator: TestUser;
let p1: Json;
let awkward: Json;
const orders: OrderJson[] = [];

const BOM = '\uFEFF';
const get = (url: string, token = manager.token) =>
  ctx.inject({ method: 'GET', url: `/api/v1${url}`, token });

/** RFC 4180 parser: quoted fields with doubled quotes and line breaks inside. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

async function readXlsx(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.createUser('admin');
  manager = await ctx.createUser('manager');
  viewer = await ctx.createUser('viewer');
  operator = await ctx.createUser('operator');
  const supplier = await createSupplier(ctx, manager.token);
  p1 = await createProduct(ctx, manager.token, { name: 'Vis', unitPrice: 1250, vatRate: '20' });
  await receive(ctx, manager.token, supplier.id, [{ productId: p1.id, quantity: 100 }]);
  awkward = await createProduct(ctx, manager.token, {
    name: 'Écrou "spécial"; lot de 10\nbis',
    unitPrice: 199,
    vatRate: '5.5',
    trackStock: false,
  });
  const plain = await createClient(ctx, admin.token, { name: 'Quincaillerie Dupont' });
  const tricky = await createClient(ctx, admin.token, { name: '=HYPERLINK("x";"Éloïse, SARL")' });
  for (let i = 0; i < 3; i += 1)
    orders.push(
      await createOrder(ctx, admin.token, {
        clientId: i === 1 ? tricky.id : plain.id,
        origin: 'phone',
        tags: i === 0 ? ['Pro'] : [],
        lines: [
          { productId: p1.id, quantity: i + 1 },
          { productId: awkward.id, quantity: 1 },
        ],
      }),
    );
  await moveTo(ctx, admin.token, orders[2]!.id, ['in_progress']);
  await ctx.query('UPDATE orders SET created_at = ? WHERE id = ?', [
    new Date('2025-03-10T09:30:00Z'),
    orders[0]!.id,
  ]);
});
afterAll(() => ctx?.close());

describe('file writers', () => {
  it('writes amounts exactly from minor units in any currency', () => {
    expect(formatMinor(123456, 'EUR', ',')).toBe('1234,56');
    expect(formatMinor(5, 'EUR', '.')).toBe('0.05');
    expect(formatMinor(-5, 'EUR', '.')).toBe('-0.05');
    expect(formatMinor(1500, 'JPY', ',')).toBe('1500');
    expect(formatMinor(1234, 'KWD', '.')).toBe('1.234');
  });
  it('quotes per RFC 4180 and defuses formulas in text', () => {
    expect(csvCell('a;b', ';', true)).toBe('"a;b"');
    expect(csvCell('say "hi"', ';', true)).toBe('"say ""hi"""');
    expect(csvCell('two\nlines', ',', true)).toBe('"two\nlines"');
    expect(csvCell('=1+1', ';', true)).toBe("'=1+1");
    expect(csvCell('-12', ';', false)).toBe('-12');
  });
});

describe('GET /exports/orders', () => {
  it('writes a CSV for French Excel: BOM, semicolons, decimal commas, quoting, one row per order', async () => {
    const res = await get('/exports/orders');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="commandes_\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''commandes_/,
    );
    expect(res.body.startsWith(BOM)).toBe(true);
    const rows = parseCsv(res.body.slice(1), ';');
    expect(rows[0]!.slice(0, 4)).toEqual(['Référence', 'Date', 'Statut', 'Paiement']);
    expect(rows).toHaveLength(1 + 3);
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    // Newest first: the order moved back to March comes last.
    const last = rows[3]!;
    expect(last[col('Référence')]).toBe(orders[0]!.reference);
    expect(last[col('Date')]).toBe('2025-03-10 10:30:00'); // Paris time
    expect(last[col('Statut')]).toBe('En attente');
    expect(last[col('Étiquettes')]).toBe('Pro');
    // 1 × 12.50 + 1 × 1.99: net 14.49, VAT 2.50 + 0.11, total 17.10
    expect(last[col('Total HT')]).toBe('14,49');
    expect(last[col('Total TTC')]).toBe('17,10');
    expect(last[col('Total TTC (EUR)')]).toBe('17,10');
    const tricky = rows.find((r) => r[col('Client')]!.includes('HYPERLINK'))!;
    expect(tricky[col('Client')]).toBe(`'=HYPERLINK("x";"Éloïse, SARL")`);
    expect(rows[1]![col('Statut')]).toBe('En cours');
  });

  it('applies the filters of the orders list, and comma / ISO / English options', async () => {
    const res = await get('/exports/orders?status=in_progress&separator=comma&dates=iso&lang=en');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename="orders_');
    const rows = parseCsv(res.body.slice(1), ',');
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]).toBe('Reference');
    expect(rows[1]![0]).toBe(orders[2]!.reference);
    expect(rows[1]![1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(rows[1]![rows[0]!.indexOf('Total')]).toMatch(/^\d+\.\d{2}$/);
    const tagged = await get('/exports/orders?tag=Pro&sepLine=true');
    expect(tagged.body.startsWith('sep=;\r\n')).toBe(true);
    expect(parseCsv(tagged.body, ';')).toHaveLength(1 + 1 + 1);
  });

  it('writes a real workbook: typed numbers and dates, bold frozen header, money format', async () => {
    const res = await ctx.inject({
      method: 'GET',
      url: '/api/v1/exports/orders?format=xlsx',
      token: manager.token,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain('.xlsx"');
    const sheet = await readXlsx(res.rawPayload);
    expect(sheet.rowCount).toBe(4);
    const header = sheet.getRow(1).values as unknown[];
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const col = (name: string) => header.indexOf(name);
    const last = sheet.getRow(4);
    expect(last.getCell(col('Référence')).value).toBe(orders[0]!.reference);
    const date = last.getCell(col('Date')).value;
    expect(date).toBeInstanceOf(Date);
    // Excel has no zones: the cell shows the Paris wall clock.
    expect((date as Date).toISOString()).toBe('2025-03-10T10:30:00.000Z');
    expect(last.getCell(col('Total TTC')).value).toBe(17.1);
    expect(typeof last.getCell(col('Lignes')).value).toBe('number');
    expect(last.getCell(col('Total TTC (EUR)')).numFmt).toContain('€');
  });

  it('is for managers, admins and viewers; 403 for operators, 401 without a token; audited', async () => {
    expect((await get('/exports/orders', viewer.token)).statusCode).toBe(200);
    const res = await get('/exports/orders', operator.token);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    const anonymous = await ctx.inject({ method: 'GET', url: '/api/v1/exports/orders' });
    expect(anonymous.statusCode).toBe(401);
    await get('/exports/orders?status=pending&format=xlsx', admin.token);
    const [audit] = await ctx.query<{
      actor_id: number;
      action: string;
      entity_id: string;
      after: string;
    }>(
      "SELECT actor_id, action, entity_id, after FROM audit_log WHERE entity = 'export' ORDER BY id DESC LIMIT 1",
    );
    expect(audit).toMatchObject({ action: 'export.download', entity_id: 'orders' });
    expect(Number(audit!.actor_id)).toBe(admin.id);
    expect(JSON.parse(audit!.after)).toEqual({
      kind: 'orders',
      format: 'xlsx',
      filters: { status: 'pending' },
    });
  });

  it('refuses unknown fields and bad values, naming them', async () => {
    const res = await get('/exports/orders?format=pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/querystring/format');
    const unknown = await get('/exports/orders?secret=1');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('/querystring/secret');
  });
});

describe('GET /exports/{clients,products,stock-movements,notifications}', () => {
  it('exports each list with its filters', async () => {
    const clients = await get('/exports/clients?q=dupont');
    expect(clients.statusCode, clients.body).toBe(200);
    const clientRows = parseCsv(clients.body.slice(1), ';');
    expect(clientRows.map((r) => r[1])).toEqual(['Nom', 'Quincaillerie Dupont']);

    const products = await get('/exports/products?format=xlsx');
    expect(products.statusCode, products.body).toBe(200);
    const sheet = await readXlsx(products.rawPayload);
    const names = (sheet.getColumn(2).values as unknown[]).filter(Boolean);
    expect(names).toContain('Écrou "spécial"; lot de 10\nbis');
    const price = sheet.getRow(names.indexOf('Vis') + 1).getCell(4).value;
    expect(price).toBe(12.5);

    const csvProducts = parseCsv((await get('/exports/products')).body.slice(1), ';');
    expect(csvProducts.map((r) => r[1])).toContain('Écrou "spécial"; lot de 10\nbis');

    const movements = await get(`/exports/stock-movements?productId=${p1.id}`);
    expect(movements.statusCode, movements.body).toBe(200);
    const moves = parseCsv(movements.body.slice(1), ';');
    expect(moves.slice(1).map((r) => [r[3], r[4]])).toEqual([
      ['Sortie commande', '-3'],
      ['Réception', '100'],
    ]);

    const emails = await get('/exports/notifications?format=xlsx');
    expect(emails.statusCode, emails.body).toBe(200);
    expect(emails.headers['content-disposition']).toContain('emails_');
  });
});

describe('GET /exports/report and POST /exports/report/pdf', () => {
  const spec = { metric: 'revenue_gross', groupBy: 'month', from: '2025-01-01', to: '2025-12-31' };

  it('exports the report table with every metric and a total row', async () => {
    const res = await get(`/exports/report?${new URLSearchParams(spec)}&format=xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      'filename="rapport_revenue_gross_month_2025-01-01_2025-12-31_',
    );
    const sheet = await readXlsx(res.rawPayload);
    expect(sheet.rowCount).toBe(1 + 12 + 1);
    expect(sheet.getRow(1).getCell(1).value).toBe('Mois');
    expect(sheet.getRow(4).getCell(1).value).toBe('2025-03');
    expect(sheet.getRow(4).getCell(3).value).toBe(14.49); // CA HT
    expect(sheet.getRow(4).getCell(4).value).toBe(17.1); // CA TTC
    expect(sheet.getRow(14).getCell(1).value).toBe('Total');
    const csv = await get(`/exports/report?${new URLSearchParams(spec)}`);
    expect(parseCsv(csv.body.slice(1), ';')[3]!.slice(0, 3)).toEqual(['2025-03', '1', '14,49']);
    const bad = await get(`/exports/report?${new URLSearchParams({ ...spec, to: '2024-01-01' })}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('/querystring/to');
  });

  it('writes days (and weeks) as date cells, the total row as a word', async () => {
    const daily = { metric: 'order_count', groupBy: 'day', from: '2025-03-01', to: '2025-03-31' };
    const res = await get(`/exports/report?${new URLSearchParams(daily)}&format=xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const sheet = await readXlsx(res.rawPayload);
    expect(sheet.rowCount).toBe(1 + 31 + 1);
    const first = sheet.getRow(2).getCell(1).value;
    expect(first).toBeInstanceOf(Date);
    expect((first as Date).toISOString().slice(0, 10)).toBe('2025-03-01');
    expect(sheet.getRow(33).getCell(1).value).toBe('Total');
    const csv = await get(`/exports/report?${new URLSearchParams(daily)}`);
    expect(parseCsv(csv.body.slice(1), ';')[1]![0]).toBe('2025-03-01');
  });

  it('renders a PDF with the chart the SPA drew', async () => {
    // A 1×1 PNG.
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/exports/report/pdf',
      token: manager.token,
      payload: { spec, chart: png, title: 'Ventes 2025 — CA TTC' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.headers['content-disposition']).toMatch(/filename="rapport_.*\.pdf"/);

    const notPng = await ctx.inject({
      method: 'POST',
      url: '/api/v1/exports/report/pdf',
      token: manager.token,
      payload: { spec, chart: 'data:image/png;base64,R0lGODlhAQABAAAAACw=' },
    });
    expect(notPng.statusCode).toBe(400);
    expect(notPng.json().errors[0].path).toBe('/chart');
    const badSpec = await ctx.inject({
      method: 'POST',
      url: '/api/v1/exports/report/pdf',
      token: manager.token,
      payload: { spec: { ...spec, groupBy: 'weekday' } },
    });
    expect(badSpec.statusCode).toBe(400);
    expect(badSpec.json().errors[0].path).toBe('/spec/groupBy');
    const forbidden = await ctx.inject({
      method: 'POST',
      url: '/api/v1/exports/report/pdf',
      token: operator.token,
      payload: { spec },
    });
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('streaming', () => {
  it('hands the rows over as the client reads (a stream, not a buffer)', async () => {
    const file = await ctx.app.services.exportsService.orders(
      { actorType: 'system', actorId: null, actorLabel: 'test', requestId: null, ip: null },
      {},
    );
    const sink = new PassThrough();
    file.body.pipe(sink);
    let text = '';
    for await (const chunk of sink) text += String(chunk);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(4);
  });
});
