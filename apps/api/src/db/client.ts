import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import * as schema from './schema/index.ts';

export type Database = MySql2Database<typeof schema>;
/** A transaction handle or the database: repositories accept either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DbHandle {
  db: Database;
  pool: mysql.Pool;
  close(): Promise<void>;
}

export function createPool(url: string, connectionLimit: number): mysql.Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    timezone: 'Z',
    dateStrings: false,
    jsonStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: false,
    charset: 'utf8mb4_unicode_ci',
    // No async stack captured per query (an Error built for every statement: 3 % of the API's
    // CPU creating orders, bench/orders.mjs). A database error still says what failed; the
    // request log says which route sent it.
    trace: false,
  });
  // CURRENT_TIMESTAMP defaults follow the session zone: pin it to UTC.
  pool.on('connection', (conn) => {
    conn.query("SET time_zone = '+00:00'");
  });
  return pool;
}

type QueryFn = (options: unknown, values?: unknown) => Promise<unknown>;
/** drizzle's options for a read: its typeCast callback swapped for mysql2's `dateStrings`. */
function swapTypeCast(options: unknown): unknown {
  if (typeof options !== 'object' || options === null) return options;
  const { typeCast, ...rest } = options as { typeCast?: unknown };
  return typeof typeCast === 'function' ? { ...rest, dateStrings: true } : options;
}
function readDatesAsText<T extends { query: QueryFn }>(target: T): T {
  const query = target.query.bind(target);
  target.query = ((options: unknown, values?: unknown) =>
    query(swapTypeCast(options), values)) as T['query'];
  return target;
}

/**
 * drizzle's mysql2 driver gives every query a typeCast callback that returns DATE, DATETIME and
 * TIMESTAMP as text (its columns parse that text). With a callback, mysql2 builds an object for
 * every field of every row before calling it: half of the API's CPU on `GET /orders/:id` (an
 * order page is ~60 fields × its lines; bench/orders.mjs profile). mysql2's own
 * `dateStrings: true` hands over the same text for those three types and leaves the others
 * alone, so drizzle gets a pool (and transaction connections) whose queries use it instead.
 */
function forDrizzle(pool: mysql.Pool): mysql.Pool {
  readDatesAsText(pool as unknown as { query: QueryFn });
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = async () =>
    readDatesAsText((await getConnection()) as unknown as { query: QueryFn }) as never;
  return pool;
}

export function createDb(url: string, connectionLimit = 10): DbHandle {
  const pool = forDrizzle(createPool(url, connectionLimit));
  const db = drizzle(pool, { schema, mode: 'default' });
  return { db, pool, close: () => pool.end() };
}
