import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, User } from '@gestco/contract';
import {
  countRows,
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from '../../../test/harness.ts';

type AuditPage = { items: AuditEntry[]; nextCursor: string | null; total: number };

let ctx: TestContext;
let admin: TestUser;
let otherAdmin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.createUser('admin');
  otherAdmin = await ctx.createUser('admin');
});
afterAll(() => ctx.close());

async function listAudit(query = ''): Promise<AuditPage> {
  const res = await ctx.inject({ method: 'GET', url: `/api/v1/audit${query}`, token: admin.token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The audit rows of one request, found by the request id we sent. */
async function auditOfRequest(requestId: string) {
  return (await listAudit('?limit=100')).items.filter((e) => e.requestId === requestId);
}

async function countWhere(where: string, params: unknown[] = []) {
  const [row] = await ctx.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM audit_log WHERE ${where}`,
    params,
  );
  return Number(row?.n ?? 0);
}

async function createUserViaApi(email: string, requestId: string, token = admin.token) {
  const res = await ctx.inject({
    method: 'POST',
    url: '/api/v1/users',
    token,
    headers: { 'x-request-id': requestId },
    payload: { email, name: 'Camille Martin', role: 'operator', password: 'a-very-secret-pass-42' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as User;
}

describe('audit rows written by changes', () => {
  it('records user.create with actor, entity, request id and IP, and no password or hash', async () => {
    const user = await createUserViaApi('camille@test.gestco.fr', 'req-user-create-1');
    const entries = await auditOfRequest('req-user-create-1');
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(entry).toMatchObject({
      actorType: 'user',
      actorId: admin.id,
      actorLabel: admin.email,
      action: 'user.create',
      entity: 'user',
      entityId: String(user.id),
      before: null,
      after: {
        email: 'camille@test.gestco.fr',
        name: 'Camille Martin',
        role: 'operator',
        active: true,
        locale: 'fr',
      },
      requestId: 'req-user-create-1',
      ip: '127.0.0.1',
    });
    expect(Math.abs(Date.parse(entry.createdAt) - Date.now())).toBeLessThan(60_000);

    const [row] = await ctx.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE id = ?', [
      entry.id,
    ]);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain('a-very-secret-pass-42');
    expect(stored).not.toMatch(/argon2/i);
    expect(stored).not.toMatch(/password|hash/i);
  });

  it('records the connection address as IP and ignores X-Forwarded-For without a trusted proxy', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/users',
      token: admin.token,
      remoteAddress: '203.0.113.7',
      headers: { 'x-request-id': 'req-ip-check-01', 'x-forwarded-for': '198.51.100.99' },
      payload: { email: 'ip@test.gestco.fr', name: 'Ip', role: 'viewer', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(201);
    const [entry] = await auditOfRequest('req-ip-check-01');
    expect(entry?.ip).toBe('203.0.113.7');
  });

  it('records user.update with before and after', async () => {
    const user = await createUserViaApi('update-me@test.gestco.fr', 'req-user-create-2');
    const res = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      token: otherAdmin.token,
      headers: { 'x-request-id': 'req-user-update-1' },
      payload: { version: user.version, role: 'manager', name: 'Camille M.' },
    });
    expect(res.statusCode).toBe(200);
    const [entry, ...rest] = await auditOfRequest('req-user-update-1');
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({
      actorType: 'user',
      actorId: otherAdmin.id,
      actorLabel: otherAdmin.email,
      action: 'user.update',
      entity: 'user',
      entityId: String(user.id),
      before: { role: 'operator', name: 'Camille Martin' },
      after: { role: 'manager', name: 'Camille M.' },
    });
  });

  it('records a password reset without the password', async () => {
    const user = await createUserViaApi('reset@test.gestco.fr', 'req-user-create-3');
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/password`,
      token: admin.token,
      headers: { 'x-request-id': 'req-user-pw-0001' },
      payload: { password: 'brand-new-password-77' },
    });
    expect(res.statusCode).toBe(204);
    const [entry] = await auditOfRequest('req-user-pw-0001');
    expect(entry).toMatchObject({
      action: 'user.reset_password',
      entityId: String(user.id),
      before: null,
    });
    expect(JSON.stringify(entry)).not.toContain('brand-new-password-77');
    expect(JSON.stringify(entry)).not.toMatch(/argon2/i);
  });

  it('records api_key.create and api_key.revoke', async () => {
    const created = await ctx.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      token: admin.token,
      headers: { 'x-request-id': 'req-key-create-1' },
      payload: { name: 'Shop', scopes: ['read'] },
    });
    expect(created.statusCode).toBe(201);
    const { apiKey, secret } = created.json();
    const revoked = await ctx.inject({
      method: 'POST',
      url: `/api/v1/api-keys/${apiKey.id}/revoke`,
      token: admin.token,
      headers: { 'x-request-id': 'req-key-revoke-1' },
    });
    expect(revoked.statusCode).toBe(200);

    const [create] = await auditOfRequest('req-key-create-1');
    expect(create).toMatchObject({
      action: 'api_key.create',
      entity: 'api_key',
      entityId: String(apiKey.id),
      before: null,
    });
    const [revoke] = await auditOfRequest('req-key-revoke-1');
    expect(revoke).toMatchObject({
      action: 'api_key.revoke',
      before: { revoked: false },
      after: { revoked: true },
    });
    expect(JSON.stringify([create, revoke])).not.toContain(secret.slice(12));
  });

  it('records settings.update with the section as entity id', async () => {
    const res = await ctx.inject({
      method: 'PUT',
      url: '/api/v1/settings/general',
      token: admin.token,
      headers: { 'x-request-id': 'req-settings-0001' },
      payload: {
        version: 1,
        value: {
          timeZone: 'Europe/Brussels',
          defaultCountry: 'BE',
          baseCurrency: 'EUR',
          orderReferenceFormat: 'BE-{seq:5}',
        },
      },
    });
    expect(res.statusCode).toBe(200);
    const [entry] = await auditOfRequest('req-settings-0001');
    expect(entry).toMatchObject({
      action: 'settings.update',
      entity: 'settings',
      entityId: 'general',
      before: { timeZone: 'Europe/Paris', baseCurrency: 'EUR' },
      after: {
        timeZone: 'Europe/Brussels',
        defaultCountry: 'BE',
        orderReferenceFormat: 'BE-{seq:5}',
      },
    });
  });

  it('uses a generated request id when none is sent', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/users',
      token: admin.token,
      payload: {
        email: 'no-req-id@test.gestco.fr',
        name: 'N',
        role: 'viewer',
        password: TEST_PASSWORD,
      },
    });
    expect(res.statusCode).toBe(201);
    const requestId = res.headers['x-request-id'] as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const entries = await auditOfRequest(requestId);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.entityId).toBe(String(res.json().id));
  });
});

