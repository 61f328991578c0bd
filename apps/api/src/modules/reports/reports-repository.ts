import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { OrderFilters, ReportSpec } from '@gestco/contract';
import type { Database } from '../../db/client.ts';
import { savedReports } from '../../db/schema/reports.ts';
import { filterCondition } from '../orders/orders-repository.ts';
import { createFacts, type FactDim } from './facts.ts';
import { localDaySql, type LocalDay } from './local-time.ts';
import { baseAmountSql, conversionSql } from './money-sql.ts';

/** Sums of one group, in the base currency; revenue figures leave cancelled orders out. */
export interface Sums {
  key: string;
  /** Every order (cancelled ones too); per product: orders that have the product. */
  orders: number;
  /** Orders that count in revenue (not cancelled). */
  salesOrders: number;
  units: number;
  net: number;
  gross: number;
  discounts: number;
  shipping: number;
  /** Refunded on the orders of the group, cancelled ones included. */
  refunded: number;
}

export type SortKey = 'orders' | 'net' | 'gross' | 'units' | 'basket' | 'refunded';

const SUM_COLUMNS = `SUM(orders) AS orders,
  SUM(IF(status <> 'cancelled', orders, 0)) AS sales_orders,
  SUM(IF(status <> 'cancelled', units, 0)) AS units,
  SUM(IF(status <> 'cancelled', net, 0)) AS net,
  SUM(IF(status <> 'cancelled', gross, 0)) AS gross,
  SUM(IF(status <> 'cancelled', discounts, 0)) AS discounts,
  SUM(IF(status <> 'cancelled', shipping, 0)) AS shipping,
  SUM(refunded) AS refunded`;

const ORDER_BY: Record<SortKey, string> = {
  orders: 'orders',
  net: 'net',
  gross: 'gross',
  units: 'units',
  basket: 'gross / NULLIF(sales_orders, 0)',
  refunded: 'refunded',
};

function toSums(row: RowDataPacket): Sums {
  return {
    key: row['k'] instanceof Date ? row['k'].toISOString().slice(0, 10) : String(row['k'] ?? ''),
    orders: Number(row['orders'] ?? 0),
    salesOrders: Number(row['sales_orders'] ?? 0),
    units: Number(row['units'] ?? 0),
    net: Number(row['net'] ?? 0),
    gross: Number(row['gross'] ?? 0),
    discounts: Number(row['discounts'] ?? 0),
    shipping: Number(row['shipping'] ?? 0),
    refunded: Number(row['refunded'] ?? 0),
  };
}

/** A piece of a period read at one grain: whole years or months from their rows, the rest daily. */
export interface GrainRange {
  grain: 'd' | 'm' | 'y';
  from: LocalDay;
  to: LocalDay;
}

export interface FactsQuery {
  dim: FactDim;
  ranges: GrainRange[];
  /** period (day rows: the local day), value, status, or one total row. */
  key: 'period' | 'value' | 'status' | 'none';
  statuses?: string[];
  values?: string[];
  sort?: SortKey;
  limit?: number;
  /** Only these keys (the previous period of a top N). */
  keys?: string[];
}

/** A grouping of the live query: the SQL of its key, and what it joins. */
export type LiveKey =
  | 'day'
  | 'status'
  | 'payment_status'
  | 'origin'
  | 'operator'
  | 'payment_method'
  | 'shipping_method'
  | 'country'
  | 'client'
  | 'product'
  | 'tag'
  | 'none';

export interface LiveQuery {
  key: LiveKey;
  start: number;
  end: number;
  timeZone: string;
  baseCurrency: string;
  filters: OrderFilters & { country?: string };
  sort?: SortKey;
  limit?: number;
  keys?: string[];
}

const COUNTRY_SQL = "COALESCE(UPPER(JSON_VALUE(`orders`.`billing_address`, '$.country')), '')";

