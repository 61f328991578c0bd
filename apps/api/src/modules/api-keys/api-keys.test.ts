import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKey, CreatedApiKey, Role } from '@gestco/contract';
import {
  countRows,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../test/harness.ts';

const PROBE = '/api/v1/__probe';
const KEY_FORMAT = /^gk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

let ctx: TestContext;
let admin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext(
    {},
    {
      beforeReady: (app) => {
        // Test-only routes open to every role, to see the scope check on its own.
        const access = { roles: ['admin', 'manager', 'operator', 'viewer'] as Role[] };
        app.get(PROBE, { config: { access } }, async () => ({ ok: true }));
        app.post(PROBE, { config: { access } }, async () => ({ ok: true }));
      },
    },
  );
  admin = await ctx.createUser('admin');
});
afterAll(() => ctx.close());

async function createKey(body: Record<string, unknown>, token = admin.token) {
  const res = await ctx.inject({ method: 'POST', url: '/api/v1/api-keys', token, payload: body });
  expect(res.statusCode).toBe(201);
  return res.json() as CreatedApiKey;
}

async function listKeys(query = '') {
  const res = await ctx.inject({
    method: 'GET',
    url: `/api/v1/api-keys${query}`,
    token: admin.token,
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: ApiKey[]; nextCursor: string | null; total: number };
}

async function keyRow(id: number) {
  const [row] = await ctx.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE id = ?', [
    id,
  ]);
  return row!;
}

describe('POST /api/v1/api-keys', () => {
  it('creates a key and returns the whole secret once, with its visible prefix', async () => {
    const before = Date.now();
    const { apiKey, secret } = await createKey({
      name: '  Boutique en ligne  ',
      scopes: ['write', 'read'],
    });

    expect(secret).toMatch(KEY_FORMAT);
    expect(apiKey.prefix).toMatch(/^gk_[0-9a-f]{8}$/);
    expect(secret.startsWith(`${apiKey.prefix}_`)).toBe(true);
    expect(apiKey).toMatchObject({
      name: 'Boutique en ligne',
      scopes: ['read', 'write'],
      createdBy: admin.id,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(Date.parse(apiKey.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(apiKey).not.toHaveProperty('secret');
    expect(apiKey).not.toHaveProperty('secretHash');
  });

  it('gives every key a different secret and prefix', async () => {
    const a = await createKey({ name: 'A', scopes: ['read'] });
    const b = await createKey({ name: 'B', scopes: ['read'] });
    expect(a.secret).not.toBe(b.secret);
    expect(a.apiKey.prefix).not.toBe(b.apiKey.prefix);
  });

  it('stores only the SHA-256 of the secret, never the secret itself', async () => {
    const { apiKey, secret } = await createKey({ name: 'ERP', scopes: ['read'] });
    const row = await keyRow(apiKey.id);
    expect(row['secret_hash']).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(row['prefix']).toBe(apiKey.prefix);

    const secretPart = secret.slice(apiKey.prefix.length + 1);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secretPart);
  });

  it('writes an audit row without the secret or its hash', async () => {
    const { apiKey, secret } = await createKey({ name: 'Audit me', scopes: ['write'] });
    const rows = await ctx.query<Record<string, unknown>>(
      "SELECT * FROM audit_log WHERE action = 'api_key.create' AND entity_id = ?",
      [String(apiKey.id)],
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ actor_type: 'user', actor_id: admin.id, entity: 'api_key' });
    expect(JSON.parse(String(row['after']))).toEqual({
      name: 'Audit me',
      prefix: apiKey.prefix,
      scopes: ['write'],
      revoked: false,
    });
    const text = JSON.stringify(row);
    expect(text).not.toContain(secret.slice(apiKey.prefix.length + 1));
    expect(text).not.toContain(createHash('sha256').update(secret).digest('hex'));
  });

  it('accepts an expiry in the future and returns it', async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const { apiKey } = await createKey({ name: 'Temporary', scopes: ['read'], expiresAt });
    expect(apiKey.expiresAt).toBe(expiresAt);
  });

  it('returns 400 naming /expiresAt when the expiry is in the past, and creates nothing', async () => {
    const before = await countRows(ctx, 'api_keys');
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      token: admin.token,
      payload: {
        name: 'Late',
        scopes: ['read'],
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.json().errors).toEqual([{ path: '/expiresAt', message: 'must be in the future' }]);
    expect(await countRows(ctx, 'api_keys')).toBe(before);
  });

  it('returns 400 for an expiry that is not a date-time', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      token: admin.token,
      payload: { name: 'Bad date', scopes: ['read'], expiresAt: 'next tuesday' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: '/expiresAt' }));
  });

  it('returns 400 for unknown fields, naming them', async () => {
    const before = await countRows(ctx, 'api_keys');
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      token: admin.token,
      payload: { name: 'Sneaky', scopes: ['read'], role: 'admin' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual({ path: '/role', message: 'is not an allowed field' });
    expect(await countRows(ctx, 'api_keys')).toBe(before);
  });

  it.each([
    ['no scope', [], '/scopes'],
    ['a duplicate scope', ['read', 'read'], '/scopes'],
    ['an unknown scope', ['admin'], '/scopes/0'],
    ['scopes that are not a list', 'write', '/scopes'],
  ])('returns 400 for %s', async (_label, scopes, path) => {
    const before = await countRows(ctx, 'api_keys');
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      token: admin.token,
      payload: { name: 'Scopes', scopes },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await countRows(ctx, 'api_keys')).toBe(before);
  });

  it('returns 400 for a missing or empty name', async () => {
    const missing = await ctx.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      token: admin.token,
      payload: { scopes: ['read'] },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toContainEqual(expect.objectContaining({ path: '/name' }));
    const empty = await ctx.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      token: admin.token,
      payload: { name: '', scopes: ['read'] },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toContainEqual(expect.objectContaining({ path: '/name' }));
  });
});

