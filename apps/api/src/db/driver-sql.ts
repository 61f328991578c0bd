import { getTableColumns, getTableName, is, SQL, type Column } from 'drizzle-orm';
import type { MySqlTable } from 'drizzle-orm/mysql-core';
import type { ResultSetHeader } from 'mysql2';
import type { Executor } from './client.ts';

/** What both the pool (`db`) and a transaction's own connection (`tx`) answer. */
interface Driver {
  query(sql: string, values: unknown[]): Promise<[unknown, unknown]>;
}

/**
 * The mysql2 handle behind an executor: the pool for `db`, the transaction's connection for a
 * `tx` (drizzle keeps it on the session it gives the transaction). Statements sent through it
 * are part of that transaction exactly as drizzle's own would be.
 */
function driverOf(executor: Executor): Driver {
  return (executor as unknown as { session: { client: Driver } }).session.client;
}

interface TableShape {
  name: string;
  columns: Map<string, Column>;
}
const shapes = new WeakMap<MySqlTable, TableShape>();
function shapeOf(table: MySqlTable): TableShape {
  let shape = shapes.get(table);
  if (!shape) {
    shape = {
      name: `\`${getTableName(table)}\``,
      columns: new Map(Object.entries(getTableColumns(table))),
    };
    shapes.set(table, shape);
  }
  return shape;
}

/**
 * INSERT of rows typed by the drizzle table, without drizzle's query builder.
 *
 * The order desk's hot path (an order creation writes the order, its lines, its event, its
 * audit row, its stock movements and its emails) spent about a sixth of the API's CPU building
 * these statements through drizzle's SQL tree (bench/orders.mjs profile). The statement here is
 * the same: the table's own column names and driver mappings (JSON, dates, custom types) per
 * value, `DEFAULT` for an absent value, one multi-row VALUES list. SQL expressions as values are
 * not supported (use drizzle's insert for those).
 */
export async function insertRows<T extends MySqlTable>(
  executor: Executor,
  table: T,
  rows: T['$inferInsert'][],
): Promise<ResultSetHeader> {
  if (rows.length === 0) throw new Error('insertRows needs at least one row');
  const shape = shapeOf(table);
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  const columns: [string, Column][] = [];
  for (const key of keys) {
    const column = shape.columns.get(key);
    if (!column) throw new Error(`${shape.name} has no column for "${key}"`);
    columns.push([key, column]);
  }
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const record = row as Record<string, unknown>;
    const cells = columns.map(([key, column]) => {
      const value = record[key];
      if (value === undefined) return 'DEFAULT';
      if (is(value, SQL)) throw new Error(`insertRows: ${key} is an SQL expression`);
      values.push(value === null ? null : column.mapToDriverValue(value));
      return '?';
    });
    return `(${cells.join(',')})`;
  });
  const names = columns.map(([, column]) => `\`${column.name}\``).join(',');
  const [result] = await driverOf(executor).query(
    `insert into ${shape.name} (${names}) values ${tuples.join(',')}`,
    values,
  );
  return result as ResultSetHeader;
}

/**
 * A hand-written statement with `?` placeholders on the executor's connection, for the few
 * statements of the hot paths whose SQL is fixed (conditional stock updates, counters).
 */
export async function runSql<R = ResultSetHeader>(
  executor: Executor,
  text: string,
  values: unknown[],
): Promise<R> {
  const [result] = await driverOf(executor).query(text, values);
  return result as R;
}
