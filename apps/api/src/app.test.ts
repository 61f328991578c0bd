import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestContext, type TestContext, type TestUser } from '../test/harness.ts';

let ctx: TestContext;
let admin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext(
    { CORS_ORIGINS: 'https://partner.example' },
    {
      beforeReady: (app) => {
        // A route that fails unexpectedly, to prove 5xx answers hide internals.
        app.get('/api/v1/__boom', { config: { access: 'public' } }, async () => {
          throw new Error('secret database password is hunter2');
        });
      },
    },
  );
  admin = await ctx.createUser('admin');
});
afterAll(() => ctx.close());

describe('GET /api/health', () => {
  it('answers ok without authentication', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });
});

describe('GET /api/ready', () => {
  it('is ready when the database answers and migrations are applied', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: 'up', migrations: 'applied' });
  });

  it('is not ready (503) on a database without migrations', async () => {
    const bare = await createTestContext({}, { migrate: false });
    try {
      const res = await bare.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'not_ready', database: 'up' });
      expect(res.json().migrations).not.toBe('applied');
    } finally {
      await bare.close();
    }
  });
});

describe('errors', () => {
  it('answers unknown routes with a problem+json 404', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', title: 'Not Found' });
  });

  it('rejects malformed JSON with 400 MALFORMED_JSON and creates nothing', async () => {
    const before = await countRows(ctx, 'users');
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/users',
      token: admin.token,
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.fr", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'MALFORMED_JSON' });
    expect(await countRows(ctx, 'users')).toBe(before);
  });

  it('rejects unknown fields with 400 naming the field', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/users',
      token: admin.token,
      payload: {
        email: 'x@test.fr',
        name: 'X',
        role: 'viewer',
        password: 'long-enough-pw',
        isAdmin: true,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual({
      path: '/isAdmin',
      message: 'is not an allowed field',
    });
  });

  it('rejects wrong types without coercing them, naming every field', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/users',
      token: admin.token,
      payload: { email: 'not-an-email', name: 12, role: 'root', password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/email', '/name', '/role', '/password']));
  });

  it('names a missing field', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.fr' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: '/password' }));
  });

  it('names a bad query parameter with its location', async () => {
    const res = await ctx.inject({
      method: 'GET',
      url: '/api/v1/users?limit=500',
      token: admin.token,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/querystring/limit');
  });

  it('rejects bodies over 1 MiB with 413', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.fr', password: 'x'.repeat(1024 * 1024 + 10) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('rejects bodies that are not JSON with 415', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a@b.fr',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('hides the text of unexpected errors and gives the request id', async () => {
    const res = await ctx.inject({
      method: 'GET',
      url: '/api/v1/__boom',
      headers: { 'x-request-id': 'req-abcdef12' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(res.json()).toMatchObject({ code: 'INTERNAL', requestId: 'req-abcdef12' });
    expect(res.headers['x-request-id']).toBe('req-abcdef12');
  });
});

describe('HTTP hardening', () => {
  it('sends helmet security headers', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('allows only configured cross-origin callers', async () => {
    const allowed = await ctx.inject({
      method: 'GET',
      url: '/api/health',
      headers: { origin: 'https://partner.example' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://partner.example');
    const other = await ctx.inject({
      method: 'GET',
      url: '/api/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('generates a request id when none (or a malformed one) is sent', async () => {
    const res = await ctx.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'bad id!' },
    });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
