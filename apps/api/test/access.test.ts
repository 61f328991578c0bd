import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@gestco/contract';
import { createTestContext, type TestContext, type TestUser } from './harness.ts';

/**
 * The role matrix, for every operation in the OpenAPI document: no token → 401,
 * each role outside the declared list → 403, each role inside → neither.
 * New routes are covered as soon as they exist.
 */
let ctx: TestContext;
const users = {} as Record<Role, TestUser>;

interface Operation {
  method: string;
  path: string;
  roles: Role[] | 'public';
  apiKeys: boolean;
}

function operations(): Operation[] {
  const doc = ctx.app.swagger() as {
    paths: Record<string, Record<string, { security?: unknown[]; description?: string }>>;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!op.security || op.security.length === 0) {
        ops.push({ method: method.toUpperCase(), path, roles: 'public', apiKeys: false });
        continue;
      }
      const match = /Roles: ([a-z, ]+)/.exec(op.description ?? '');
      if (!match?.[1])
        throw new Error(`${method} ${path} is secured but does not document its roles`);
      ops.push({
        method: method.toUpperCase(),
        path,
        roles: match[1].split(',').map((r) => r.trim()) as Role[],
        apiKeys: !(op.description ?? '').includes('not with API keys'),
      });
    }
  }
  return ops;
}

const url = (path: string) => path.replace(/\{[^}]+\}/g, '1');
const call = (op: Operation, token?: string) =>
  ctx.inject({
    method: op.method as 'GET',
    url: url(op.path),
    token,
    ...(op.method === 'GET' ? {} : { payload: {} }),
  });

beforeAll(async () => {
  ctx = await createTestContext();
  for (const role of ROLES) users[role] = await ctx.createUser(role);
});
afterAll(() => ctx.close());

describe('every route declares who may call it', () => {
  it('documents public and secured operations', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(10);
    const publicOps = ops
      .filter((o) => o.roles === 'public')
      .map((o) => `${o.method} ${o.path}`)
      .sort();
    // Adding a public route is a decision: it must be added here on purpose.
    expect(publicOps).toEqual([
      'GET /api/health',
      'GET /api/ready',
      'GET /api/v1/public/quick-order/{token}',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/public/quick-order/{token}/orders',
    ]);
  });

  it('answers 401 without a token on every secured operation', async () => {
    for (const op of operations().filter((o) => o.roles !== 'public')) {
      const res = await call(op);
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(401);
      expect(res.json().code, `${op.method} ${op.path}`).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 to every role below the declared ones, and lets the declared ones through', async () => {
    let checked = 0;
    for (const op of operations().filter((o) => o.roles !== 'public')) {
      for (const role of ROLES) {
        const res = await call(op, users[role].token);
        const allowed = (op.roles as Role[]).includes(role);
        if (allowed)
          expect([401, 403], `${role} on ${op.method} ${op.path}`).not.toContain(res.statusCode);
        else {
          expect(res.statusCode, `${role} on ${op.method} ${op.path}`).toBe(403);
          expect(res.json().code).toBe('FORBIDDEN');
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it('keeps API keys out of admin and user-only operations', async () => {
    const created = await ctx.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      token: users.admin.token,
      payload: { name: 'ERP', scopes: ['read', 'write'] },
    });
    const key = created.json().secret as string;
    for (const op of operations().filter((o) => o.roles !== 'public')) {
      const keyRole = 'operator';
      if (op.apiKeys && (op.roles as Role[]).includes(keyRole)) continue;
      const res = await call(op, key);
      expect(res.statusCode, `API key on ${op.method} ${op.path}`).toBe(403);
    }
  });
});