describe('failed requests', () => {
  it('write no audit row on 409 (duplicate email)', async () => {
    const before = await countRows(ctx, 'audit_log');
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/users',
      token: admin.token,
      payload: { email: admin.email, name: 'Dup', role: 'viewer', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('EMAIL_TAKEN');
    expect(await countRows(ctx, 'audit_log')).toBe(before);
  });

  it('write no audit row on 409 (stale version)', async () => {
    const user = await createUserViaApi('stale@test.gestco.fr', 'req-user-create-4');
    const ok = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      token: admin.token,
      payload: { version: user.version, name: 'First' },
    });
    expect(ok.statusCode).toBe(200);
    const before = await countRows(ctx, 'audit_log');
    const stale = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      token: admin.token,
      payload: { version: user.version, name: 'Second' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    expect(await countRows(ctx, 'audit_log')).toBe(before);
  });

  it('write no audit row on 400', async () => {
    const before = await countRows(ctx, 'audit_log');
    const res = await ctx.inject({
      method: 'PUT',
      url: '/api/v1/settings/general',
      token: admin.token,
      payload: {
        version: 2,
        value: {
          timeZone: 'Mars/Olympus',
          defaultCountry: 'FR',
          baseCurrency: 'EUR',
          orderReferenceFormat: 'CMD-{seq:6}',
        },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(await countRows(ctx, 'audit_log')).toBe(before);
  });
});

describe('GET /api/v1/audit', () => {
  beforeAll(async () => {
    // Rows with fixed dates for the range filter, and one written by an API key.
    await ctx.query(
      `INSERT INTO audit_log (actor_type, actor_id, actor_label, action, entity, entity_id, request_id, ip, created_at)
       VALUES ('system', NULL, 'import', 'probe.touch', 'probe', 'p1', NULL, NULL, '2020-01-10 10:00:00.000'),
              ('system', NULL, 'import', 'probe.touch', 'probe', 'p2', NULL, NULL, '2020-02-10 10:00:00.250'),
              ('system', NULL, 'import', 'probe.touch', 'probe', 'p3', NULL, NULL, '2020-03-10 10:00:00.000')`,
    );
    await ctx.app.services.auditService.record(
      {
        actorType: 'api_key',
        actorId: 4242,
        actorLabel: 'Shop (gk_00000000)',
        requestId: 'req-key-actor-01',
        ip: '10.0.0.1',
      },
      { action: 'probe.touch', entity: 'probe', entityId: 'k1', after: { via: 'key' } },
    );
  });

  it('lists newest first with an exact total', async () => {
    const page = await listAudit('?limit=100');
    expect(page.total).toBe(await countRows(ctx, 'audit_log'));
    expect(page.items).toHaveLength(page.total);
    const ids = page.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('filters by actorId', async () => {
    const page = await listAudit(`?actorId=${otherAdmin.id}&limit=100`);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((e) => e.actorId === otherAdmin.id)).toBe(true);
    expect(page.total).toBe(await countWhere('actor_id = ?', [otherAdmin.id]));
  });

  it.each(['user', 'system', 'api_key'] as const)('filters by actorType=%s', async (actorType) => {
    const page = await listAudit(`?actorType=${actorType}&limit=100`);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((e) => e.actorType === actorType)).toBe(true);
    expect(page.total).toBe(await countWhere('actor_type = ?', [actorType]));
  });

  it('returns the API-key actor as written', async () => {
    const page = await listAudit('?actorType=api_key');
    expect(page.items).toEqual([
      expect.objectContaining({
        actorId: 4242,
        actorLabel: 'Shop (gk_00000000)',
        ip: '10.0.0.1',
        after: { via: 'key' },
      }),
    ]);
  });

  it('filters by entity and entityId', async () => {
    const byEntity = await listAudit('?entity=api_key&limit=100');
    expect(byEntity.items.length).toBeGreaterThan(0);
    expect(byEntity.items.every((e) => e.entity === 'api_key')).toBe(true);
    expect(byEntity.total).toBe(await countWhere("entity = 'api_key'"));

    const one = await listAudit('?entity=probe&entityId=p2');
    expect(one.total).toBe(1);
    expect(one.items.map((e) => e.entityId)).toEqual(['p2']);
  });

  it('filters by action', async () => {
    const page = await listAudit('?action=user.update&limit=100');
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((e) => e.action === 'user.update')).toBe(true);
    expect(page.total).toBe(await countWhere("action = 'user.update'"));
  });

  it('combines filters', async () => {
    const page = await listAudit(`?actorId=${admin.id}&action=user.create&limit=100`);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((e) => e.actorId === admin.id && e.action === 'user.create')).toBe(
      true,
    );
    expect(page.total).toBe(
      await countWhere("actor_id = ? AND action = 'user.create'", [admin.id]),
    );
  });

  it('filters by a from/to date range, both ends included, to the millisecond', async () => {
    const feb = await listAudit('?from=2020-02-01T00:00:00.000Z&to=2020-02-29T23:59:59.999Z');
    expect(feb.items.map((e) => e.entityId)).toEqual(['p2']);
    expect(feb.items[0]?.createdAt).toBe('2020-02-10T10:00:00.250Z');
    expect(feb.total).toBe(1);

    const exact = await listAudit('?from=2020-02-10T10:00:00.250Z&to=2020-02-10T10:00:00.250Z');
    expect(exact.items.map((e) => e.entityId)).toEqual(['p2']);
    const justBefore = await listAudit(
      '?from=2020-02-10T10:00:00.000Z&to=2020-02-10T10:00:00.249Z',
    );
    expect(justBefore.items).toEqual([]);
    expect(justBefore.total).toBe(0);

    const untilMarch = await listAudit('?entity=probe&to=2020-03-01T00:00:00.000Z');
    expect(untilMarch.items.map((e) => e.entityId)).toEqual(['p2', 'p1']);
    const sinceFeb = await listAudit('?entity=probe&from=2020-02-01T00:00:00.000Z');
    expect(sinceFeb.items.map((e) => e.entityId)).toEqual(['k1', 'p3', 'p2']);
  });

  it('walks every row with limit=2 and keyset cursors, without duplicates', async () => {
    const total = await countRows(ctx, 'audit_log');
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let last: AuditPage | undefined;
    do {
      last = await listAudit(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(last.items.length).toBeLessThanOrEqual(2);
      expect(last.total).toBe(total);
      seen.push(...last.items.map((e) => e.id));
      cursor = last.nextCursor;
      pages += 1;
      expect(pages).toBeLessThanOrEqual(total);
    } while (cursor);
    expect(last.nextCursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    expect(seen).toEqual((await listAudit('?limit=100')).items.map((e) => e.id));
  });

  it('pages within a filter', async () => {
    const first = await listAudit('?entity=probe&limit=2');
    expect(first.items.map((e) => e.entityId)).toEqual(['k1', 'p3']);
    expect(first.total).toBe(4);
    const second = await listAudit(`?entity=probe&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.entityId)).toEqual(['p2', 'p1']);
    expect(second.nextCursor).toBeNull();
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    [
      'a cursor of the wrong kind',
      Buffer.from(JSON.stringify(['2020-01-01', 1])).toString('base64url'),
    ],
    ['a cursor without id', Buffer.from(JSON.stringify([5])).toString('base64url')],
  ])('returns 400 naming /query/cursor for %s', async (_label, cursor) => {
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/audit?cursor=${cursor}`,
      token: admin.token,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.json().errors).toEqual([
      { path: '/querystring/cursor', message: 'is not a valid cursor' },
    ]);
  });

  it.each([
    ['actorType', 'robot'],
    ['actorId', 'abc'],
    ['from', 'yesterday'],
    ['limit', '101'],
    ['unknown', '1'],
  ])('returns 400 naming /querystring/%s for a bad value', async (name, value) => {
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/audit?${name}=${value}`,
      token: admin.token,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(
      `/querystring/${name}`,
    );
  });

  it.each(['manager', 'operator', 'viewer'] as const)(
    'answers 403 FORBIDDEN to a %s',
    async (role) => {
      const user = await ctx.createUser(role);
      const res = await ctx.inject({ method: 'GET', url: '/api/v1/audit', token: user.token });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      expect(res.body).not.toContain('user.create');
    },
  );

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/v1/audit' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });
});

describe('the audit log is append-only', () => {
  it.each([
    ['POST', '/api/v1/audit'],
    ['PUT', '/api/v1/audit'],
    ['PATCH', '/api/v1/audit'],
    ['DELETE', '/api/v1/audit'],
    ['GET', '/api/v1/audit/1'],
    ['PUT', '/api/v1/audit/1'],
    ['PATCH', '/api/v1/audit/1'],
    ['DELETE', '/api/v1/audit/1'],
  ] as const)(
    'has no %s %s route (404 ROUTE_NOT_FOUND), even for an admin',
    async (method, url) => {
      const [before] = await ctx.query<{ n: number; sum: string }>(
        "SELECT COUNT(*) AS n, SUM(CRC32(CONCAT_WS('|', id, action, entity, IFNULL(`before`, ''), IFNULL(`after`, '')))) AS sum FROM audit_log",
      );
      const res = await ctx.inject({
        method,
        url,
        token: admin.token,
        ...(method === 'DELETE' || method === 'GET' ? {} : { payload: {} }),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('ROUTE_NOT_FOUND');
      const [after] = await ctx.query<{ n: number; sum: string }>(
        "SELECT COUNT(*) AS n, SUM(CRC32(CONCAT_WS('|', id, action, entity, IFNULL(`before`, ''), IFNULL(`after`, '')))) AS sum FROM audit_log",
      );
      expect(after).toEqual(before);
    },
  );
});
