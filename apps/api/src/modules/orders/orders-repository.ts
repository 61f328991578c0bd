import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  like,
  lte,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { OrderFilters, OrdersListQuery, OrderStatus } from '@gestco/contract';
import { ORDER_STATUSES } from '@gestco/contract';
import type { Executor } from '../../db/client.ts';
import { insertRows, runSql } from '../../db/driver-sql.ts';
import { products } from '../../db/schema/catalogue.ts';
import { clients } from '../../db/schema/clients.ts';
import {
  orderEvents,
  orderLines,
  orderPayments,
  orderCounts,
  orderTags,
  orders,
  savedViews,
} from '../../db/schema/orders.ts';
import { settings } from '../../db/schema/settings.ts';
import { users } from '../../db/schema/users.ts';
import {
  DEFAULT_LIMIT,
  TOTAL_CAP,
  boundedCount,
  keyset,
  parseSort,
  toPage,
  type CountedTotal,
} from '../../lib/pagination.ts';
import { escapeLike, normaliseText, splitSearchTerms } from '../../lib/search-text.ts';

export type OrderRow = typeof orders.$inferSelect;
export type NewOrderRow = typeof orders.$inferInsert;
export type OrderPatch = Partial<Omit<NewOrderRow, 'id' | 'createdAt' | 'version'>>;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type NewOrderLineRow = typeof orderLines.$inferInsert;
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type NewOrderEventRow = typeof orderEvents.$inferInsert;
export type OrderPaymentRow = typeof orderPayments.$inferSelect;
/** What an order page shows of its client. */
export interface OrderClientRow {
  id: number;
  code: string;
  name: string;
  email: string | null;
  phone: string | null;
  status: 'current' | 'prospect';
}
/** The columns an order page shows (not its search text and the internal coupon snapshot). */
export type OrderPageRow = Omit<
  OrderRow,
  'searchText' | 'couponId' | 'couponKind' | 'couponValue' | 'createdBy'
>;
const {
  searchText: _searchText,
  couponId: _couponId,
  couponKind: _couponKind,
  couponValue: _couponValue,
  createdBy: _createdBy,
  ...pageColumns
} = getTableColumns(orders);

/** An order with its client summary, its operator's name and the settings' signature. */
export interface FullOrderRow {
  order: OrderPageRow;
  lines: OrderLineRow[];
  client: OrderClientRow;
  operatorName: string | null;
  settingsSignature: string;
}
/** A catalogue product as pricing sees it. */
export interface PricingProduct {
  id: number;
  sku: string;
  name: string;
  unitPrice: number;
  vatBp: number;
  active: boolean;
  archived: boolean;
}
/** The client an order is taken for (the columns the order desk needs), from `orderContext`. */
export interface ContextClientRow extends OrderClientRow {
  kind: 'company' | 'individual';
  contactPerson: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  discountBp: number;
  language: 'fr' | 'en';
  archived: boolean;
}

/**
 * A reference as formatted (CMD-2026-000123, or its beginning): searched on its unique index.
 * Without the dash ("CMD2026000123", "JD014600003828") it may as well be a tracking code: those
 * go to FULLTEXT, where the compact reference and the tracking code are both indexed.
 */
const REFERENCE_LIKE = /^[A-Za-z]{1,8}-\d{2,}(-\d*)?$/;

/**
 * Free text among few orders: when the client or a creation period of a week at most is given,
 * the words are matched as prefixes of the words of each of those orders' search text, read from
 * the rows the other filter leads to. InnoDB's FULLTEXT reads every posting of every word
 * whatever the other filters (about 4 µs an order: 200 ms for a common surname, 30 ms on
 * average over client names, on 1,000,000 orders), where a client has a few dozen orders and a
 * week a few thousand (decision 0018).
 */
const SCAN_PERIOD_MS = 8 * 86_400_000;
function scansText(f: OrderFilters): boolean {
  if (f.clientId) return true;
  if (!f.createdFrom || !f.createdTo) return false;
  return Date.parse(f.createdTo) - Date.parse(f.createdFrom) <= SCAN_PERIOD_MS;
}

/**
 * WHERE of a free-text search: a reference prefix on its unique index, else FULLTEXT word
 * prefixes, or (`scan`) the same word prefixes read on each row.
 */
