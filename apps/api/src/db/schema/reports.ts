import {
  bigint,
  char,
  date,
  index,
  int,
  mysqlTable,
  primaryKey,
  tinyint,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import type { ReportSpec } from '@gestco/contract';
import { json } from '../json-column.ts';
import { createdAt, fk, id, timestamp, updatedAt } from '../columns.ts';
import { users } from './users.ts';

const amount = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

/**
 * Sales facts per local day (`grain` d), month (m) and year (y) of the business time zone,
 * one row per (dimension, value, order status): what every dashboard tile and single-grouping
 * report reads instead of the orders (docs/decisions/0015-reports.md). Amounts are in the
 * base currency. Rebuilt from the orders by the reports module ("refresh on read").
 */
export const reportFacts = mysqlTable(
  'report_facts',
  {
    grain: char('grain', { length: 1, enum: ['d', 'm', 'y'] }).notNull(),
    /** all | status-free dimensions: payment_status, origin, operator, payment_method, … */
    dim: varchar('dim', { length: 16 }).notNull(),
    /** The local day, or the first day of the local month or year. */
    period: date('period', { mode: 'string' }).notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    /** The dimension's value ('' = not set; ids as text). */
    value: varchar('value', { length: 80 }).notNull(),
    // Signed: a refresh subtracts a day's old rows from its month before adding the new ones.
    orders: int('orders').notNull().default(0),
    units: amount('units'),
    net: amount('net'),
    gross: amount('gross'),
    /** Client discount + coupon (excl. VAT): what separates the lines' sum from `net`. */
    discounts: amount('discounts'),
    shipping: amount('shipping'),
    refunded: amount('refunded'),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.dim, t.period, t.status, t.value] }),
    // One value over a period (a client's or a product's series, a filter on one value).
    index('report_facts_value_idx').on(t.grain, t.dim, t.value, t.period),
  ],
);

/** One row: how far the facts are built (watermark on orders.updated_at) and for which zone. */
export const reportState = mysqlTable('report_state', {
  id: tinyint('id', { unsigned: true }).primaryKey(),
  timeZone: varchar('time_zone', { length: 64 }).notNull(),
  /** Format of the facts: a code change that alters them bumps it, which rebuilds. */
  format: int('format', { unsigned: true }).notNull(),
  /** Orders whose updated_at is after it are looked at again by the next refresh. */
  watermark: timestamp('watermark').notNull(),
  /** COUNT and SUM of updated_at of the orders after the watermark, when last refreshed. */
  fingerprint: varchar('fingerprint', { length: 80 }).notNull(),
  builtAt: timestamp('built_at').notNull(),
});

/** A person's named report: the whole spec, as the SPA also puts it in the URL. */
export const savedReports = mysqlTable(
  'saved_reports',
  {
    id: id(),
    userId: fk('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 80 }).notNull(),
    spec: json<ReportSpec>('spec').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('saved_reports_name_uq').on(t.userId, t.name)],
);
