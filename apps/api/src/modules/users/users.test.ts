import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from '../../../test/harness.ts';

let ctx: TestContext;
let admin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.createUser('admin', { name: 'Alice Admin' });
});
afterAll(() => ctx.close());

const create = (payload: Record<string, unknown>, token = admin.token) =>
  ctx.inject({ method: 'POST', url: '/api/v1/users', token, payload });
const patch = (id: number, payload: Record<string, unknown>, token = admin.token) =>
  ctx.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, token, payload });
const get = (id: number) =>
  ctx.inject({ method: 'GET', url: `/api/v1/users/${id}`, token: admin.token });

describe('POST /api/v1/users', () => {
  it('creates a user with an argon2id hash, lower-cased email, and audits it', async () => {
    const res = await create({
      email: 'Marc.Petit@Example.FR',
      name: ' Marc Petit ',
      role: 'operator',
      password: 'initial-password-1',
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      email: 'marc.petit@example.fr',
      name: 'Marc Petit',
      role: 'operator',
      active: true,
      version: 1,
      lastLoginAt: null,
    });
    const [row] = await ctx.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = ?',
      [user.id],
    );
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.password_hash).not.toContain('initial-password-1');
    const [audit] = await ctx.query<{ actor_id: number; after: string }>(
      "SELECT actor_id, after FROM audit_log WHERE action = 'user.create' AND entity_id = ?",
      [String(user.id)],
    );
    expect(audit?.actor_id).toBe(admin.id);
    expect(audit?.after).not.toContain('argon2');
    // The new user can sign in with the initial password.
    const login = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'marc.petit@example.fr', password: 'initial-password-1' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('answers 409 EMAIL_TAKEN with the existing id, whatever the case, and creates nothing', async () => {
    const first = await create({
      email: 'dup@example.fr',
      name: 'Dup',
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    const before = await countRows(ctx, 'users');
    const auditBefore = await countRows(ctx, 'audit_log');
    const res = await create({
      email: 'DUP@example.fr',
      name: 'Dup 2',
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'EMAIL_TAKEN', existingId: first.json().id });
    expect(res.json().errors[0].path).toBe('/email');
    expect(await countRows(ctx, 'users')).toBe(before);
    expect(await countRows(ctx, 'audit_log')).toBe(auditBefore);
  });

  it('refuses a password shorter than 10 characters, naming the field', async () => {
    const res = await create({
      email: 'short@example.fr',
      name: 'S',
      role: 'viewer',
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: '/password' }));
  });
});

describe('GET /api/v1/users', () => {
  it('searches name and email, filters by role and active, pages with a cursor', async () => {
    for (const n of [1, 2, 3])
      await create({
        email: `page${n}@pager.fr`,
        name: `Pager ${n}`,
        role: 'viewer',
        password: TEST_PASSWORD,
      });
    const first = await ctx.inject({
      method: 'GET',
      url: '/api/v1/users?q=pager&limit=2',
      token: admin.token,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().total).toBe(3);
    expect(first.json().items.map((u: { name: string }) => u.name)).toEqual(['Pager 1', 'Pager 2']);
    const second = await ctx.inject({
      method: 'GET',
      url: `/api/v1/users?q=pager&limit=2&cursor=${first.json().nextCursor}`,
      token: admin.token,
    });
    expect(second.json().items.map((u: { name: string }) => u.name)).toEqual(['Pager 3']);
    expect(second.json().nextCursor).toBeNull();

    const admins = await ctx.inject({
      method: 'GET',
      url: '/api/v1/users?role=admin',
      token: admin.token,
    });
    expect(admins.json().items.every((u: { role: string }) => u.role === 'admin')).toBe(true);

    const desc = await ctx.inject({
      method: 'GET',
      url: '/api/v1/users?q=pager&sort=-name',
      token: admin.token,
    });
    expect(desc.json().items[0].name).toBe('Pager 3');
  });

  it('treats % and _ in the search as plain characters', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/v1/users?q=%25', token: admin.token });
    expect(res.json().total).toBe(0);
  });

  it('rejects an unknown sort and a forged cursor', async () => {
    expect(
      (await ctx.inject({ method: 'GET', url: '/api/v1/users?sort=password', token: admin.token }))
        .statusCode,
    ).toBe(400);
    const forged = await ctx.inject({
      method: 'GET',
      url: '/api/v1/users?cursor=bm9wZQ',
      token: admin.token,
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().errors[0].path).toBe('/querystring/cursor');
  });
});

describe('PATCH /api/v1/users/:id', () => {
  it('changes the role with the current version and audits before/after', async () => {
    const user = (
      await create({
        email: 'promote@example.fr',
        name: 'Pro',
        role: 'viewer',
        password: TEST_PASSWORD,
      })
    ).json();
    const res = await patch(user.id, { version: user.version, role: 'manager' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'manager', version: 2 });
    const [audit] = await ctx.query<{ before: string; after: string }>(
      "SELECT `before`, `after` FROM audit_log WHERE action = 'user.update' AND entity_id = ?",
      [String(user.id)],
    );
    expect(JSON.parse(audit!.before)).toMatchObject({ role: 'viewer' });
    expect(JSON.parse(audit!.after)).toMatchObject({ role: 'manager' });
  });

  it('answers 409 VERSION_CONFLICT on a stale version and changes nothing', async () => {
    const user = (
      await create({
        email: 'stale@example.fr',
        name: 'Stale',
        role: 'viewer',
        password: TEST_PASSWORD,
      })
    ).json();
    await patch(user.id, { version: 1, name: 'Fresh' });
    const res = await patch(user.id, { version: 1, role: 'admin' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VERSION_CONFLICT');
    expect((await get(user.id)).json()).toMatchObject({
      role: 'viewer',
      name: 'Fresh',
      version: 2,
    });
  });

  it('answers 404 USER_NOT_FOUND for an unknown user', async () => {
    const res = await patch(999_999, { version: 1, name: 'Ghost' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('USER_NOT_FOUND');
  });

  it('never removes the last active admin, by demotion or deactivation', async () => {
    const solo = await createTestContext();
    try {
      const only = await solo.createUser('admin');
      const demote = await solo.inject({
        method: 'PATCH',
        url: `/api/v1/users/${only.id}`,
        token: only.token,
        payload: { version: 1, role: 'manager' },
      });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().code).toBe('LAST_ADMIN');
      const disable = await solo.inject({
        method: 'PATCH',
        url: `/api/v1/users/${only.id}`,
        token: only.token,
        payload: { version: 1, active: false },
      });
      expect(disable.statusCode).toBe(409);
      const [row] = await solo.query<{ role: string; active: number; version: number }>(
        'SELECT role, active, version FROM users WHERE id = ?',
        [only.id],
      );
      expect(row).toMatchObject({ role: 'admin', active: 1, version: 1 });

      // With a second admin, the first may step down; then the second is the last one.
      const second = await solo.createUser('admin');
      expect(
        (
          await solo.inject({
            method: 'PATCH',
            url: `/api/v1/users/${only.id}`,
            token: second.token,
            payload: { version: 1, role: 'manager' },
          })
        ).statusCode,
      ).toBe(200);
      const last = await solo.inject({
        method: 'PATCH',
        url: `/api/v1/users/${second.id}`,
        token: second.token,
        payload: { version: 1, active: false },
      });
      expect(last.json().code).toBe('LAST_ADMIN');
    } finally {
      await solo.close();
    }
  });

  it('keeps one admin when two admins demote each other at the same time', async () => {
    const race = await createTestContext();
    try {
      const a = await race.createUser('admin');
      const b = await race.createUser('admin');
      const results = await Promise.all([
        race.inject({
          method: 'PATCH',
          url: `/api/v1/users/${a.id}`,
          token: b.token,
          payload: { version: 1, role: 'viewer' },
        }),
        race.inject({
          method: 'PATCH',
          url: `/api/v1/users/${b.id}`,
          token: a.token,
          payload: { version: 1, role: 'viewer' },
        }),
      ]);
      const codes = results.map((r) => r.statusCode).sort();
      // One wins; the other is refused (409 LAST_ADMIN, or 401/403 if its caller was just demoted).
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      const [row] = await race.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1",
      );
      expect(Number(row?.n)).toBe(1);
    } finally {
      await race.close();
    }
  });

  it('deactivating a user ends their sessions', async () => {
    const user = (
      await create({
        email: 'leaving@example.fr',
        name: 'Leaving',
        role: 'operator',
        password: TEST_PASSWORD,
      })
    ).json();
    const login = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'leaving@example.fr', password: TEST_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'gestco_refresh')!.value;
    expect((await patch(user.id, { version: user.version, active: false })).statusCode).toBe(200);
    const refresh = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: `gestco_refresh=${cookie}` },
    });
    expect(refresh.statusCode).toBe(401);
    const me = await ctx.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      token: login.json().accessToken,
    });
    expect(me.statusCode).toBe(401);
  });
});

describe('POST /api/v1/users/:id/password', () => {
  it('sets a new password, signs the user out everywhere, and audits without the password', async () => {
    const user = (
      await create({
        email: 'reset@example.fr',
        name: 'Reset',
        role: 'operator',
        password: TEST_PASSWORD,
      })
    ).json();
    const login = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'reset@example.fr', password: TEST_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'gestco_refresh')!.value;
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/password`,
      token: admin.token,
      payload: { password: 'brand-new-password' },
    });
    expect(res.statusCode).toBe(204);
    const old = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'reset@example.fr', password: TEST_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    const fresh = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'reset@example.fr', password: 'brand-new-password' },
    });
    expect(fresh.statusCode).toBe(200);
    const refresh = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: `gestco_refresh=${cookie}` },
    });
    expect(refresh.statusCode).toBe(401);
    const audits = await ctx.query<{ after: string }>(
      "SELECT `after` FROM audit_log WHERE action = 'user.reset_password'",
    );
    expect(audits.some((a) => a.after.includes('brand-new-password'))).toBe(false);
    expect(audits.length).toBe(1);
  });
});