function searchCondition(term: string, scan = false): SQL | undefined {
  const trimmed = term.trim();
  if (!trimmed) return undefined;
  if (REFERENCE_LIKE.test(trimmed))
    return like(orders.reference, `${escapeLike(trimmed.toUpperCase())}%`);
  const digits = trimmed.replace(/[\s.+()-]/g, '');
  const { indexed, short } = splitSearchTerms(/^\d{6,}$/.test(digits) ? digits : trimmed);
  if (indexed.length === 0)
    return like(orders.searchText, `${escapeLike(normaliseText(trimmed))}%`);
  const shortWords = short.map((w) => like(orders.searchText, `%${escapeLike(w)}%`));
  if (scan)
    // A word of the search text starting with each word (as FULLTEXT's `+word*`).
    return and(
      // Compared as bytes: the search text is already folded, and the collation's LIKE costs
      // twice as much per order.
      ...indexed.map(
        (w) => sql`cast(concat(' ', ${orders.searchText}) as binary) like ${`% ${escapeLike(w)}%`}`,
      ),
      ...shortWords,
    );
  const words = sql`MATCH(${orders.searchText}) AGAINST (${indexed.map((w) => `+${w}*`).join(' ')} IN BOOLEAN MODE)`;
  return and(words, ...shortWords);
}

/**
 * Whether `searchCondition` matches words (FULLTEXT or scanned), whose matches come in no useful
 * order: all read, then sorted.
 */
function matchesWords(term: string): boolean {
  const trimmed = term.trim();
  if (!trimmed || REFERENCE_LIKE.test(trimmed)) return false;
  const digits = trimmed.replace(/[\s.+()-]/g, '');
  return splitSearchTerms(/^\d{6,}$/.test(digits) ? digits : trimmed).indexed.length > 0;
}

/**
 * How the tag filter reaches order_tags. `semijoin`: the tagged ids first; MariaDB
 * materialises them, reads each of those orders and sorts them: right for a rare tag,
 * 2 to 8 s for one on 50,000 of 1,000,000 orders (bench/orders.mjs). `probe`: one look-up
 * in order_tags' primary key per order, so the page is read from an orders index in its
 * order and stops at the limit: right for a common tag, a scan of nearly every order for
 * a rare one. `list` picks by the tag's frequency (TAG_PROBE_FROM).
 */
export type TagStrategy = 'semijoin' | 'probe';
export const TAG_PROBE_FROM = 1000;

function tagCondition(tag: string, strategy: TagStrategy): SQL {
  if (strategy === 'semijoin')
    return inArray(
      orders.id,
      sql`(select ${orderTags.orderId} from ${orderTags} where ${orderTags.tag} = ${tag})`,
    );
  // A scalar subquery: the optimizer does not turn it into a semi-join as it does EXISTS and IN.
  return sql`(select count(*) from ${orderTags} where ${orderTags.orderId} = ${orders.id} and ${orderTags.tag} = ${tag}) > 0`;
}

const splitList = (value: string | undefined) =>
  value ? value.split(',').filter(Boolean) : undefined;

/** The columns a filter reads that both `orders` and its copy in `order_tags` carry. */
const filterColumns = {
  orders: {
    status: orders.status,
    paymentStatus: orders.paymentStatus,
    operatorId: orders.operatorId,
    origin: orders.origin,
    total: orders.total,
    createdAt: orders.createdAt,
  },
  orderTags: {
    status: orderTags.status,
    paymentStatus: orderTags.paymentStatus,
    operatorId: orderTags.operatorId,
    origin: orderTags.origin,
    total: orderTags.total,
    createdAt: orderTags.orderCreatedAt,
  },
};

/** The filters read from `filterColumns`, on either table. */
function sharedConditions(f: OrderFilters, on: keyof typeof filterColumns, withStatus: boolean) {
  const c = filterColumns[on];
  const statuses = splitList(f.status) as OrderStatus[] | undefined;
  const paymentStatuses = splitList(f.paymentStatus) as OrderRow['paymentStatus'][] | undefined;
  return [
    withStatus && statuses
      ? statuses.length === 1
        ? eq(c.status, statuses[0]!)
        : inArray(c.status, statuses)
      : undefined,
    paymentStatuses
      ? paymentStatuses.length === 1
        ? eq(c.paymentStatus, paymentStatuses[0]!)
        : inArray(c.paymentStatus, paymentStatuses)
      : undefined,
    f.operatorId ? eq(c.operatorId, f.operatorId) : undefined,
    f.origin ? eq(c.origin, f.origin) : undefined,
    f.totalMin !== undefined ? gte(c.total, f.totalMin) : undefined,
    f.totalMax !== undefined ? lte(c.total, f.totalMax) : undefined,
    f.createdFrom ? gte(c.createdAt, new Date(f.createdFrom)) : undefined,
    f.createdTo ? lte(c.createdAt, new Date(f.createdTo)) : undefined,
  ];
}

