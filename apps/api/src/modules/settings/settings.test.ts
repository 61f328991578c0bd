import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanySettings, GeneralSettings, SettingsResponse } from '@gestco/contract';
import {
  countRows,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../test/harness.ts';

let ctx: TestContext;
let admin: TestUser;

const company: CompanySettings = {
  name: 'Atelier Dupont SARL',
  addressLines: ['12 rue de la Paix', 'Bâtiment B'],
  postalCode: '75002',
  city: 'Paris',
  country: 'FR',
  vatNumber: 'FR12345678901',
  logoUrl: 'https://cdn.example.fr/logo.png',
  emailSenderName: 'Atelier Dupont',
  emailSenderAddress: 'commandes@atelier-dupont.fr',
};

const general: GeneralSettings = {
  timeZone: 'Europe/Paris',
  defaultCountry: 'FR',
  baseCurrency: 'EUR',
  orderReferenceFormat: 'CMD-{year}-{seq:6}',
};

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.createUser('admin');
});
afterAll(() => ctx.close());

async function getSettings(): Promise<SettingsResponse> {
  const res = await ctx.inject({ method: 'GET', url: '/api/v1/settings', token: admin.token });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const put = (
  section: 'company' | 'general',
  payload: unknown,
  headers: Record<string, string> = {},
) =>
  ctx.inject({
    method: 'PUT',
    url: `/api/v1/settings/${section}`,
    token: admin.token,
    headers,
    payload: payload as object,
  });

/** Checks a request changed nothing: same answer, same rows, no audit. */
async function expectUnchanged(run: () => Promise<unknown>) {
  const settingsBefore = await getSettings();
  const rowsBefore = await ctx.query('SELECT * FROM settings ORDER BY section');
  const auditBefore = await countRows(ctx, 'audit_log');
  await run();
  expect(await getSettings()).toEqual(settingsBefore);
  expect(await ctx.query('SELECT * FROM settings ORDER BY section')).toEqual(rowsBefore);
  expect(await countRows(ctx, 'audit_log')).toBe(auditBefore);
}

// Tests in this file run in order: defaults first, then saves that build on each other.

describe('GET /api/v1/settings', () => {
  it('returns the defaults at version 1 with updatedAt null before anything is saved', async () => {
    const settings = await getSettings();
    expect(settings.company).toEqual({
      value: {
        name: 'Mon entreprise',
        addressLines: [],
        postalCode: null,
        city: null,
        country: 'FR',
        vatNumber: null,
        logoUrl: null,
        emailSenderName: 'Mon entreprise',
        emailSenderAddress: 'no-reply@example.com',
      },
      version: 1,
      updatedAt: null,
    });
    expect(settings.general).toEqual({
      value: {
        timeZone: 'Europe/Paris',
        defaultCountry: 'FR',
        baseCurrency: 'EUR',
        orderReferenceFormat: 'CMD-{year}-{seq:6}',
      },
      version: 1,
      updatedAt: null,
    });
    expect(await countRows(ctx, 'settings')).toBe(0);
  });
});

describe('PUT /api/v1/settings/company', () => {
  it('saves with version 1 and returns version 2 with updatedAt', async () => {
    const before = Date.now();
    const res = await put(
      'company',
      { version: 1, value: company },
      { 'x-request-id': 'req-company-save1' },
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.value).toEqual(company);
    expect(body.version).toBe(2);
    expect(body.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(body.updatedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(body.updatedAt)).toBeLessThanOrEqual(Date.now() + 1000);

    const settings = await getSettings();
    expect(settings.company).toEqual(body);
    // The other section is untouched.
    expect(settings.general).toMatchObject({ version: 1, updatedAt: null });

    const [row] = await ctx.query<Record<string, unknown>>(
      "SELECT * FROM settings WHERE section = 'company'",
    );
    expect(row).toMatchObject({ version: 2, updated_by: admin.id });
    expect(JSON.parse(String(row!['value']))).toEqual(company);
  });

  it('writes a settings.update audit row with before (defaults) and after', async () => {
    const rows = await ctx.query<Record<string, unknown>>(
      "SELECT * FROM audit_log WHERE action = 'settings.update' AND request_id = 'req-company-save1'",
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      actor_type: 'user',
      actor_id: admin.id,
      actor_label: admin.email,
      entity: 'settings',
      entity_id: 'company',
      ip: '127.0.0.1',
    });
    expect(JSON.parse(String(row['before']))).toMatchObject({
      name: 'Mon entreprise',
      country: 'FR',
      city: null,
    });
    expect(JSON.parse(String(row['after']))).toEqual(company);
  });

  it('returns 409 VERSION_CONFLICT for a stale version and changes nothing', async () => {
    await expectUnchanged(async () => {
      const res = await put('company', { version: 1, value: { ...company, name: 'Écrasé' } });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'VERSION_CONFLICT', status: 409 });
    });
    expect((await getSettings()).company.value.name).toBe('Atelier Dupont SARL');
  });

  it('returns 409 for a version from the future', async () => {
    await expectUnchanged(async () => {
      const res = await put('company', { version: 7, value: company });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('VERSION_CONFLICT');
    });
  });

  it('saves again with the current version, auditing the previous value as before', async () => {
    const res = await put(
      'company',
      { version: 2, value: { ...company, city: 'Lyon' } },
      { 'x-request-id': 'req-company-save2' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 3, value: { city: 'Lyon' } });
    const [row] = await ctx.query<Record<string, string>>(
      "SELECT `before`, `after` FROM audit_log WHERE request_id = 'req-company-save2'",
    );
    expect(JSON.parse(row!['before']!)).toEqual(company);
    expect(JSON.parse(row!['after']!)).toEqual({ ...company, city: 'Lyon' });
  });

  it('lets exactly one of two concurrent saves with the same version win', async () => {
    const { version } = (await getSettings()).company;
    const results = await Promise.all([
      put('company', { version, value: { ...company, name: 'Premier' } }),
      put('company', { version, value: { ...company, name: 'Second' } }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    const after = await getSettings();
    expect(after.company.version).toBe(version + 1);
    expect(after.company.value.name).toBe(winner.value.name);
  });

  it('lets exactly one of two concurrent first saves of a section win', async () => {
    // A never-saved section has no row to lock: the race is settled by the primary key.
    const fresh = await createTestContext();
    try {
      const owner = await fresh.createUser('admin');
      const results = await Promise.all(
        ['Premier', 'Second', 'Troisième'].map((name) =>
          fresh.inject({
            method: 'PUT',
            url: '/api/v1/settings/company',
            token: owner.token,
            payload: { version: 1, value: { ...company, name } },
          }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
      const winner = results.find((r) => r.statusCode === 200)!.json();
      const [row] = await fresh.query<{ value: string; version: number }>(
        "SELECT value, version FROM settings WHERE section = 'company'",
      );
      expect(row?.version).toBe(2);
      expect(JSON.parse(row!.value).name).toBe(winner.value.name);
      expect(await countRows(fresh, 'audit_log')).toBe(2); // the owner's creation + one settings.update
    } finally {
      await fresh.close();
    }
  });

  it.each([
    ['country', { country: 'France' }, '/value/country'],
    ['emailSenderAddress', { emailSenderAddress: 'not-an-email' }, '/value/emailSenderAddress'],
    ['name', { name: '' }, '/value/name'],
    ['logoUrl', { logoUrl: 'not a url' }, '/value/logoUrl'],
    ['addressLines', { addressLines: ['1', '2', '3', '4', '5'] }, '/value/addressLines'],
  ])('returns 400 naming %s when it is invalid', async (_label, patch, path) => {
    await expectUnchanged(async () => {
      const { version } = (await getSettings()).company;
      const res = await put('company', { version, value: { ...company, ...patch } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    });
  });

  it('returns 400 naming a missing field (a section is saved whole)', async () => {
    const { city: _city, ...withoutCity } = company;
    const res = await put('company', { version: 3, value: withoutCity });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: '/value/city' }));
  });

  it('returns 400 for unknown fields, inside the value or beside it', async () => {
    await expectUnchanged(async () => {
      const { version } = (await getSettings()).company;
      const inside = await put('company', {
        version,
        value: { ...company, siret: '12345678900011' },
      });
      expect(inside.statusCode).toBe(400);
      expect(inside.json().errors).toContainEqual({
        path: '/value/siret',
        message: 'is not an allowed field',
      });
      const beside = await put('company', { version, value: company, section: 'general' });
      expect(beside.statusCode).toBe(400);
      expect(beside.json().errors).toContainEqual({
        path: '/section',
        message: 'is not an allowed field',
      });
    });
  });

  it('returns 400 naming /version when it is missing', async () => {
    const res = await put('company', { value: company });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: '/version' }));
  });
});

describe('PUT /api/v1/settings/general', () => {
  it.each([
    ['baseCurrency', { baseCurrency: 'EURO' }, '/value/baseCurrency'],
    ['baseCurrency', { baseCurrency: 'eur' }, '/value/baseCurrency'],
    ['orderReferenceFormat', { orderReferenceFormat: 'CMD-{year}' }, '/value/orderReferenceFormat'],
    ['defaultCountry', { defaultCountry: 'fr' }, '/value/defaultCountry'],
    ['timeZone', { timeZone: 'Mars/Olympus' }, '/value/timeZone'],
  ])('returns 400 naming %s when it is invalid, and saves nothing', async (_label, patch, path) => {
    await expectUnchanged(async () => {
      const res = await put('general', { version: 1, value: { ...general, ...patch } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    });
  });

  it('returns 409 for a version other than 1 while the section was never saved', async () => {
    await expectUnchanged(async () => {
      const res = await put('general', { version: 2, value: general });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('VERSION_CONFLICT');
    });
    expect(await countRows(ctx, 'settings')).toBe(1); // only company so far
  });

  it('saves a valid section at version 2 with an IANA time zone', async () => {
    const value = {
      timeZone: 'America/Montreal',
      defaultCountry: 'CA',
      baseCurrency: 'CAD',
      orderReferenceFormat: 'QC-{seq:4}',
    };
    const res = await put('general', { version: 1, value });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ value, version: 2 });
    expect((await getSettings()).general).toMatchObject({ value, version: 2 });
    // Saving one section does not bump the other.
    expect((await getSettings()).company.version).toBeGreaterThan(1);
  });

  it('returns 409 when the section was saved by someone else meanwhile', async () => {
    await expectUnchanged(async () => {
      const res = await put('general', { version: 1, value: general });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('VERSION_CONFLICT');
    });
  });
});

describe('who may read and change settings', () => {
  const routes = [
    { method: 'GET' as const, url: '/api/v1/settings' },
    {
      method: 'PUT' as const,
      url: '/api/v1/settings/company',
      payload: { version: 1, value: company },
    },
    {
      method: 'PUT' as const,
      url: '/api/v1/settings/general',
      payload: { version: 1, value: general },
    },
  ];

  it.each(['manager', 'operator', 'viewer'] as const)(
    'answers 403 FORBIDDEN to a %s on every route',
    async (role) => {
      const user = await ctx.createUser(role);
      await expectUnchanged(async () => {
        for (const route of routes) {
          const res = await ctx.inject({ ...route, token: user.token });
          expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
          expect(res.json().code).toBe('FORBIDDEN');
          expect(res.body).not.toContain('Atelier');
        }
      });
    },
  );

  it('answers 401 UNAUTHENTICATED without a token on every route', async () => {
    for (const route of routes) {
      const res = await ctx.inject(route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('has no route for an unknown section', async () => {
    const res = await put('billing' as 'general', { version: 1, value: {} });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });
});
