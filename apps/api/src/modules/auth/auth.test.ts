import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from '../../../test/harness.ts';

let ctx: TestContext;
let operator: TestUser;

const login = (email: string, password = TEST_PASSWORD, headers: Record<string, string> = {}) =>
  ctx.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });

/** The refresh cookie value and its attributes from a response. */
function refreshCookie(res: Awaited<ReturnType<typeof login>>) {
  const cookie = res.cookies.find((c) => c.name === 'gestco_refresh');
  if (!cookie) throw new Error('no refresh cookie');
  return cookie;
}
const withCookie = (value: string) => ({ cookie: `gestco_refresh=${value}` });

function forgeJwt(header: object, payload: object, secret: string) {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc(header)}.${enc(payload)}`;
  const alg = (header as { alg: string }).alg;
  if (alg === 'none') return `${body}.`;
  const hash = alg === 'HS512' ? 'sha512' : 'sha256';
  return `${body}.${createHmac(hash, secret).update(body).digest('base64url')}`;
}

beforeAll(async () => {
  ctx = await createTestContext();
  operator = await ctx.createUser('operator', { email: 'Lea.Moreau@test.gestco.fr' });
});
afterAll(() => ctx.close());

describe('POST /api/v1/auth/login', () => {
  it('returns an access token, the user and an httpOnly SameSite=Strict refresh cookie', async () => {
    const res = await login('lea.moreau@test.gestco.fr');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.expiresIn).toBe(900);
    expect(body.user).toMatchObject({
      id: operator.id,
      role: 'operator',
      email: 'lea.moreau@test.gestco.fr',
    });
    expect(body.user).not.toHaveProperty('passwordHash');
    const cookie = refreshCookie(res);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    const [claims] = [
      JSON.parse(Buffer.from(body.accessToken.split('.')[1], 'base64url').toString()),
    ];
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(900);
    expect(
      JSON.parse(Buffer.from(body.accessToken.split('.')[0], 'base64url').toString()).alg,
    ).toBe('HS256');
  });

  it('records the login time and an audit row', async () => {
    await login(operator.email);
    const [row] = await ctx.query<{ last_login_at: Date | null }>(
      'SELECT last_login_at FROM users WHERE id = ?',
      [operator.id],
    );
    expect(row?.last_login_at).toBeInstanceOf(Date);
    const audit = await ctx.query('SELECT * FROM audit_log WHERE action = ? AND actor_id = ?', [
      'auth.login',
      operator.id,
    ]);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const wrong = await login(operator.email, 'not-the-password');
    const unknown = await login('nobody@test.gestco.fr', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    expect(wrong.cookies).toHaveLength(0);
  });

  it('refuses a disabled account with the same answer as a wrong password', async () => {
    const disabled = await ctx.createUser('viewer');
    await ctx.query('UPDATE users SET active = 0 WHERE id = ?', [disabled.id]);
    const res = await login(disabled.email);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
  });
});

describe('login rate limits', () => {
  it('answers 429 with Retry-After after too many attempts on one account', async () => {
    const limited = await createTestContext({
      LOGIN_MAX_PER_ACCOUNT: '3',
      LOGIN_MAX_PER_IP: '100',
    });
    try {
      const user = await limited.createUser('viewer');
      const attempt = (ip: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: ip,
          payload: { email: user.email, password: 'wrong-password' },
        });
      for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3'])
        expect((await attempt(ip)).statusCode).toBe(401);
      const blocked = await attempt('10.0.0.4');
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
      // Even the right password waits: the limit is on attempts, not on failures.
      const right = await limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      expect(right.statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('answers 429 after too many attempts from one IP across accounts', async () => {
    const limited = await createTestContext({
      LOGIN_MAX_PER_ACCOUNT: '100',
      LOGIN_MAX_PER_IP: '2',
    });
    try {
      const attempt = (n: number) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.1.1.1',
          payload: { email: `u${n}@x.fr`, password: 'wrong-password' },
        });
      expect((await attempt(1)).statusCode).toBe(401);
      expect((await attempt(2)).statusCode).toBe(401);
      const blocked = await attempt(3);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      const otherIp = await limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.1.1.2',
        payload: { email: 'u4@x.fr', password: 'wrong-password' },
      });
      expect(otherIp.statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe('POST /api/v1/auth/refresh', () => {
  it('rotates the refresh token and returns a new access token', async () => {
    const first = refreshCookie(await login(operator.email)).value;
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: withCookie(first),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(operator.id);
    const second = refreshCookie(res).value;
    expect(second).not.toBe(first);
    const me = await ctx.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      token: res.json().accessToken,
    });
    expect(me.statusCode).toBe(200);
  });

  it('revokes the whole family when an old refresh token is reused', async () => {
    const first = refreshCookie(await login(operator.email)).value;
    const second = refreshCookie(
      await ctx.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: withCookie(first) }),
    ).value;
    const reuse = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: withCookie(first),
    });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate newest token is dead too: the thief and the user both sign in again.
    const after = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: withCookie(second),
    });
    expect(after.statusCode).toBe(401);
    const audit = await ctx.query('SELECT * FROM audit_log WHERE action = ?', [
      'auth.refresh_reuse',
    ]);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('answers 401 without a cookie or with an unknown one', async () => {
    const none = await ctx.inject({ method: 'POST', url: '/api/v1/auth/refresh' });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('REFRESH_TOKEN_INVALID');
    const unknown = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: withCookie('made-up'),
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('refuses to refresh for a user disabled since signing in', async () => {
    const user = await ctx.createUser('viewer');
    const cookie = refreshCookie(await login(user.email)).value;
    await ctx.query('UPDATE users SET active = 0 WHERE id = ?', [user.id]);
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: withCookie(cookie),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('refuses an expired refresh token', async () => {
    const cookie = refreshCookie(await login(operator.email)).value;
    await ctx.query(
      'UPDATE refresh_tokens SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE rotated_at IS NULL AND revoked_at IS NULL',
    );
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: withCookie(cookie),
    });
    expect(res.statusCode).toBe(401);
  });

  it('stores only hashes of refresh tokens', async () => {
    const cookie = refreshCookie(await login(operator.email)).value;
    const rows = await ctx.query<{ token_hash: string }>('SELECT token_hash FROM refresh_tokens');
    expect(rows.some((r) => r.token_hash === cookie)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('ends the session: the refresh cookie no longer works and is cleared', async () => {
    const cookie = refreshCookie(await login(operator.email)).value;
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: withCookie(cookie),
    });
    expect(res.statusCode).toBe(204);
    expect(refreshCookie(res).value).toBe('');
    const again = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: withCookie(cookie),
    });
    expect(again.statusCode).toBe(401);
  });

  it('answers 204 even without a session', async () => {
    expect((await ctx.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
  });
});

describe('access tokens', () => {
  const me = (authorization?: string) =>
    ctx.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: authorization ? { authorization } : {},
    });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const res = await me();
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 TOKEN_EXPIRED for an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = ctx.app.jwt.sign({
      sub: String(operator.id),
      role: 'operator',
      iat: now - 2000,
      exp: now - 1000,
    });
    const res = await me(`Bearer ${token}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('TOKEN_EXPIRED');
  });

  it('answers 401 TOKEN_INVALID for a tampered token', async () => {
    const [h, p, s] = operator.token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: '999', role: 'admin' })).toString(
      'base64url',
    );
    const res = await me(`Bearer ${h}.${forged}.${s}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('TOKEN_INVALID');
  });

  it('refuses alg "none" and any algorithm other than HS256', async () => {
    const claims = {
      sub: String(operator.id),
      role: 'admin',
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 60,
    };
    const none = await me(`Bearer ${forgeJwt({ alg: 'none', typ: 'JWT' }, claims, '')}`);
    expect(none.statusCode).toBe(401);
    const hs512 = await me(
      `Bearer ${forgeJwt({ alg: 'HS512', typ: 'JWT' }, claims, ctx.config.jwtSecret)}`,
    );
    expect(hs512.statusCode).toBe(401);
    expect(hs512.json().code).toBe('TOKEN_INVALID');
    // Control: the same claims signed as the server does are accepted.
    const good = await me(
      `Bearer ${forgeJwt({ alg: 'HS256', typ: 'JWT' }, claims, ctx.config.jwtSecret)}`,
    );
    expect(good.statusCode).toBe(200);
  });

  it('refuses a signature made with another secret', async () => {
    const claims = {
      sub: String(operator.id),
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 60,
    };
    const res = await me(
      `Bearer ${forgeJwt({ alg: 'HS256', typ: 'JWT' }, claims, 'x'.repeat(48))}`,
    );
    expect(res.statusCode).toBe(401);
  });

  it("refuses a disabled user's still-valid token", async () => {
    const user = await ctx.createUser('manager');
    expect((await me(user.auth.authorization)).statusCode).toBe(200);
    await ctx.query('UPDATE users SET active = 0 WHERE id = ?', [user.id]);
    const res = await me(user.auth.authorization);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('takes role changes into account at once (role read from the database, not the token)', async () => {
    const user = await ctx.createUser('admin');
    const adminOther = await ctx.createUser('admin');
    expect(
      (await ctx.inject({ method: 'GET', url: '/api/v1/users', token: user.token })).statusCode,
    ).toBe(200);
    await ctx.query("UPDATE users SET role = 'viewer' WHERE id = ?", [user.id]);
    expect(
      (await ctx.inject({ method: 'GET', url: '/api/v1/users', token: user.token })).statusCode,
    ).toBe(403);
    expect(adminOther.id).toBeGreaterThan(0);
  });

  it('rejects a malformed Authorization header', async () => {
    expect((await me('Basic YWRtaW46YWRtaW4=')).statusCode).toBe(401);
    expect((await me('Bearer')).statusCode).toBe(401);
  });
});

describe('GET and PATCH /api/v1/auth/me', () => {
  it('returns the signed-in user', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/v1/auth/me', token: operator.token });
    expect(res.json()).toMatchObject({
      id: operator.id,
      role: 'operator',
      locale: 'fr',
      active: true,
    });
  });

  it('remembers the language, with optimistic concurrency', async () => {
    const user = await ctx.createUser('viewer');
    const current = (
      await ctx.inject({ method: 'GET', url: '/api/v1/auth/me', token: user.token })
    ).json();
    const res = await ctx.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      token: user.token,
      payload: { version: current.version, locale: 'en' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ locale: 'en', version: current.version + 1 });
    const stale = await ctx.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      token: user.token,
      payload: { version: current.version, locale: 'fr' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const [row] = await ctx.query<{ locale: string }>('SELECT locale FROM users WHERE id = ?', [
      user.id,
    ]);
    expect(row?.locale).toBe('en');
  });

  it('does not let a user change their own role', async () => {
    const user = await ctx.createUser('viewer');
    const res = await ctx.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      token: user.token,
      payload: { version: 1, role: 'admin' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual({ path: '/role', message: 'is not an allowed field' });
  });

  it('rejects an unsupported language', async () => {
    const res = await ctx.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      token: operator.token,
      payload: { version: 1, locale: 'de' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/locale');
  });
});