/** The list's WHERE for a filter; `withStatus: false` for the per-status tab counts. */
export function filterCondition(
  f: OrderFilters,
  withStatus = true,
  tagStrategy: TagStrategy = 'semijoin',
): SQL | undefined {
  return and(
    f.q ? searchCondition(f.q, scansText(f)) : undefined,
    f.reference
      ? like(orders.reference, `${escapeLike(f.reference.trim().toUpperCase())}%`)
      : undefined,
    f.clientId ? eq(orders.clientId, f.clientId) : undefined,
    f.paymentMethod ? eq(orders.paymentMethod, f.paymentMethod) : undefined,
    f.shippingMethod ? eq(orders.shippingMethod, f.shippingMethod) : undefined,
    f.tag ? tagCondition(f.tag, tagStrategy) : undefined,
    f.updatedFrom ? gte(orders.updatedAt, new Date(f.updatedFrom)) : undefined,
    f.updatedTo ? lte(orders.updatedAt, new Date(f.updatedTo)) : undefined,
    ...sharedConditions(f, 'orders', withStatus),
  );
}

/**
 * A tag filter whose other filters are all among those order_tags carries (status, payment
 * status, operator, origin, total, creation time): its WHERE on order_tags alone, so the page
 * and the count walk one of order_tags' (tag, x, …) indexes (decision 0018). Undefined when a
 * filter needs the order (free text, reference, client, methods, update time).
 */
export function tagSideCondition(f: OrderFilters, withStatus = true): SQL | undefined {
  if (
    f.tag === undefined ||
    f.q ||
    f.reference ||
    f.clientId ||
    f.paymentMethod ||
    f.shippingMethod ||
    f.updatedFrom ||
    f.updatedTo
  )
    return undefined;
  return and(eq(orderTags.tag, f.tag), ...sharedConditions(f, 'orderTags', withStatus));
}

/** The filters order_counts is kept by; with paging keys, the only ones it can answer. */
const COUNTED_FILTERS = new Set(['status', 'paymentStatus', 'origin', 'operatorId']);
const PAGING_KEYS = new Set(['limit', 'cursor', 'sort']);

/**
 * A filter on status, payment status, origin and operator only: its WHERE on order_counts,
 * whose sum is the number of matching orders (decision 0018). Null when another filter is set.
 */
function countsCondition(f: OrdersListQuery | OrderFilters, withStatus = true) {
  const other = Object.entries(f).some(
    ([key, value]) =>
      value !== undefined && value !== '' && !COUNTED_FILTERS.has(key) && !PAGING_KEYS.has(key),
  );
  if (other) return null;
  const statuses = splitList(f.status) as OrderStatus[] | undefined;
  const paymentStatuses = splitList(f.paymentStatus);
  return {
    where: and(
      withStatus && statuses ? inArray(orderCounts.status, statuses) : undefined,
      paymentStatuses ? inArray(orderCounts.paymentStatus, paymentStatuses) : undefined,
      f.origin ? eq(orderCounts.origin, f.origin) : undefined,
      f.operatorId ? eq(orderCounts.operatorId, f.operatorId) : undefined,
    ),
  };
}

const summaryColumns = {
  id: orders.id,
  reference: orders.reference,
  clientId: orders.clientId,
  clientName: clients.name,
  clientCode: clients.code,
  operatorId: orders.operatorId,
  operatorName: users.name,
  origin: orders.origin,
  status: orders.status,
  paymentStatus: orders.paymentStatus,
  paymentMethod: orders.paymentMethod,
  shippingMethod: orders.shippingMethod,
  total: orders.total,
  currency: orders.currency,
  lineCount: orders.lineCount,
  tags: orders.tags,
  requestedDeliveryDate: orders.requestedDeliveryDate,
  createdAt: orders.createdAt,
  updatedAt: orders.updatedAt,
  version: orders.version,
};

