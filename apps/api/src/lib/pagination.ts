import { and, asc, desc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import type { MySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';
import type { Executor } from '../db/client.ts';
import { AppError } from './app-error.ts';

export const DEFAULT_LIMIT = 25;
export const TOTAL_CAP = 10_000;

type SortValue = string | number | Date;

export interface KeysetSpec {
  column: MySqlColumn;
  id: MySqlColumn;
  descending: boolean;
  kind: 'string' | 'number' | 'date';
}

/** `?sort=-createdAt` → descending on createdAt. */
export function parseSort<K extends string>(sort: string | undefined, fallback: `${'' | '-'}${K}`) {
  const value = sort ?? fallback;
  const descending = value.startsWith('-');
  return { field: (descending ? value.slice(1) : value) as K, descending };
}

export function encodeCursor(value: SortValue, id: number): string {
  const v = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

function decodeCursor(cursor: string, kind: KeysetSpec['kind']): [SortValue, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && Number.isInteger(parsed[1])) {
      const [v, id] = parsed as [unknown, number];
      if (kind === 'date' && typeof v === 'string' && !Number.isNaN(Date.parse(v)))
        return [new Date(v), id];
      if (kind === 'number' && typeof v === 'number') return [v, id];
      if (kind === 'string' && typeof v === 'string') return [v, id];
    }
  } catch {
    // fall through to the validation error
  }
  throw new AppError('VALIDATION_FAILED', 'The cursor is not valid for this list.', {
    errors: [{ path: '/querystring/cursor', message: 'is not a valid cursor' }],
  });
}

/** Condition for the rows after `cursor`, plus the matching ORDER BY. */
export function keyset(
  spec: KeysetSpec,
  cursor: string | undefined,
): { where: SQL | undefined; orderBy: SQL[] } {
  const dir = spec.descending ? desc : asc;
  const orderBy = [dir(spec.column), dir(spec.id)];
  if (!cursor) return { where: undefined, orderBy };
  const [value, id] = decodeCursor(cursor, spec.kind);
  const beyond = spec.descending ? lt : gt;
  return {
    where: or(beyond(spec.column, value), and(eq(spec.column, value), beyond(spec.id, id))),
    orderBy,
  };
}

/** Cuts the `limit + 1` fetched rows into a page and its next cursor. */
export function toPage<R>(rows: R[], limit: number, cursorOf: (row: R) => [SortValue, number]) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last ? encodeCursor(...cursorOf(last)) : null };
}

/** Exact count below the cap, "10000+" beyond, without scanning past the cap. */
export async function cappedCount(db: Executor, table: MySqlTable, where: SQL | undefined) {
  const inner = db
    .select({ one: sql`1` })
    .from(table)
    .where(where)
    .limit(TOTAL_CAP + 1)
    .as('capped');
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(inner);
  const n = row?.n ?? 0;
  return n > TOTAL_CAP ? ('10000+' as const) : n;
}

/**
 * A count the list could not afford: `null` ("not counted"), told apart from a number and from
 * "10000+" (packages/contract, CountedTotal).
 */
export type CountedTotal = number | '10000+' | null;

/** Wall-clock time a bounded count may take before it gives up (docs/decisions/0016). */
export const COUNT_BUDGET_MS = 60;

type Flavour = 'mariadb' | 'mysql';
const flavours = new WeakMap<object, Promise<Flavour>>();

/** MariaDB or MySQL, asked once per database handle (the time-limit syntax differs). */
export function serverFlavour(db: Executor): Promise<Flavour> {
  let flavour = flavours.get(db);
  if (!flavour) {
    flavour = db.execute(sql`select version() as v`).then(([rows]) => {
      const [row] = rows as unknown as { v: string }[];
      return /mariadb/i.test(String(row?.v)) ? 'mariadb' : 'mysql';
    });
    flavour.catch(() => flavours.delete(db));
    flavours.set(db, flavour);
  }
  return flavour;
}

/** MariaDB ER_STATEMENT_TIMEOUT, MySQL ER_QUERY_TIMEOUT (drizzle wraps the driver's error). */
function isTimeout(error: unknown): boolean {
  const errnoOf = (e: unknown) => (e as { errno?: number } | null)?.errno;
  const errno = errnoOf(error) ?? errnoOf((error as { cause?: unknown } | null)?.cause);
  return errno === 1969 || errno === 3024;
}

/**
 * `cappedCount` within a time budget: the statement carries its own limit (MariaDB
 * `SET STATEMENT max_statement_time=… FOR`, MySQL `MAX_EXECUTION_TIME` hint), and a count the
 * server stops answers `null` instead of holding the page: filters whose matches are sparse in
 * every index (a common tag with a status, two weakly selective columns) cannot be counted to
 * 10,000 cheaply, and the page does not wait for them.
 */
export async function boundedCount(
  db: Executor,
  table: MySqlTable,
  where: SQL | undefined,
  budgetMs = COUNT_BUDGET_MS,
): Promise<CountedTotal> {
  const inner = sql`select 1 from ${table}${where ? sql` where ${where}` : sql``} limit ${sql.raw(String(TOTAL_CAP + 1))}`;
  const ms = Math.max(1, Math.round(budgetMs));
  const statement =
    (await serverFlavour(db)) === 'mariadb'
      ? sql`set statement max_statement_time=${sql.raw((ms / 1000).toFixed(3))} for select count(*) as n from (${inner}) capped`
      : sql`select /*+ MAX_EXECUTION_TIME(${sql.raw(String(ms))}) */ count(*) as n from (${inner}) capped`;
  try {
    const [rows] = await db.execute(statement);
    const n = Number((rows as unknown as { n: number | string }[])[0]?.n ?? 0);
    return n > TOTAL_CAP ? '10000+' : n;
  } catch (error) {
    if (isTimeout(error)) return null;
    throw error;
  }
}
