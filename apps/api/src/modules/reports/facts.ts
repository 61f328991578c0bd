import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { AppError } from '../../lib/app-error.ts';
import {
  addDays,
  instantOf,
  localDayOf,
  localDaySql,
  monthEnd,
  monthStart,
  addMonths,
  type LocalDay,
} from './local-time.ts';
import { baseAmountSql, conversionSql } from './money-sql.ts';

/**
 * The sales facts (`report_facts`) and how they stay exact without any hook in the orders
 * code: "refresh on read". Every change to an order bumps `orders.updated_at`; before a
 * report is answered, the local days of the orders changed since a watermark are rebuilt
 * from the orders, under a named lock so concurrent readers do not rebuild twice.
 *
 * Late commits: an order's updated_at is set when its statement runs, and the transaction
 * commits a little later, so a refresh may not see a change whose updated_at is already
 * behind it. The watermark therefore trails the database clock by WATERMARK_LAG, and what
 * lies after it is fingerprinted (count + sum of updated_at): a read whose fingerprint
 * matches has nothing new to fold in and costs one indexed range count.
 */

/** Bump when the facts' meaning changes: every database rebuilds them on the next read. */
export const FACTS_FORMAT = 2;
const WATERMARK_LAG_MINUTES = 5;
/** Past this many changed orders, a full rebuild is cheaper than day by day. */
const FULL_REBUILD_FROM = 50_000;
/** How long a reader waits for another one's rebuild before answering 503. */
const LOCK_WAIT_SECONDS = 120;
const LOCK_NAME = 'gestco.report_facts.';

/** Dimensions kept per day (and month), each with its column in the staging table. */
export const FACT_DIMS = [
  'all',
  'payment_status',
  'origin',
  'operator',
  'payment_method',
  'shipping_method',
  'country',
  'client',
  'product',
  'tag',
] as const;
export type FactDim = (typeof FACT_DIMS)[number];
const DIM_LIST = FACT_DIMS.map((d) => `'${d}'`).join(',');
const STAGE_COLUMN: Partial<Record<FactDim, string>> = {
  all: "''",
  payment_status: 's.payment_status',
  origin: 's.origin',
  operator: 's.operator',
  payment_method: 's.payment_method',
  shipping_method: 's.shipping_method',
  country: 's.country',
  client: 's.client',
};
const AMOUNTS = ['orders', 'units', 'net', 'gross', 'discounts', 'shipping', 'refunded'] as const;

interface StateRow extends RowDataPacket {
  time_zone: string;
  format: number;
  watermark: Date;
  fingerprint: string;
}

type Queryable = Pick<Pool, 'query'> | PoolConnection;

async function readState(db: Queryable) {
  const [rows] = await db.query<StateRow[]>(
    'SELECT time_zone, format, watermark, fingerprint FROM report_state WHERE id = 1',
  );
  return rows[0];
}