/**
 * A number that changes with every settings change: the sum of the sections' versions (a save
 * bumps its section's version, a first save writes version 2 over the implicit 1, and rows are
 * never deleted, so the sum only grows). Read as a sub-select of the statements an order needs
 * anyway (no temporary table, unlike GROUP_CONCAT), it lets the service keep the settings it
 * read last and know, at no extra round trip, whether they are still current.
 */
const settingsSignature = sql<string | null>`(select sum(${settings.version}) from ${settings})`;

const clientSummaryColumns = {
  id: clients.id,
  code: clients.code,
  name: clients.name,
  email: clients.email,
  phone: clients.phone,
  status: clients.status,
};

const capped = (n: number): CountedTotal => (n > TOTAL_CAP ? '10000+' : n);

export function createOrdersRepository(db: Executor) {
  /** The number of orders order_counts holds for a WHERE of `countsCondition`. */
  async function sumCounts(where: SQL | undefined): Promise<CountedTotal> {
    const [row] = await db
      .select({ n: sql<string | null>`sum(${orderCounts.n})` })
      .from(orderCounts)
      .where(where);
    return capped(Number(row?.n ?? 0));
  }

  const byId = db
    .select()
    .from(orders)
    .where(eq(orders.id, sql.placeholder('id')))
    .prepare();
  // The order page in one statement: the order with its client's summary, its operator's name
  // and the settings' signature (whether the carriers the service holds are still current), one
  // row per line. Cheaper for the server than two statements, or than aggregating the lines
  // into JSON (JSON_ARRAYAGG builds a temporary table); the lines are sorted here (an ORDER BY
  // on the joined table would sort through a temporary table too).
  const fullById = db
    .select({
      order: pageColumns,
      line: orderLines,
      client: clientSummaryColumns,
      operatorName: users.name,
      settingsSignature,
    })
    .from(orders)
    .innerJoin(clients, eq(clients.id, orders.clientId))
    .leftJoin(users, eq(users.id, orders.operatorId))
    .leftJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(eq(orders.id, sql.placeholder('id')))
    .prepare();
  const linesById = db
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, sql.placeholder('id')))
    .orderBy(asc(orderLines.position), asc(orderLines.id))
    .prepare();

  return {
    async findById(id: number, tx: Executor = db, forUpdate = false) {
      if (tx === db && !forUpdate) return (await byId.execute({ id }))[0];
      const q = tx.select().from(orders).where(eq(orders.id, id));
      const [row] = forUpdate ? await q.for('update') : await q;
      return row;
    },
    /** The order with its lines, client summary and operator name (outside transactions). */
    async findFull(id: number): Promise<FullOrderRow | undefined> {
      const rows = await fullById.execute({ id });
      const [row] = rows;
      if (!row) return undefined;
      const lines = rows
        .flatMap((r) => (r.line ? [r.line] : []))
        .sort((a, b) => a.position - b.position || a.id - b.id);
      return {
        order: row.order,
        lines,
        client: row.client,
        operatorName: row.operatorName,
        settingsSignature: String(row.settingsSignature ?? ''),
      };
    },
    /**
     * What an order creation reads before its transaction, in one statement: its client and
     * operator (either may be absent: null id, or no such row), the catalogue rows of its
     * products (as `productsForPricing`) and the settings' signature.
     */
    async orderContext(clientId: number | null, operatorId: number | null, productIds: number[]) {
      // One row per product (a single row without one), the client and operator repeated.
      const rows = await db
        .select({
          product: {
            id: products.id,
            sku: products.sku,
            name: products.name,
            unitPrice: products.unitPrice,
            vatBp: products.vatBp,
            active: products.active,
            archivedAt: products.archivedAt,
          },
          client: {
            ...clientSummaryColumns,
            kind: clients.kind,
            contactPerson: clients.contactPerson,
            addressLine1: clients.addressLine1,
            addressLine2: clients.addressLine2,
            postalCode: clients.postalCode,
            city: clients.city,
            country: clients.country,
            discountBp: clients.discountBp,
            language: clients.language,
            archivedAt: clients.archivedAt,
          },
          operator: {
            id: users.id,
            name: users.name,
            active: users.active,
            role: users.role,
          },
          settingsSignature,
        })
        .from(sql`(select 1 as one) as one`)
        .leftJoin(clients, eq(clients.id, clientId ?? 0))
        .leftJoin(users, eq(users.id, operatorId ?? 0))
        .leftJoin(products, productIds.length > 0 ? inArray(products.id, productIds) : sql`false`);
      const [row] = rows;
      const found = row?.client;
      let client: ContextClientRow | null = null;
      if (found) {
        const { archivedAt, ...rest } = found;
        client = { ...rest, archived: archivedAt !== null };
      }
      return {
        client,
        operator: row?.operator ?? null,
        products: rows.flatMap(({ product }): PricingProduct[] => {
          if (!product) return [];
          const { archivedAt, ...p } = product;
          return [{ ...p, archived: archivedAt !== null }];
        }),
        settingsSignature: String(row?.settingsSignature ?? ''),
      };
    },
    async findIdByReference(reference: string) {
      const [row] = await db
        .select({ id: orders.id })
        .from(orders)
        .where(eq(orders.reference, reference));
      return row?.id;
    },
    async lines(orderId: number, tx: Executor = db) {
      if (tx === db) return linesById.execute({ id: orderId });
      return tx
        .select()
        .from(orderLines)
        .where(eq(orderLines.orderId, orderId))
        .orderBy(asc(orderLines.position), asc(orderLines.id));
    },
    async insert(row: NewOrderRow, tx: Executor) {
      return (await insertRows(tx, orders, [row])).insertId;
    },
    async update(id: number, version: number, patch: OrderPatch, tx: Executor) {
      const [result] = await tx
        .update(orders)
        .set({ ...patch, updatedAt: new Date(), version: sql`${orders.version} + 1` })
        .where(and(eq(orders.id, id), eq(orders.version, version)));
      return result.affectedRows;
    },
    /** What the creating transaction learns last (the reference): no new version, same updatedAt. */
    async completeInsert(
      id: number,
      patch: { reference: string; searchText: string },
      tx: Executor,
    ) {
      await runSql(tx, 'UPDATE orders SET reference = ?, search_text = ? WHERE id = ?', [
        patch.reference,
        patch.searchText,
        id,
      ]);
    },
    async insertLines(rows: NewOrderLineRow[], tx: Executor) {
      if (rows.length > 0) await insertRows(tx, orderLines, rows);
    },
    /** Ids of an order's lines in position order (after a multi-row insert: one statement). */
    async lineIds(orderId: number) {
      const rows = await db
        .select({ id: orderLines.id })
        .from(orderLines)
        .where(eq(orderLines.orderId, orderId))
        .orderBy(asc(orderLines.position), asc(orderLines.id));
      return rows.map((r) => r.id);
    },
    /** A new order's tags (nothing to delete yet: one statement). */
    async insertTags(orderId: number, orderCreatedAt: Date, tags: string[], tx: Executor) {
      if (tags.length > 0)
        await insertRows(
          tx,
          orderTags,
          tags.map((tag) => ({ orderId, tag, orderCreatedAt })),
        );
    },
    async deleteLines(ids: number[], tx: Executor) {
      if (ids.length > 0) await tx.delete(orderLines).where(inArray(orderLines.id, ids));
    },
    async updateLine(id: number, patch: Partial<NewOrderLineRow>, tx: Executor) {
      await tx.update(orderLines).set(patch).where(eq(orderLines.id, id));
    },
    async replaceTags(orderId: number, orderCreatedAt: Date, tags: string[], tx: Executor) {
      await tx.delete(orderTags).where(eq(orderTags.orderId, orderId));
      if (tags.length > 0)
        await tx.insert(orderTags).values(tags.map((tag) => ({ orderId, tag, orderCreatedAt })));
    },
    async insertEvent(row: NewOrderEventRow, tx: Executor) {
      return (await insertRows(tx, orderEvents, [row])).insertId;
    },
    async events(orderId: number) {
      return db
        .select()
        .from(orderEvents)
        .where(eq(orderEvents.orderId, orderId))
        .orderBy(asc(orderEvents.id))
        .limit(1000);
    },
    async findEvent(id: number) {
      const [row] = await db.select().from(orderEvents).where(eq(orderEvents.id, id));
      return row;
    },
    async insertPayment(row: typeof orderPayments.$inferInsert, tx: Executor) {
      const [result] = await tx.insert(orderPayments).values(row);
      return result.insertId;
    },
    async payments(orderId: number) {
      return db
        .select()
        .from(orderPayments)
        .where(eq(orderPayments.orderId, orderId))
        .orderBy(asc(orderPayments.id));
    },

    /**
     * Next number of a reference scope (the year), inside the caller's
     * transaction: the row stays locked until commit, so numbers are gapless
     * (a rollback gives the number back) and never shared.
     */
    async nextSequence(scope: string, tx: Executor): Promise<number> {
      // LAST_INSERT_ID(expr) makes the new value the statement's insertId: one round trip.
      const result = await runSql(
        tx,
        'insert into order_sequences (scope, value) values (?, last_insert_id(1)) on duplicate key update value = last_insert_id(value + 1)',
        [scope],
      );
      return Number(result.insertId);
    },

    /** Catalogue rows needed to price lines (the products module owns them; read-only here). */
    async productsForPricing(ids: number[], tx: Executor = db): Promise<PricingProduct[]> {
      if (ids.length === 0) return [];
      const rows = await tx
        .select({
          id: products.id,
          sku: products.sku,
          name: products.name,
          unitPrice: products.unitPrice,
          vatBp: products.vatBp,
          active: products.active,
          archivedAt: products.archivedAt,
        })
        .from(products)
        .where(inArray(products.id, ids));
      return rows.map(({ archivedAt, ...p }) => ({ ...p, archived: archivedAt !== null }));
    },

    /** Who an order email goes to. */
    async clientContact(id: number, tx: Executor = db) {
      const [row] = await tx
        .select({
          id: clients.id,
          code: clients.code,
          name: clients.name,
          email: clients.email,
          language: clients.language,
        })
        .from(clients)
        .where(eq(clients.id, id));
      return row;
    },

    async clientSummary(id: number, tx: Executor = db) {
      const [row] = await tx
        .select({
          id: clients.id,
          code: clients.code,
          name: clients.name,
          email: clients.email,
          phone: clients.phone,
          status: clients.status,
        })
        .from(clients)
        .where(eq(clients.id, id));
      return row;
    },

    async incrementClientOrderCount(clientId: number, tx: Executor) {
      await runSql(tx, 'UPDATE clients SET order_count = order_count + 1 WHERE id = ?', [clientId]);
    },

    async list(query: OrdersListQuery) {
      const sort = parseSort<'createdAt' | 'updatedAt' | 'total'>(query.sort, '-createdAt');
      // A tag with only filters order_tags carries: paged and counted there (decision 0018).
      const tagSide = tagSideCondition(query);
      let tagStrategy: TagStrategy = 'semijoin';
      if (query.tag && !(tagSide && sort.field === 'createdAt')) {
        // How common the tag is, from order_tags' tag index alone (stops at TAG_PROBE_FROM).
        const tagged = db
          .select({ one: sql`1` })
          .from(orderTags)
          .where(eq(orderTags.tag, query.tag))
          .limit(TAG_PROBE_FROM)
          .as('tagged');
        const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(tagged);
        if ((row?.n ?? 0) >= TAG_PROBE_FROM) tagStrategy = 'probe';
      }
      const where = filterCondition(query, true, tagStrategy);
      const column = {
        createdAt: orders.createdAt,
        updatedAt: orders.updatedAt,
        total: orders.total,
      }[sort.field];
      // A tag in creation order: its page is read from one of order_tags' (tag, …, order created
      // at, order id) indexes, newest first, each order by primary key: a few dozen rows read
      // instead of probing order_tags for every order of an orders index (decisions 0016, 0018).
      // With a filter order_tags does not carry, only a common tag is read from that side.
      const fromTagSide =
        query.tag !== undefined &&
        sort.field === 'createdAt' &&
        (tagSide !== undefined || tagStrategy === 'probe');
      const page = keyset(
        {
          column: fromTagSide ? orderTags.orderCreatedAt : column,
          id: fromTagSide ? orderTags.orderId : orders.id,
          descending: sort.descending,
          kind: sort.field === 'total' ? 'number' : 'date',
        },
        query.cursor,
      );
      const limit = query.limit ?? DEFAULT_LIMIT;
      // The page comes from `orders` alone (the LEFT JOIN cannot lead): joined to
      // clients, MariaDB drove the query from a full scan of clients and sorted every
      // order of the result (bench/orders.mjs, EXPLAIN). Every order has its client
      // (NOT NULL, foreign key), so the names are looked up for the page's rows only.
      const { clientName: _name, clientCode: _code, ...orderColumns } = summaryColumns;
      // A creation period of up to a quarter sorted on another column: the period's orders are
      // read and sorted. Left free, MariaDB walks the sort column's index from its end to reach
      // the period (every order updated since May 2024, for May 2024 sorted by -updatedAt: 2-3 s
      // instead of 20 ms on 1M orders), as created and updated times go together. Longer
      // periods are left to the optimizer (sorting them could cost more than the walk).
      const sortIndex = { updatedAt: 'orders_updated_idx', total: 'orders_total_idx' } as const;
      const sortFiltered =
        sort.field === 'updatedAt'
          ? query.updatedFrom !== undefined || query.updatedTo !== undefined
          : query.totalMin !== undefined || query.totalMax !== undefined;
      const period =
        query.createdFrom && query.createdTo
          ? Date.parse(query.createdTo) - Date.parse(query.createdFrom)
          : Infinity;
      const ignoreIndex =
        sort.field !== 'createdAt' && period <= 92 * 86_400_000 && !sortFiltered
          ? { ignoreIndex: sortIndex[sort.field] }
          : undefined;
      // A FULLTEXT search reads and sorts every match for its first page anyway: the same
      // statement counts them (a window over the matches) instead of a second FULLTEXT pass.
      const countInPage = !query.cursor && query.q !== undefined && matchesWords(query.q);
      // A FULLTEXT first page outside order_tags is read in two steps: the matches' ids in page
      // order with their count (a window over every match), then the page's rows by id. With
      // the page's columns in it, the window wrote every match's summary and its operator's name
      // to a temporary table: 243 → 129 ms for a surname on 26,000 of 1,000,000 orders.
      const twoSteps = countInPage && !fromTagSide;
      // The page's client names, looked up in the page query for the rows it returns (the
      // subqueries run once per row sent, after the sort and the limit; one statement less per
      // page). Not with a window count, which evaluates them for every match.
      const namesInline = !countInPage || twoSteps;
      const listColumns = {
        ...orderColumns,
        matches: countInPage && !twoSteps ? sql<number>`count(*) over ()` : sql<null>`null`,
        inlineName: namesInline
          ? sql<string>`(select ${clients.name} from ${clients} where ${clients.id} = ${orders.clientId})`
          : sql<null>`null`,
        inlineCode: namesInline
          ? sql<string>`(select ${clients.code} from ${clients} where ${clients.id} = ${orders.clientId})`
          : sql<null>`null`,
      };
      let matches: number | null = null;
      let found;
      if (twoSteps) {
        const hits = await db
          .select({ id: orders.id, matches: sql<number>`count(*) over ()` })
          .from(orders, ignoreIndex)
          .where(and(where, page.where))
          .orderBy(...page.orderBy)
          .limit(limit + 1);
        matches = Number(hits[0]?.matches ?? 0);
        const rows =
          hits.length === 0
            ? []
            : await db
                .select(listColumns)
                .from(orders)
                .leftJoin(users, eq(users.id, orders.operatorId))
                .where(
                  inArray(
                    orders.id,
                    hits.map((h) => h.id),
                  ),
                );
        const byId = new Map(rows.map((r) => [r.id, r]));
        found = hits.flatMap((h) => byId.get(h.id) ?? []);
      } else
        found = fromTagSide
          ? await db
              .select(listColumns)
              .from(orderTags)
              .innerJoin(orders, eq(orders.id, orderTags.orderId))
              .leftJoin(users, eq(users.id, orders.operatorId))
              .where(
                and(
                  tagSide ??
                    and(
                      eq(orderTags.tag, query.tag!),
                      filterCondition({ ...query, tag: undefined }),
                    ),
                  page.where,
                ),
              )
              .orderBy(...page.orderBy)
              .limit(limit + 1)
          : await db
              .select(listColumns)
              .from(orders, ignoreIndex)
              .leftJoin(users, eq(users.id, orders.operatorId))
              .where(and(where, page.where))
              .orderBy(...page.orderBy)
              .limit(limit + 1);
      if (countInPage && !twoSteps) matches = Number(found[0]?.matches ?? 0);
      const counted = countsCondition(query);
      const clientIds = namesInline ? [] : [...new Set(found.map((r) => r.clientId))];
      const [names, total] = await Promise.all([
        clientIds.length === 0
          ? []
          : db
              .select({ id: clients.id, name: clients.name, code: clients.code })
              .from(clients)
              .where(inArray(clients.id, clientIds)),
        !query.cursor && found.length <= limit
          ? found.length
          : matches !== null
            ? capped(matches)
            : counted
              ? // Status, payment status, origin, operator: a sum over order_counts.
                sumCounts(counted.where)
              : tagSide
                ? // A tag with filters order_tags carries: counted in one of its indexes alone.
                  boundedCount(db, orderTags, tagSide)
                : // A tag with other filters: counted from the tag's side (its orders by primary
                  // key) rather than probed once per order of another filter, which for a status or
                  // a total range meant up to 200,000 probes to find 10,001 orders. Within a time
                  // budget (docs/decisions/0016): null when it cannot finish.
                  boundedCount(
                    db,
                    orders,
                    query.tag ? filterCondition(query, true, 'semijoin') : where,
                  ),
      ]);
      const byId = new Map(names.map((c) => [c.id, c]));
      const rows = found.map(({ matches: _matches, inlineName, inlineCode, ...r }) => ({
        ...r,
        clientName: inlineName ?? byId.get(r.clientId)!.name,
        clientCode: inlineCode ?? byId.get(r.clientId)!.code,
      }));
      return { ...toPage(rows, limit, (r) => [r[sort.field], r.id]), total };
    },

    async statusCounts(filters: OrderFilters) {
      const counted = countsCondition(filters, false);
      if (counted) {
        const rows = await db
          .select({ status: orderCounts.status, n: sql<string>`sum(${orderCounts.n})` })
          .from(orderCounts)
          .where(counted.where)
          .groupBy(orderCounts.status);
        const byStatus = new Map(rows.map((r) => [r.status, capped(Number(r.n))]));
        return Object.fromEntries(ORDER_STATUSES.map((s) => [s, byStatus.get(s) ?? 0])) as Record<
          OrderStatus,
          CountedTotal
        >;
      }
      const tagSide = tagSideCondition(filters, false);
      const base = filterCondition(filters, false);
      const counts = await Promise.all(
        ORDER_STATUSES.map((s) =>
          tagSide
            ? boundedCount(db, orderTags, and(tagSide, eq(orderTags.status, s)))
            : boundedCount(db, orders, and(base, eq(orders.status, s))),
        ),
      );
      return Object.fromEntries(ORDER_STATUSES.map((s, i) => [s, counts[i]!])) as Record<
        OrderStatus,
        CountedTotal
      >;
    },

    /** Ids matching a filter, newest first, at most `limit` (+1 to detect overflow). */
    async idsMatching(filters: OrderFilters, limit: number) {
      const rows = await db
        .select({ id: orders.id })
        .from(orders)
        .where(filterCondition(filters))
        .orderBy(desc(orders.createdAt), desc(orders.id))
        .limit(limit + 1);
      return rows.map((r) => r.id);
    },

    async referencesOf(ids: number[]) {
      if (ids.length === 0) return new Map<number, string>();
      const rows = await db
        .select({ id: orders.id, reference: orders.reference })
        .from(orders)
        .where(inArray(orders.id, ids));
      return new Map(rows.map((r) => [r.id, r.reference]));
    },

    async tagsInUse(limit = 50) {
      const rows = await db
        .select({ tag: orderTags.tag, n: sql<number>`count(*)`.mapWith(Number) })
        .from(orderTags)
        .groupBy(orderTags.tag)
        .orderBy(desc(sql`count(*)`), asc(orderTags.tag))
        .limit(limit);
      return rows.map((r) => r.tag);
    },

    async operators() {
      return db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.active, true), inArray(users.role, ['admin', 'manager', 'operator'])))
        .orderBy(asc(users.name));
    },

    views: {
      async list(userId: number, scope: string) {
        return db
          .select()
          .from(savedViews)
          .where(and(eq(savedViews.userId, userId), eq(savedViews.scope, scope)))
          .orderBy(asc(savedViews.name));
      },
      async insert(row: typeof savedViews.$inferInsert) {
        const [result] = await db.insert(savedViews).values(row);
        return result.insertId;
      },
      async find(id: number) {
        const [row] = await db.select().from(savedViews).where(eq(savedViews.id, id));
        return row;
      },
      async remove(id: number, userId: number) {
        const [result] = await db
          .delete(savedViews)
          .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)));
        return result.affectedRows;
      },
    },
  };
}
export type OrdersRepository = ReturnType<typeof createOrdersRepository>;
