import { readFile } from 'node:fs/promises';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import type { Database } from './client.ts';
import { findUp } from '../lib/find-up.ts';

/** apps/api/drizzle, found from src/ and from the bundled dist/ alike. */
export const migrationsFolder = path.dirname(
  path.dirname(
    findUp(import.meta.url, 'drizzle/meta/_journal.json') ?? 'drizzle/meta/_journal.json',
  ),
);

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name))
    throw new Error(`Invalid database name in DATABASE_URL: "${name}"`);
  return name;
}

/** Creates the database named in the URL if it does not exist. */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const server = new URL(url);
  server.pathname = '/';
  const conn = await mysql.createConnection({ uri: server.toString() });
  try {
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await conn.end();
  }
}

export async function runMigrations(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder });
}

/** Number of committed migrations not yet applied (for /api/ready). */
export async function pendingMigrations(db: Database): Promise<number> {
  const journal = JSON.parse(
    await readFile(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as {
    entries: { when: number }[];
  };
  const [rows] = (await db.execute(
    sql`SELECT MAX(created_at) AS last FROM \`__drizzle_migrations\``,
  )) as unknown as [{ last: string | number | null }[]];
  const last = Number(rows[0]?.last ?? 0);
  return journal.entries.filter((e) => e.when > last).length;
}