async function fingerprint(db: Queryable, watermark: Date): Promise<string> {
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n, COALESCE(SUM(UNIX_TIMESTAMP(updated_at) * 1000), 0) AS s
       FROM orders WHERE updated_at > ?`,
    [watermark],
  );
  return `${rows[0]!['n']}:${rows[0]!['s']}`;
}

const B = (amount: string) => baseAmountSql(amount, 's.conv_n', 's.conv_d');

/** Rebuilds the day facts of `ranges` (and their months) from the orders. */
async function rebuildDays(
  conn: PoolConnection,
  ranges: { from: LocalDay; to: LocalDay }[],
  timeZone: string,
  baseCurrency: string,
  months: 'delta' | 'recompute',
) {
  const bounds = ranges.map((r) => ({
    start: instantOf(timeZone, r.from),
    end: instantOf(timeZone, addDays(r.to, 1)),
  }));
  const min = Math.min(...bounds.map((b) => b.start));
  const max = Math.max(...bounds.map((b) => b.end));
  const { n, d } = conversionSql('o.exchange_rate', 'o.currency', baseCurrency);
  const json = (path: string) => `COALESCE(CAST(JSON_VALUE(o.totals, '$.${path}') AS SIGNED), 0)`;

  await conn.query('DROP TEMPORARY TABLE IF EXISTS report_stage');
  await conn.query(`CREATE TEMPORARY TABLE report_stage (
      order_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
      day DATE NOT NULL,
      status VARCHAR(12) NOT NULL,
      payment_status VARCHAR(20) NOT NULL,
      origin VARCHAR(12) NOT NULL,
      operator VARCHAR(20) NOT NULL,
      payment_method VARCHAR(60) NOT NULL,
      shipping_method VARCHAR(60) NOT NULL,
      country VARCHAR(8) NOT NULL,
      client VARCHAR(20) NOT NULL,
      conv_n DECIMAL(40,0) NOT NULL,
      conv_d DECIMAL(40,0) NOT NULL,
      units BIGINT NOT NULL,
      net BIGINT NOT NULL,
      gross BIGINT NOT NULL,
      discounts BIGINT NOT NULL,
      shipping BIGINT NOT NULL,
      refunded BIGINT NOT NULL
    ) ENGINE=InnoDB`);
  await conn.query(
    `INSERT INTO report_stage
     SELECT o.id, ${localDaySql('o.created_at', timeZone, min, max)}, o.status, o.payment_status,
            o.origin, COALESCE(o.operator_id, ''), COALESCE(o.payment_method, ''),
            COALESCE(o.shipping_method, ''),
            COALESCE(UPPER(JSON_VALUE(o.billing_address, '$.country')), ''), o.client_id,
            ${n}, ${d},
            COALESCE((SELECT SUM(l.quantity) FROM order_lines l WHERE l.order_id = o.id), 0),
            ${json('net')}, o.total, ${json('clientDiscount')} + ${json('couponDiscount')},
            ${json('shipping')}, o.refunded_amount
       FROM orders o
      WHERE ${bounds.map(() => '(o.created_at >= ? AND o.created_at < ?)').join(' OR ')}`,
    bounds.flatMap((b) => [new Date(b.start), new Date(b.end)]),
  );

  const dayWhere = `grain = 'd' AND dim IN (${DIM_LIST}) AND (${ranges
    .map(() => 'period BETWEEN ? AND ?')
    .join(' OR ')})`;
  const dayParams = ranges.flatMap((r) => [r.from, r.to]);
  const monthList = [
    ...new Set(
      ranges.flatMap((r) => {
        const list: LocalDay[] = [];
        for (let m = monthStart(r.from); m <= r.to; m = addMonths(m, 1)) list.push(m);
        return list;
      }),
    ),
  ];
  /** Adds (sign 1) or removes (-1) the day rows of the ranges to / from their months and years. */
  const fold = (sign: 1 | -1, grain: 'm' | 'y') => {
    const period =
      grain === 'm' ? "DATE_FORMAT(period, '%Y-%m-01')" : "DATE_FORMAT(period, '%Y-01-01')";
    return conn.query(
      `INSERT INTO report_facts (grain, dim, period, status, value, ${AMOUNTS.join(', ')})
       SELECT '${grain}', dim, ${period}, status, value,
              ${AMOUNTS.map((a) => `${sign === 1 ? '' : '-'}SUM(${a})`).join(', ')}
         FROM report_facts WHERE ${dayWhere}
        GROUP BY dim, ${period}, status, value
       ON DUPLICATE KEY UPDATE ${AMOUNTS.map((a) => `${a} = ${a} + VALUES(${a})`).join(', ')}`,
      dayParams,
    );
  };

  await conn.query('START TRANSACTION');
  try {
    if (months === 'delta') {
      // The month and year rows the old day rows fed: the only ones a change can empty.
      await conn.query('DROP TEMPORARY TABLE IF EXISTS report_touched');
      await conn.query(
        `CREATE TEMPORARY TABLE report_touched (
           grain CHAR(1) NOT NULL, dim VARCHAR(16) NOT NULL, period DATE NOT NULL,
           status VARCHAR(12) NOT NULL, value VARCHAR(80) NOT NULL,
           PRIMARY KEY (grain, dim, period, status, value)) ENGINE=InnoDB`,
      );
      for (const [grain, period] of [
        ['m', "DATE_FORMAT(period, '%Y-%m-01')"],
        ['y', "DATE_FORMAT(period, '%Y-01-01')"],
      ])
        await conn.query(
          `INSERT IGNORE INTO report_touched
           SELECT '${grain}', dim, ${period}, status, value FROM report_facts WHERE ${dayWhere}`,
          dayParams,
        );
      await fold(-1, 'm');
      await fold(-1, 'y');
    }
    await conn.query(`DELETE FROM report_facts WHERE ${dayWhere}`, dayParams);
    const columns = `(grain, dim, period, status, value, ${AMOUNTS.join(', ')})`;
    const orderSums = `COUNT(*), SUM(s.units), SUM(${B('s.net')}), SUM(${B('s.gross')}),
                       SUM(${B('s.discounts')}), SUM(${B('s.shipping')}), SUM(${B('s.refunded')})`;
    for (const [dim, column] of Object.entries(STAGE_COLUMN))
      await conn.query(
        `INSERT INTO report_facts ${columns}
         SELECT 'd', '${dim}', s.day, s.status, ${column}, ${orderSums}
           FROM report_stage s GROUP BY s.day, s.status, ${column}`,
      );
    await conn.query(
      `INSERT INTO report_facts ${columns}
       SELECT 'd', 'tag', s.day, s.status, t.tag, ${orderSums}
         FROM report_stage s JOIN order_tags t ON t.order_id = s.order_id
        GROUP BY s.day, s.status, t.tag`,
    );
    // Per product: the lines (after their own discount, before the order's), excl. VAT.
    await conn.query(
      `INSERT INTO report_facts ${columns}
       SELECT 'd', 'product', s.day, s.status, COALESCE(l.product_id, ''), COUNT(DISTINCT s.order_id),
              SUM(l.quantity), SUM(${B('l.total')}), 0, 0, 0, 0
         FROM report_stage s JOIN order_lines l ON l.order_id = s.order_id
        GROUP BY s.day, s.status, COALESCE(l.product_id, '')`,
    );
    if (months === 'delta') {
      await fold(1, 'm');
      await fold(1, 'y');
      // Rows that a change emptied (an order left a status, a tag was removed), looked up
      // by key from the small list of touched ones.
      await conn.query(
        `DELETE f FROM report_touched t STRAIGHT_JOIN report_facts f
            ON f.grain = t.grain AND f.dim = t.dim AND f.period = t.period
           AND f.status = t.status AND f.value = t.value
         WHERE ${AMOUNTS.map((a) => `f.${a} = 0`).join(' AND ')}`,
      );
      await conn.query('DROP TEMPORARY TABLE IF EXISTS report_touched');
    } else {
      await conn.query(
        `DELETE FROM report_facts WHERE grain = 'm' AND dim IN (${DIM_LIST}) AND period IN (?)`,
        [monthList],
      );
      for (const m of monthList)
        await conn.query(
          `INSERT INTO report_facts (grain, dim, period, status, value, ${AMOUNTS.join(', ')})
           SELECT 'm', dim, ?, status, value, ${AMOUNTS.map((a) => `SUM(${a})`).join(', ')}
             FROM report_facts
            WHERE grain = 'd' AND dim IN (${DIM_LIST}) AND period BETWEEN ? AND ?
            GROUP BY dim, status, value`,
          [m, m, monthEnd(m)],
        );
    }
    await conn.query('COMMIT');
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  } finally {
    await conn.query('DROP TEMPORARY TABLE IF EXISTS report_stage, report_touched');
  }
}

async function writeState(conn: PoolConnection, timeZone: string, watermark: Date, print: string) {
  await conn.query(
    `INSERT INTO report_state (id, time_zone, format, watermark, fingerprint, built_at)
     VALUES (1, ?, ?, ?, ?, NOW(3))
     ON DUPLICATE KEY UPDATE time_zone = VALUES(time_zone), format = VALUES(format),
       watermark = VALUES(watermark), fingerprint = VALUES(fingerprint), built_at = NOW(3)`,
    [timeZone, FACTS_FORMAT, watermark, print],
  );
}

export interface RefreshOutcome {
  kind: 'none' | 'days' | 'full';
  days: number;
  ms: number;
}

/** Brings the facts up to date (see the top of this file). Holds the lock while it works. */
async function refreshLocked(
  conn: PoolConnection,
  timeZone: string,
  baseCurrency: string,
): Promise<RefreshOutcome> {
  const started = performance.now();
  const state = await readState(conn);
  let full = !state || state.time_zone !== timeZone || state.format !== FACTS_FORMAT;
  // One consistent snapshot for: the new watermark, its fingerprint, what changed before it.
  await conn.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
  let days = new Set<LocalDay>();
  let newWatermark: Date;
  let print: string;
  let range: { min: Date | null; max: Date | null } = { min: null, max: null };
  try {
    const [[clock]] = await conn.query<RowDataPacket[]>(
      `SELECT NOW(3) - INTERVAL ${WATERMARK_LAG_MINUTES} MINUTE AS w`,
    );
    newWatermark = clock!['w'] as Date;
    if (!full) {
      if ((await fingerprint(conn, state!.watermark)) === state!.fingerprint) {
        await conn.query('COMMIT');
        return { kind: 'none', days: 0, ms: performance.now() - started };
      }
      const [[count]] = await conn.query<RowDataPacket[]>(
        'SELECT COUNT(*) AS n FROM orders WHERE updated_at > ?',
        [state!.watermark],
      );
      if (Number(count!['n']) > FULL_REBUILD_FROM) full = true;
      else {
        const [changed] = await conn.query<RowDataPacket[]>(
          'SELECT created_at FROM orders WHERE updated_at > ?',
          [state!.watermark],
        );
        days = new Set(changed.map((r) => localDayOf(timeZone, r['created_at'] as Date)));
      }
    }
    print = await fingerprint(conn, newWatermark);
    if (full) {
      const [[r]] = await conn.query<RowDataPacket[]>(
        'SELECT MIN(created_at) AS min, MAX(created_at) AS max FROM orders',
      );
      range = { min: r!['min'] as Date | null, max: r!['max'] as Date | null };
    }
    await conn.query('COMMIT');
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  }

  if (full) {
    // A crash half-way leaves no state: the next reader starts the rebuild again.
    await conn.query('DELETE FROM report_state');
    await conn.query('TRUNCATE TABLE report_facts');
    let months = 0;
    if (range.min && range.max) {
      const last = monthStart(localDayOf(timeZone, range.max));
      for (let m = monthStart(localDayOf(timeZone, range.min)); m <= last; m = addMonths(m, 1)) {
        await rebuildDays(
          conn,
          [{ from: m, to: monthEnd(m) }],
          timeZone,
          baseCurrency,
          'recompute',
        );
        months += 1;
      }
    }
    // Years from their months, once every month is in.
    const [years] = await conn.query<RowDataPacket[]>(
      "SELECT DISTINCT DATE_FORMAT(period, '%Y-01-01') AS y FROM report_facts WHERE grain = 'm' AND dim = 'all'",
    );
    for (const { y } of years) {
      const year = String(y);
      await conn.query(
        `INSERT INTO report_facts (grain, dim, period, status, value, ${AMOUNTS.join(', ')})
         SELECT 'y', dim, ?, status, value, ${AMOUNTS.map((a) => `SUM(${a})`).join(', ')}
           FROM report_facts
          WHERE grain = 'm' AND dim IN (${DIM_LIST}) AND period BETWEEN ? AND ?
          GROUP BY dim, status, value`,
        [year, year, `${year.slice(0, 4)}-12-01`],
      );
    }
    await writeState(conn, timeZone, newWatermark, print);
    return { kind: 'full', days: months, ms: performance.now() - started };
  }
  const sorted = [...days].sort();
  if (sorted.length > 0)
    await rebuildDays(
      conn,
      sorted.map((d) => ({ from: d, to: d })),
      timeZone,
      baseCurrency,
      'delta',
    );
  await writeState(conn, timeZone, newWatermark, print);
  return { kind: 'days', days: sorted.length, ms: performance.now() - started };
}

export function createFacts(pool: Pool) {
  return {
    /**
     * Makes the facts exact for the current orders and zone. The common case (nothing new
     * since the last refresh) is two small reads and no lock.
     */
    async ensureFresh(timeZone: string, baseCurrency: string): Promise<RefreshOutcome> {
      const state = await readState(pool);
      if (
        state &&
        state.time_zone === timeZone &&
        state.format === FACTS_FORMAT &&
        (await fingerprint(pool, state.watermark)) === state.fingerprint
      )
        return { kind: 'none', days: 0, ms: 0 };
      const conn = await pool.getConnection();
      try {
        const [[lock]] = await conn.query<RowDataPacket[]>(
          'SELECT GET_LOCK(CONCAT(?, DATABASE()), ?) AS got',
          [LOCK_NAME, LOCK_WAIT_SECONDS],
        );
        if (Number(lock!['got']) !== 1)
          throw new AppError(
            'SERVICE_UNAVAILABLE',
            'The report figures are being rebuilt; try again in a minute.',
            { headers: { 'retry-after': '30' } },
          );
        try {
          return await refreshLocked(conn, timeZone, baseCurrency);
        } finally {
          await conn.query('DO RELEASE_LOCK(CONCAT(?, DATABASE()))', [LOCK_NAME]);
        }
      } finally {
        conn.release();
      }
    },
  };
}
export type Facts = ReturnType<typeof createFacts>;