describe('GET /api/v1/api-keys', () => {
  it('never returns secrets or hashes', async () => {
    const { apiKey, secret } = await createKey({ name: 'Listed', scopes: ['read'] });
    const res = await ctx.inject({
      method: 'GET',
      url: '/api/v1/api-keys?limit=100',
      token: admin.token,
    });
    expect(res.statusCode).toBe(200);
    const listed = (res.json().items as ApiKey[]).find((k) => k.id === apiKey.id);
    expect(listed).toEqual(apiKey);
    expect(res.body).not.toContain(secret.slice(apiKey.prefix.length + 1));
    expect(res.body).not.toContain(createHash('sha256').update(secret).digest('hex'));
    for (const item of res.json().items) {
      expect(Object.keys(item).sort()).toEqual([
        'createdAt',
        'createdBy',
        'expiresAt',
        'id',
        'lastUsedAt',
        'name',
        'prefix',
        'revokedAt',
        'scopes',
      ]);
    }
  });

  it('hides revoked keys unless includeRevoked=true, with exact totals', async () => {
    const kept = await createKey({ name: 'Kept', scopes: ['read'] });
    const gone = await createKey({ name: 'Gone', scopes: ['read'] });
    const revoke = await ctx.inject({
      method: 'POST',
      url: `/api/v1/api-keys/${gone.apiKey.id}/revoke`,
      token: admin.token,
    });
    expect(revoke.statusCode).toBe(200);

    const [counts] = await ctx.query<{ active: number; all: number }>(
      'SELECT SUM(revoked_at IS NULL) AS active, COUNT(*) AS `all` FROM api_keys',
    );

    const active = await listKeys('?limit=100');
    const activeIds = active.items.map((k) => k.id);
    expect(activeIds).toContain(kept.apiKey.id);
    expect(activeIds).not.toContain(gone.apiKey.id);
    expect(active.items.every((k) => k.revokedAt === null)).toBe(true);
    expect(active.total).toBe(Number(counts!.active));

    const all = await listKeys('?limit=100&includeRevoked=true');
    const revoked = all.items.find((k) => k.id === gone.apiKey.id);
    expect(revoked?.revokedAt).not.toBeNull();
    expect(all.total).toBe(Number(counts!.all));
    expect(all.total).toBeGreaterThan(active.total);

    const explicitFalse = await listKeys('?limit=100&includeRevoked=false');
    expect(explicitFalse.items.map((k) => k.id)).toEqual(activeIds);
  });

  it('pages newest first with a keyset cursor', async () => {
    await createKey({ name: 'Page 1', scopes: ['read'] });
    await createKey({ name: 'Page 2', scopes: ['read'] });
    const seen: number[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const page = await listKeys(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((k) => k.id));
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('returns 400 naming includeRevoked when it is not a boolean', async () => {
    const res = await ctx.inject({
      method: 'GET',
      url: '/api/v1/api-keys?includeRevoked=maybe',
      token: admin.token,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ path: '/querystring/includeRevoked' }),
    );
  });
});

describe('POST /api/v1/api-keys/:id/revoke', () => {
  it('revokes a key, is idempotent and audits only the real change', async () => {
    const { apiKey } = await createKey({ name: 'To revoke', scopes: ['write'] });
    const first = await ctx.inject({
      method: 'POST',
      url: `/api/v1/api-keys/${apiKey.id}/revoke`,
      token: admin.token,
      headers: { 'x-request-id': 'revoke-req-0001' },
    });
    expect(first.statusCode).toBe(200);
    const revoked = first.json() as ApiKey;
    expect(revoked).toMatchObject({ id: apiKey.id, name: 'To revoke', prefix: apiKey.prefix });
    expect(revoked.revokedAt).not.toBeNull();
    expect(Math.abs(Date.parse(revoked.revokedAt!) - Date.now())).toBeLessThan(60_000);

    const second = await ctx.inject({
      method: 'POST',
      url: `/api/v1/api-keys/${apiKey.id}/revoke`,
      token: admin.token,
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().revokedAt).toBe(revoked.revokedAt);

    const audits = await ctx.query<Record<string, unknown>>(
      "SELECT * FROM audit_log WHERE action = 'api_key.revoke' AND entity_id = ?",
      [String(apiKey.id)],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_type: 'user',
      actor_id: admin.id,
      request_id: 'revoke-req-0001',
    });
    expect(JSON.parse(String(audits[0]!['before']))).toMatchObject({ revoked: false });
    expect(JSON.parse(String(audits[0]!['after']))).toMatchObject({
      revoked: true,
      prefix: apiKey.prefix,
    });
  });

  it('returns 404 API_KEY_NOT_FOUND for an unknown id and audits nothing', async () => {
    const audits = await countRows(ctx, 'audit_log');
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/api-keys/999999/revoke',
      token: admin.token,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'API_KEY_NOT_FOUND', status: 404 });
    expect(await countRows(ctx, 'audit_log')).toBe(audits);
  });

  it('returns 400 naming the id when it is not a positive integer', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/api-keys/abc/revoke',
      token: admin.token,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: '/params/id' }));
  });
});