export function createReportsRepository(db: Database) {
  // The raw mysql2 pool under drizzle: the facts refresh needs one connection for its lock
  // and temporary table; reads of the facts are plain SQL over a few thousand rows.
  const pool = (db as unknown as { $client: Pool }).$client;
  const facts = createFacts(pool);

  async function readFacts(q: FactsQuery): Promise<Sums[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    where.push(
      `(${q.ranges.map(() => '(grain = ? AND dim = ? AND period BETWEEN ? AND ?)').join(' OR ')})`,
    );
    for (const r of q.ranges) params.push(r.grain, q.dim, r.from, r.to);
    if (q.statuses?.length) {
      where.push('status IN (?)');
      params.push(q.statuses);
    }
    if (q.values) {
      if (q.values.length === 0) return [];
      where.push('value IN (?)');
      params.push(q.values);
    }
    if (q.keys) {
      if (q.keys.length === 0) return [];
      where.push(`${q.key === 'status' ? 'status' : 'value'} IN (?)`);
      params.push(q.keys);
    }
    if (q.limit && q.sort && q.key === 'value' && !q.keys) {
      // Top N of many values (a year of clients: tens of thousands of groups). Ranked
      // first on a narrow key and the one sum that sorts — a temporary table of a few MB
      // that stays in memory (grouped on the 80-character value with every sum, it spills
      // to disk past tmp_table_size and takes seconds) — then all sums for those N only.
      const numeric = q.dim === 'client' || q.dim === 'product' || q.dim === 'operator';
      const rankKey = numeric ? 'CAST(value AS UNSIGNED)' : 'value';
      const rankBy = {
        orders: 'SUM(orders)',
        net: "SUM(IF(status <> 'cancelled', net, 0))",
        gross: "SUM(IF(status <> 'cancelled', gross, 0))",
        units: "SUM(IF(status <> 'cancelled', units, 0))",
        refunded: 'SUM(refunded)',
        basket:
          "SUM(IF(status <> 'cancelled', gross, 0)) / NULLIF(SUM(IF(status <> 'cancelled', orders, 0)), 0)",
      }[q.sort];
      const [ranked] = await pool.query<RowDataPacket[]>(
        `SELECT ${rankKey} AS k, ${rankBy} AS m FROM report_facts
          WHERE ${where.join(' AND ')}
          GROUP BY ${rankKey} HAVING SUM(orders) <> 0
          ORDER BY m DESC, k LIMIT ${Number(q.limit)}`,
        params,
      );
      const top = ranked.map((r) => (numeric && Number(r['k']) === 0 ? '' : String(r['k'])));
      const rows = await readFacts({ ...q, keys: top, limit: undefined });
      const position = new Map(top.map((k, i) => [k, i]));
      return rows.sort((a, b) => position.get(a.key)! - position.get(b.key)!);
    }
    const key = q.key === 'none' ? "''" : q.key;
    const sqlText = `SELECT ${key} AS k, ${SUM_COLUMNS} FROM report_facts
      ${q.keys && q.key === 'value' ? 'FORCE INDEX (report_facts_value_idx)' : ''}
      WHERE ${where.join(' AND ')}
      ${q.key === 'none' ? '' : `GROUP BY ${key} HAVING SUM(orders) <> 0`}
      ${q.sort ? `ORDER BY ${ORDER_BY[q.sort]} DESC, k` : ''}
      ${q.limit ? `LIMIT ${Number(q.limit)}` : ''}`;
    const [rows] = await pool.query<RowDataPacket[]>(sqlText, params);
    return rows.filter((r) => q.key !== 'none' || r['orders'] !== null).map(toSums);
  }

  return {
    ensureFresh: facts.ensureFresh,

    readFacts,

    /** The same sums straight from the orders, for filters the facts do not carry. */
    async readLive(q: LiveQuery): Promise<Sums[]> {
      const { n, d } = conversionSql(
        '`orders`.`exchange_rate`',
        '`orders`.`currency`',
        q.baseCurrency,
      );
      const B = (amount: string) => baseAmountSql(amount, n, d);
      const json = (path: string) =>
        `COALESCE(CAST(JSON_VALUE(\`orders\`.\`totals\`, '$.${path}') AS SIGNED), 0)`;
      const sold = (expr: string) => `SUM(IF(\`orders\`.\`status\` <> 'cancelled', ${expr}, 0))`;
      const perProduct = q.key === 'product';
      const keySql: Record<LiveKey, string> = {
        day: localDaySql('`orders`.`created_at`', q.timeZone, q.start, q.end),
        status: '`orders`.`status`',
        payment_status: '`orders`.`payment_status`',
        origin: '`orders`.`origin`',
        operator: "COALESCE(`orders`.`operator_id`, '')",
        payment_method: "COALESCE(`orders`.`payment_method`, '')",
        shipping_method: "COALESCE(`orders`.`shipping_method`, '')",
        country: COUNTRY_SQL,
        client: '`orders`.`client_id`',
        product: "COALESCE(l.product_id, '')",
        tag: 't.tag',
        none: "''",
      };
      const columns = perProduct
        ? `COUNT(DISTINCT \`orders\`.\`id\`) AS orders,
           COUNT(DISTINCT IF(\`orders\`.\`status\` <> 'cancelled', \`orders\`.\`id\`, NULL)) AS sales_orders,
           ${sold('l.quantity')} AS units, ${sold(B('l.total'))} AS net,
           0 AS gross, 0 AS discounts, 0 AS shipping, 0 AS refunded`
        : `COUNT(*) AS orders, SUM(\`orders\`.\`status\` <> 'cancelled') AS sales_orders,
           ${sold('(SELECT COALESCE(SUM(ul.quantity), 0) FROM order_lines ul WHERE ul.order_id = `orders`.`id`)')} AS units,
           ${sold(B(json('net')))} AS net, ${sold(B('`orders`.`total`'))} AS gross,
           ${sold(B(`${json('clientDiscount')} + ${json('couponDiscount')}`))} AS discounts,
           ${sold(B(json('shipping')))} AS shipping,
           SUM(${B('`orders`.`refunded_amount`')}) AS refunded`;
      const join =
        q.key === 'product'
          ? sql.raw('JOIN order_lines l ON l.order_id = `orders`.`id`')
          : q.key === 'tag'
            ? sql.raw('JOIN order_tags t ON t.order_id = `orders`.`id`')
            : sql.raw('');
      const key = keySql[q.key];
      const conditions: (SQL | undefined)[] = [
        sql`\`orders\`.\`created_at\` >= ${new Date(q.start)}`,
        sql`\`orders\`.\`created_at\` < ${new Date(q.end)}`,
        filterCondition(q.filters),
        q.filters.country ? sql`${sql.raw(COUNTRY_SQL)} = ${q.filters.country}` : undefined,
        q.keys ? (q.keys.length ? sql`${sql.raw(key)} IN ${q.keys}` : sql`FALSE`) : undefined,
      ];
      const query = sql`SELECT ${sql.raw(key)} AS k, ${sql.raw(columns)}
        FROM \`orders\` ${join}
        WHERE ${and(...conditions)}
        ${sql.raw(q.key === 'none' ? '' : 'GROUP BY k')}
        ${sql.raw(q.sort ? `ORDER BY ${ORDER_BY[q.sort]} DESC, k` : '')}
        ${sql.raw(q.limit ? `LIMIT ${Number(q.limit)}` : '')}`;
      const [rows] = (await db.execute(query)) as unknown as [RowDataPacket[]];
      return rows.filter((r) => q.key !== 'none' || r['orders'] !== null).map(toSums);
    },

    /** Names for report rows: products (name, sku), clients, operators. */
    async labels(kind: 'product' | 'client' | 'operator', ids: number[]) {
      if (ids.length === 0) return new Map<number, { name: string; sku?: string }>();
      const table = { product: 'products', client: 'clients', operator: 'users' }[kind];
      const [rows] = await pool.query<RowDataPacket[]>(
        `SELECT id, name${kind === 'product' ? ', sku' : ''} FROM ${table} WHERE id IN (?)`,
        [ids],
      );
      return new Map(
        rows.map((r) => [
          Number(r['id']),
          { name: String(r['name']), ...(r['sku'] ? { sku: String(r['sku']) } : {}) },
        ]),
      );
    },

    /** Orders waiting longest in a status (since they entered it), at most `limit`. */
    async waiting(status: 'pending' | 'in_progress' | 'shipped', limit: number) {
      // Ranked among the 500 oldest by creation: an order created earlier entered later
      // statuses earlier too, except in odd cases that this bound accepts.
      const since =
        status === 'pending'
          ? 'o.created_at'
          : status === 'shipped'
            ? 'COALESCE(o.shipped_at, o.created_at)'
            : `COALESCE((SELECT MAX(e.created_at) FROM order_events e
                 WHERE e.order_id = o.id AND e.to_status = 'in_progress'), o.created_at)`;
      const [rows] = await pool.query<RowDataPacket[]>(
        `SELECT o.id, o.reference, o.client_id, c.name AS client_name, o.total, o.currency, ${since} AS since
           FROM (SELECT id FROM orders WHERE status = ? ORDER BY created_at, id LIMIT 500) w
           JOIN orders o ON o.id = w.id
           JOIN clients c ON c.id = o.client_id
          ORDER BY since, o.id LIMIT ?`,
        [status, limit],
      );
      return rows.map((r) => ({
        id: Number(r['id']),
        reference: String(r['reference']),
        clientId: Number(r['client_id']),
        clientName: String(r['client_name']),
        total: Number(r['total']),
        currency: String(r['currency']),
        since: (r['since'] as Date).toISOString(),
      }));
    },

    /** Orders created in [start, end): the partial day of a "same point in time" comparison. */
    async salesBetween(start: number, end: number, baseCurrency: string) {
      const { n, d } = conversionSql('exchange_rate', 'currency', baseCurrency);
      const [[row]] = await pool.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS orders,
                COALESCE(SUM(IF(status <> 'cancelled', ${baseAmountSql('total', n, d)}, 0)), 0) AS gross
           FROM orders WHERE created_at >= ? AND created_at < ?`,
        [new Date(start), new Date(end)],
      );
      return { orders: Number(row!['orders']), gross: Number(row!['gross']) };
    },

    async lowStock(limit: number) {
      const [rows] = await pool.query<RowDataPacket[]>(
        `SELECT id, sku, name, on_hand, reorder_point FROM products
          WHERE track_stock = 1 AND active = 1 AND archived_at IS NULL AND on_hand <= reorder_point
          ORDER BY CAST(on_hand AS SIGNED) - CAST(reorder_point AS SIGNED), on_hand, name LIMIT ?`,
        [limit],
      );
      return rows.map((r) => ({
        productId: Number(r['id']),
        sku: String(r['sku']),
        name: String(r['name']),
        onHand: Number(r['on_hand']),
        reorderPoint: Number(r['reorder_point']),
      }));
    },

    /** Emails by local day and by event, per outcome, over [start, end). */
    async emails(start: number, end: number, timeZone: string) {
      const [rows] = await pool.query<RowDataPacket[]>(
        `SELECT ${localDaySql('created_at', timeZone, start, end)} AS day, event,
                SUM(status = 'sent') AS sent, SUM(status = 'failed') AS failed,
                SUM(status IN ('queued', 'sending')) AS queued
           FROM notifications WHERE created_at >= ? AND created_at < ?
          GROUP BY day, event`,
        [new Date(start), new Date(end)],
      );
      return rows.map((r) => ({
        day: (r['day'] as Date).toISOString().slice(0, 10),
        event: String(r['event']),
        sent: Number(r['sent']),
        failed: Number(r['failed']),
        queued: Number(r['queued']),
      }));
    },

    saved: {
      async list(userId: number) {
        return db
          .select()
          .from(savedReports)
          .where(eq(savedReports.userId, userId))
          .orderBy(asc(savedReports.name), asc(savedReports.id));
      },
      async find(userId: number, id: number) {
        const [row] = await db
          .select()
          .from(savedReports)
          .where(and(eq(savedReports.id, id), eq(savedReports.userId, userId)));
        return row;
      },
      async insert(userId: number, name: string, spec: ReportSpec) {
        const [result] = await db.insert(savedReports).values({ userId, name, spec });
        return result.insertId;
      },
      async remove(userId: number, id: number) {
        const [result] = await db
          .delete(savedReports)
          .where(and(eq(savedReports.id, id), eq(savedReports.userId, userId)));
        return result.affectedRows;
      },
    },
  };
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>;
