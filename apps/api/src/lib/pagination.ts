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