describe('authenticating with an API key', () => {
  let readKey: CreatedApiKey;
  let writeKey: CreatedApiKey;

  beforeAll(async () => {
    readKey = await createKey({ name: 'Reader', scopes: ['read'] });
    writeKey = await createKey({ name: 'Writer', scopes: ['write'] });
  });

  it('lets a read key read but not write (403 INSUFFICIENT_SCOPE)', async () => {
    const get = await ctx.inject({ method: 'GET', url: PROBE, token: readKey.secret });
    expect(get.statusCode).toBe(200);
    expect(get.json()).toEqual({ ok: true });

    const post = await ctx.inject({ method: 'POST', url: PROBE, token: readKey.secret });
    expect(post.statusCode).toBe(403);
    expect(post.json()).toMatchObject({ code: 'INSUFFICIENT_SCOPE' });
    expect(post.json().detail).toContain('"write"');
  });

  it('lets a write key read and write', async () => {
    const get = await ctx.inject({ method: 'GET', url: PROBE, token: writeKey.secret });
    expect(get.statusCode).toBe(200);
    const post = await ctx.inject({ method: 'POST', url: PROBE, token: writeKey.secret });
    expect(post.statusCode).toBe(200);
    expect(post.json()).toEqual({ ok: true });
  });

  it('accepts the lower-case "bearer" scheme', async () => {
    const res = await ctx.inject({
      method: 'GET',
      url: PROBE,
      headers: { authorization: `bearer ${readKey.secret}` },
    });
    expect(res.statusCode).toBe(200);
  });

  it('treats a write key as an operator and a read key as a viewer: 403 FORBIDDEN on admin routes', async () => {
    for (const key of [writeKey, readKey]) {
      for (const url of [
        '/api/v1/users',
        '/api/v1/api-keys',
        '/api/v1/audit',
        '/api/v1/settings',
      ]) {
        const res = await ctx.inject({ method: 'GET', url, token: key.secret });
        expect(res.statusCode, `${key.apiKey.name} GET ${url}`).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
        expect(res.json().detail).toContain('admin');
      }
    }
  });

  it('does not let a write key create keys or users', async () => {
    const keys = await countRows(ctx, 'api_keys');
    const users = await countRows(ctx, 'users');
    const key = await ctx.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      token: writeKey.secret,
      payload: { name: 'Escalate', scopes: ['write'] },
    });
    expect(key.statusCode).toBe(403);
    expect(key.json().code).toBe('FORBIDDEN');
    const user = await ctx.inject({
      method: 'POST',
      url: '/api/v1/users',
      token: writeKey.secret,
      payload: { email: 'escalate@test.fr', name: 'E', role: 'admin', password: 'long-enough-pw' },
    });
    expect(user.statusCode).toBe(403);
    expect(await countRows(ctx, 'api_keys')).toBe(keys);
    expect(await countRows(ctx, 'users')).toBe(users);
  });

  it('refuses keys on users-only routes such as GET /api/v1/auth/me (403)', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/v1/auth/me', token: writeKey.secret });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(res.json().detail).toContain('not API keys');
  });

  it.each([
    ['malformed', () => 'gk_not-a-real-key'],
    ['unknown', () => `gk_00000000_${'A'.repeat(43)}`],
    ['right prefix, wrong secret', () => `${readKey.apiKey.prefix}_${'A'.repeat(43)}`],
    [
      'the secret with one character changed',
      () => readKey.secret.slice(0, -1) + (readKey.secret.endsWith('A') ? 'B' : 'A'),
    ],
    ['the secret with something appended', () => `${readKey.secret}x`],
  ])('answers 401 API_KEY_INVALID for a %s key', async (_label, token) => {
    const res = await ctx.inject({ method: 'GET', url: PROBE, token: token() });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'API_KEY_INVALID', status: 401 });
  });

  it('answers 401 API_KEY_INVALID for a revoked key, at once', async () => {
    const { apiKey, secret } = await createKey({ name: 'Soon revoked', scopes: ['write'] });
    expect((await ctx.inject({ method: 'GET', url: PROBE, token: secret })).statusCode).toBe(200);
    await ctx.inject({
      method: 'POST',
      url: `/api/v1/api-keys/${apiKey.id}/revoke`,
      token: admin.token,
    });
    const res = await ctx.inject({ method: 'GET', url: PROBE, token: secret });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('API_KEY_INVALID');
  });

  it('answers 401 API_KEY_INVALID for an expired key', async () => {
    const { apiKey, secret } = await createKey({
      name: 'Expiring',
      scopes: ['read'],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await ctx.inject({ method: 'GET', url: PROBE, token: secret })).statusCode).toBe(200);
    await ctx.query(
      'UPDATE api_keys SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE id = ?',
      [apiKey.id],
    );
    const res = await ctx.inject({ method: 'GET', url: PROBE, token: secret });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('API_KEY_INVALID');
  });

  it('records lastUsedAt when a key is used, and not for failed attempts', async () => {
    const { apiKey, secret } = await createKey({ name: 'Tracked', scopes: ['read'] });
    expect((await keyRow(apiKey.id))['last_used_at']).toBeNull();

    await ctx.inject({ method: 'GET', url: PROBE, token: `${apiKey.prefix}_${'Z'.repeat(43)}` });
    expect((await keyRow(apiKey.id))['last_used_at']).toBeNull();

    const before = Date.now();
    expect((await ctx.inject({ method: 'GET', url: PROBE, token: secret })).statusCode).toBe(200);
    const listed = (await listKeys('?limit=100')).items.find((k) => k.id === apiKey.id);
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(Date.parse(listed!.lastUsedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(listed!.lastUsedAt!)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('writes lastUsedAt at most once a minute per key', async () => {
    const { apiKey, secret } = await createKey({ name: 'Busy', scopes: ['read'] });
    // 30 s ago: a new call does not rewrite it.
    await ctx.query(
      'UPDATE api_keys SET last_used_at = UTC_TIMESTAMP(3) - INTERVAL 30 SECOND WHERE id = ?',
      [apiKey.id],
    );
    const [{ t: thirtyAgo }] = (await ctx.query<{ t: Date }>(
      'SELECT last_used_at AS t FROM api_keys WHERE id = ?',
      [apiKey.id],
    )) as [{ t: Date }];
    await ctx.inject({ method: 'GET', url: PROBE, token: secret });
    expect(((await keyRow(apiKey.id))['last_used_at'] as Date).getTime()).toBe(thirtyAgo.getTime());

    // Long ago: the call refreshes it.
    await ctx.query("UPDATE api_keys SET last_used_at = '2000-01-01 00:00:00.000' WHERE id = ?", [
      apiKey.id,
    ]);
    await ctx.inject({ method: 'GET', url: PROBE, token: secret });
    const refreshed = (await keyRow(apiKey.id))['last_used_at'] as Date;
    expect(Math.abs(refreshed.getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe('who may manage API keys', () => {
  const routes = [
    { method: 'GET' as const, url: '/api/v1/api-keys' },
    {
      method: 'POST' as const,
      url: '/api/v1/api-keys',
      payload: { name: 'Nope', scopes: ['read'] },
    },
    { method: 'POST' as const, url: '/api/v1/api-keys/1/revoke' },
  ];

  it.each(['manager', 'operator', 'viewer'] as const)(
    'answers 403 FORBIDDEN to a %s on every route',
    async (role) => {
      const user = await ctx.createUser(role);
      const keys = await countRows(ctx, 'api_keys');
      for (const route of routes) {
        const res = await ctx.inject({ ...route, token: user.token });
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
      expect(await countRows(ctx, 'api_keys')).toBe(keys);
    },
  );

  it('answers 401 UNAUTHENTICATED without a token on every route', async () => {
    for (const route of routes) {
      const res = await ctx.inject(route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });
});
