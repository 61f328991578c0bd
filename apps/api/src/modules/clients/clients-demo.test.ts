import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../bootstrap.ts';
import { toE164 } from '../../lib/phone.ts';
import { systemActor } from '../../lib/request-context.ts';
import { checkVat } from '../../lib/vat.ts';
import { countRows, createTestContext, type TestContext } from '../../../test/harness.ts';
import { DEMO_CLIENT_COUNT, demoClients, seedDemoClients } from './clients-demo.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.createUser('admin');
  expect(await seedDemo(ctx.app.services)).toBe(true);
}, 60_000);
afterAll(() => ctx.close());

interface ClientRow {
  id: number;
  name: string;
  status: string;
  temperature: string;
  phone: string | null;
  email: string | null;
  postal_code: string;
  city: string;
  vat_number: string | null;
  discount_bp: number;
  search_text: string;
}

const clients = () => ctx.query<ClientRow>('SELECT * FROM clients ORDER BY id');

describe('demo clients', () => {
  it('fills the book with ~200 current clients and prospects of every temperature', async () => {
    const rows = await clients();
    expect(rows).toHaveLength(DEMO_CLIENT_COUNT);
    const prospects = rows.filter((r) => r.status === 'prospect').length;
    expect(prospects / rows.length).toBeGreaterThan(0.3);
    expect(prospects / rows.length).toBeLessThan(0.5);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['current', 'prospect']));
    expect(new Set(rows.map((r) => r.temperature))).toEqual(
      new Set(['hot', 'warm', 'cold', 'not_interested']),
    );
    expect(rows.some((r) => r.discount_bp > 0)).toBe(true);
    expect(rows.every((r) => r.search_text.length > 0)).toBe(true);
  });

  it('gives every client a valid, unique E.164 phone and unique emails', async () => {
    const rows = await clients();
    const phones = rows.map((r) => r.phone);
    for (const phone of phones) {
      expect(phone).toMatch(/^\+33[1-9]\d{8}$/);
      expect(toE164(phone!, 'FR')).toBe(phone);
    }
    expect(new Set(phones).size).toBe(rows.length);
    const emails = rows.map((r) => r.email).filter(Boolean);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('uses real French postal codes for the cities and valid French VAT numbers', async () => {
    const rows = await clients();
    const departments: Record<string, string> = {
      Lyon: '6900',
      Paris: '750',
      Marseille: '130',
      Bordeaux: '33',
      Lille: '59',
      Nantes: '44',
      Toulouse: '31',
      Strasbourg: '67',
    };
    for (const row of rows) {
      expect(row.postal_code).toMatch(/^\d{5}$/);
      const prefix = departments[row.city];
      if (prefix) expect(row.postal_code.startsWith(prefix)).toBe(true);
    }
    const vats = rows.map((r) => r.vat_number).filter((v): v is string => v !== null);
    expect(vats.length).toBeGreaterThan(20);
    for (const vat of vats) expect(checkVat(vat)).toBe(vat);
  });

  it('adds notes of every priority, by the demo staff, and records the conversions', async () => {
    const notes = await ctx.query<{ priority: string; author_name: string }>(
      'SELECT priority, author_name FROM client_notes',
    );
    expect(notes.length).toBeGreaterThan(150);
    expect(new Set(notes.map((n) => n.priority))).toEqual(new Set(['high', 'medium', 'none']));
    expect(new Set(notes.map((n) => n.author_name))).toContain('Claire Martin');
    const [converted] = await ctx.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM clients WHERE status = 'current' AND converted_at IS NOT NULL",
    );
    expect(Number(converted!.n)).toBeGreaterThan(0);
    const [audited] = await ctx.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'client.create'",
    );
    expect(Number(audited!.n)).toBe(DEMO_CLIENT_COUNT);
  });

  it('is findable through the API like any client', async () => {
    const admin = await ctx.createUser('admin');
    const [first] = await clients();
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/clients/lookup?phone=${encodeURIComponent(first!.phone!)}`,
      token: admin.token,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: first!.id });
  });

  it('is the same data set every time', () => {
    expect(demoClients()).toEqual(demoClients());
  });

  it('does not seed twice', async () => {
    const before = {
      clients: await countRows(ctx, 'clients'),
      notes: await countRows(ctx, 'client_notes'),
      users: await countRows(ctx, 'users'),
    };
    expect(await seedDemo(ctx.app.services)).toBe(false);
    // Even called alone, the client seeder leaves a book that has clients alone.
    expect(await seedDemoClients(ctx.app.services, systemActor('demo'))).toBe(0);
    expect({
      clients: await countRows(ctx, 'clients'),
      notes: await countRows(ctx, 'client_notes'),
      users: await countRows(ctx, 'users'),
    }).toEqual(before);
  });
});
