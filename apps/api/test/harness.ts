import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '@gestco/contract';
import { buildApp } from '../src/app.ts';
import { loadConfig, type AppConfig } from '../src/config/config.ts';
import { createDb, type DbHandle } from '../src/db/client.ts';
import { ensureDatabase, runMigrations } from '../src/db/migrate.ts';
import { systemActor } from '../src/lib/request-context.ts';

/** The server the tests talk to; each test file gets its own database on it. */
export const TEST_SERVER_URL = process.env['TEST_DATABASE_URL'] ?? 'mysql://root@127.0.0.1:3306';
export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestContext {
  app: FastifyInstance;
  db: DbHandle;
  config: AppConfig;
  databaseUrl: string;
  /** Raw SQL on the test database, to check what really is stored. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  createUser(
    role: Role,
    overrides?: { email?: string; name?: string; password?: string },
  ): Promise<TestUser>;
  inject(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestUser {
  id: number;
  email: string;
  role: Role;
  token: string;
  auth: { authorization: string };
}

export async function createDatabase(migrate = true) {
  const name = `gestco_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `${TEST_SERVER_URL.replace(/\/$/, '')}/${name}`;
  await ensureDatabase(databaseUrl);
  const db = createDb(databaseUrl, 5);
  if (migrate) await runMigrations(db.db);
  return { name, databaseUrl, db };
}

export async function dropDatabase(name: string) {
  const conn = await mysql.createConnection({ uri: TEST_SERVER_URL });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

let counter = 0;

export async function createTestContext(
  env: Record<string, string> = {},
  options: { migrate?: boolean; beforeReady?: (app: FastifyInstance) => void } = {},
): Promise<TestContext> {
  const { name, databaseUrl, db } = await createDatabase(options.migrate ?? true);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    LOGIN_MAX_PER_IP: '1000',
    LOGIN_MAX_PER_ACCOUNT: '1000',
    WEB_DIST: '/nonexistent',
    ...env,
  });
  const app = await buildApp(config, { db, logger: process.env['TEST_LOGS'] === '1' });
  options.beforeReady?.(app);
  await app.ready();

  const ctx: TestContext = {
    app,
    db,
    config,
    databaseUrl,
    async query<T>(sql: string, params: unknown[] = []) {
      const [rows] = await db.pool.query(sql, params);
      return rows as T[];
    },
    async createUser(role, overrides = {}) {
      counter += 1;
      const email = overrides.email ?? `${role}${counter}@test.gestco.fr`;
      const user = await app.services.usersService.create(systemActor('test'), {
        email,
        name: overrides.name ?? `${role} ${counter}`,
        role,
        password: overrides.password ?? TEST_PASSWORD,
      });
      const token = app.jwt.sign({ sub: String(user.id), role });
      return { id: user.id, email, role, token, auth: { authorization: `Bearer ${token}` } };
    },
    inject({ token, headers, ...rest }) {
      return app.inject({
        ...rest,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      });
    },
    async close() {
      await app.close();
      await db.close();
      await dropDatabase(name);
    },
  };
  return ctx;
}

/** Counts rows of a table: "a failed request changes nothing" is checked with it. */
export async function countRows(ctx: TestContext, table: string) {
  const [row] = await ctx.query<{ n: number }>(`SELECT COUNT(*) AS n FROM \`${table}\``);
  return Number(row?.n ?? 0);
}
