import {
  bigint,
  boolean,
  char,
  date,
  index,
  int,
  mysqlTable,
  primaryKey,
  text,
  tinyint,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import type { FieldChange, OrderAddress, OrderTotals } from '@gestco/contract';
import { json } from '../json-column.ts';
import { createdAt, fk, id, timestamp, updatedAt, version } from '../columns.ts';
import { clients } from './clients.ts';
import { products } from './catalogue.ts';
import { quickLinks } from './quick-links.ts';
import { users } from './users.ts';

const money = (name: string) => bigint(name, { mode: 'number' });

export const coupons = mysqlTable(
  'coupons',
  {
    id: id(),
    code: varchar('code', { length: 40 }).notNull(),
    kind: varchar('kind', { length: 8, enum: ['percent', 'amount'] }).notNull(),
    /** Basis points for percent coupons. */
    percentBp: int('percent_bp', { unsigned: true }),
    amount: money('amount'),
    validFrom: timestamp('valid_from'),
    validUntil: timestamp('valid_until'),
    usageLimit: int('usage_limit', { unsigned: true }),
    usedCount: int('used_count', { unsigned: true }).notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex('coupons_code_uq').on(t.code)],
);

export const orders = mysqlTable(
  'orders',
  {
    id: id(),
    reference: varchar('reference', { length: 40 }).notNull(),
    clientId: fk('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'restrict' }),
    operatorId: fk('operator_id').references(() => users.id, { onDelete: 'set null' }),
    origin: varchar('origin', {
      length: 12,
      enum: ['manual', 'phone', 'store', 'quick_link', 'import', 'api'],
    }).notNull(),
    status: varchar('status', {
      length: 12,
      enum: ['pending', 'in_progress', 'shipped', 'completed', 'cancelled'],
    }).notNull(),
    paymentStatus: varchar('payment_status', {
      length: 20,
      enum: ['unpaid', 'paid', 'partially_refunded', 'refunded'],
    }).notNull(),
    paymentMethod: varchar('payment_method', { length: 60 }),
    shippingMethod: varchar('shipping_method', { length: 60 }),
    carrier: varchar('carrier', { length: 60 }),
    trackingCode: varchar('tracking_code', { length: 80 }),
    billingAddress: json<OrderAddress>('billing_address').notNull(),
    shippingSameAsBilling: boolean('shipping_same_as_billing').notNull().default(true),
    shippingAddress: json<OrderAddress>('shipping_address').notNull(),
    couponId: fk('coupon_id').references(() => coupons.id, { onDelete: 'set null' }),
    couponCode: varchar('coupon_code', { length: 40 }),
    couponKind: varchar('coupon_kind', { length: 8, enum: ['percent', 'amount'] }),
    /** Snapshot: basis points (percent) or minor units (amount). */
    couponValue: bigint('coupon_value', { mode: 'number' }),
    clientDiscountBp: int('client_discount_bp', { unsigned: true }).notNull().default(0),
    shippingFee: money('shipping_fee').notNull().default(0),
    shippingVatRate: varchar('shipping_vat_rate', { length: 6 }).notNull(),
    totals: json<OrderTotals>('totals').notNull(),
    /** Incl. VAT; copied from totals for filters, sorts and reports. */
    total: money('total').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    /** Units of `currency` for 1 unit of the base currency when the order was priced ("1" for the base). */
    exchangeRate: varchar('exchange_rate', { length: 20 }).notNull().default('1'),
    /** `total` in the base currency (= total when the order is in the base currency), for reports. */
    baseTotal: money('base_total').notNull().default(0),
    quickLinkId: fk('quick_link_id').references(() => quickLinks.id, { onDelete: 'set null' }),
    paidAmount: money('paid_amount').notNull().default(0),
    refundedAmount: money('refunded_amount').notNull().default(0),
    stockState: varchar('stock_state', {
      length: 10,
      enum: ['none', 'deducted', 'skipped', 'restored'],
    }).notNull(),
    internalNote: text('internal_note'),
    tags: json<string[]>('tags').notNull(),
    lineCount: int('line_count', { unsigned: true }).notNull(),
    requestedDeliveryDate: date('requested_delivery_date', { mode: 'string' }),
    /** Lower-case, accent-free reference, client name/code/phone/email, tracking code (FULLTEXT). */
    searchText: varchar('search_text', { length: 1000 }).notNull(),
    shippedAt: timestamp('shipped_at'),
    completedAt: timestamp('completed_at'),
    cancelledAt: timestamp('cancelled_at'),
    createdBy: fk('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('orders_reference_uq').on(t.reference),
    // Every filter of the list is an equality on one of these, followed by the
    // default order (created_at, id): the page is read from the index in order.
    index('orders_created_idx').on(t.createdAt, t.id, t.total),
    index('orders_updated_idx').on(t.updatedAt, t.id),
    index('orders_total_idx').on(t.total, t.id),
    // The four filters most often combined carry the columns of the filters that follow them
    // in this order (status → payment status → operator → origin → total): a page or a capped
    // count filtered on two of them reads one index (index condition pushdown, or the index
    // alone for the count) instead of a row look-up per candidate: 10-20× less on 1M orders
    // (bench/orders.mjs). A status change still rewrites the status index only; a payment,
    // operator, origin or total change also rewrites the indexes that carry that column.
    index('orders_status_idx').on(
      t.status,
      t.createdAt,
      t.id,
      t.paymentStatus,
      t.origin,
      t.operatorId,
      t.total,
    ),
    index('orders_payment_status_idx').on(
      t.paymentStatus,
      t.createdAt,
      t.id,
      t.origin,
      t.operatorId,
      t.total,
    ),
    // A status tab with a payment status (the unpaid of a tab, the tab counts of a payment
    // filter): both equalities lead, so the page and the capped count read only their orders,
    // where orders_status_idx walked every order of the status to find a rare payment status
    // (340,000 index entries for completed + refunded; docs/decisions/0016).
    index('orders_status_payment_idx').on(
      t.status,
      t.paymentStatus,
      t.createdAt,
      t.id,
      t.origin,
      t.operatorId,
      t.total,
    ),
    index('orders_client_idx').on(t.clientId, t.createdAt, t.id),
    // The other equality filters carry the status (the tab) and the payment status: a page or
    // a count of one of them within a tab, or with a total range, reads its index alone
    // instead of one row per candidate (a payment method with a total range: 80,000 rows).
    index('orders_operator_idx').on(
      t.operatorId,
      t.createdAt,
      t.id,
      t.status,
      t.paymentStatus,
      t.origin,
      t.total,
    ),
    index('orders_origin_idx').on(
      t.origin,
      t.createdAt,
      t.id,
      t.status,
      t.paymentStatus,
      t.operatorId,
      t.total,
    ),
    index('orders_payment_method_idx').on(
      t.paymentMethod,
      t.createdAt,
      t.id,
      t.status,
      t.paymentStatus,
      t.total,
    ),
    index('orders_shipping_method_idx').on(
      t.shippingMethod,
      t.createdAt,
      t.id,
      t.status,
      t.paymentStatus,
      t.total,
    ),
  ],
);

export const orderLines = mysqlTable(
  'order_lines',
  {
    id: id(),
    orderId: fk('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: int('position', { unsigned: true }).notNull(),
    productId: fk('product_id').references(() => products.id, { onDelete: 'restrict' }),
    sku: varchar('sku', { length: 40 }),
    name: varchar('name', { length: 200 }).notNull(),
    quantity: int('quantity', { unsigned: true }).notNull(),
    unitPrice: money('unit_price').notNull(),
    discountBp: int('discount_bp', { unsigned: true }).notNull().default(0),
    vatRate: varchar('vat_rate', { length: 6 }).notNull(),
    total: money('total').notNull(),
    restockedQuantity: int('restocked_quantity', { unsigned: true }).notNull().default(0),
  },
  (t) => [
    index('order_lines_order_idx').on(t.orderId, t.position),
    index('order_lines_product_idx').on(t.productId),
  ],
);

export const orderTags = mysqlTable(
  'order_tags',
  {
    orderId: fk('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    tag: varchar('tag', { length: 40 }).notNull(),
    /**
     * The order's creation time, copied (it never changes): a common tag's page of the orders
     * list is read from this side, newest first, instead of probing every order (decision 0016).
     */
    orderCreatedAt: timestamp('order_created_at').notNull(),
    /*
     * The order's list filters, copied so that a tag with another filter is paged and counted
     * from order_tags' own indexes (decision 0018). The database keeps them in step: a trigger
     * fills them from the order on insert (these defaults never last) and another follows every
     * update of the order, whoever writes it (migration 0013).
     */
    status: varchar('status', {
      length: 12,
      enum: ['pending', 'in_progress', 'shipped', 'completed', 'cancelled'],
    })
      .notNull()
      .default('pending'),
    paymentStatus: varchar('payment_status', {
      length: 20,
      enum: ['unpaid', 'paid', 'partially_refunded', 'refunded'],
    })
      .notNull()
      .default('unpaid'),
    operatorId: fk('operator_id'),
    origin: varchar('origin', {
      length: 12,
      enum: ['manual', 'phone', 'store', 'quick_link', 'import', 'api'],
    })
      .notNull()
      .default('manual'),
    total: money('total').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.tag] }),
    index('order_tags_tag_idx').on(t.tag, t.orderId),
    index('order_tags_tag_created_idx').on(t.tag, t.orderCreatedAt, t.orderId),
    index('order_tags_tag_status_idx').on(t.tag, t.status, t.orderCreatedAt, t.orderId),
    index('order_tags_tag_payment_idx').on(t.tag, t.paymentStatus, t.orderCreatedAt, t.orderId),
    index('order_tags_tag_operator_idx').on(t.tag, t.operatorId, t.orderCreatedAt, t.orderId),
    index('order_tags_tag_origin_idx').on(t.tag, t.origin, t.orderCreatedAt, t.orderId),
    index('order_tags_tag_total_idx').on(t.tag, t.total, t.orderId),
  ],
);

export const orderEvents = mysqlTable(
  'order_events',
  {
    id: id(),
    orderId: fk('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    type: varchar('type', {
      length: 10,
      enum: ['created', 'status', 'edit', 'note', 'payment', 'refund', 'email'],
    }).notNull(),
    channel: varchar('channel', {
      length: 12,
      enum: ['web', 'scan', 'bulk', 'api', 'quick_link', 'system'],
    }).notNull(),
    actorType: varchar('actor_type', { length: 10, enum: ['user', 'api_key', 'system'] }).notNull(),
    actorId: fk('actor_id'),
    actorLabel: varchar('actor_label', { length: 200 }).notNull(),
    fromStatus: varchar('from_status', { length: 12 }),
    toStatus: varchar('to_status', { length: 12 }),
    changes: json<FieldChange[]>('changes').notNull(),
    comment: text('comment'),
    data: json<Record<string, unknown>>('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id)],
);

export const orderPayments = mysqlTable(
  'order_payments',
  {
    id: id(),
    orderId: fk('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 8, enum: ['payment', 'refund'] }).notNull(),
    amount: money('amount').notNull(),
    method: varchar('method', { length: 60 }),
    reference: varchar('reference', { length: 120 }),
    reason: varchar('reason', { length: 500 }),
    paidAt: timestamp('paid_at').notNull(),
    createdBy: fk('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('order_payments_order_idx').on(t.orderId, t.id)],
);

/** One counter per reference scope (the year): incremented inside the order's transaction. */
export const orderSequences = mysqlTable('order_sequences', {
  scope: varchar('scope', { length: 20 }).primaryKey(),
  value: int('value', { unsigned: true }).notNull(),
});

export const idempotencyKeys = mysqlTable(
  'idempotency_keys',
  {
    id: id(),
    /** Who sent it: user:<id>, key:<id>, quick:<link id>: keys never collide across callers. */
    principal: varchar('principal', { length: 40 }).notNull(),
    route: varchar('route', { length: 80 }).notNull(),
    idemKey: varchar('idem_key', { length: 255 }).notNull(),
    requestHash: char('request_hash', { length: 64 }).notNull(),
    state: varchar('state', { length: 8, enum: ['running', 'done'] }).notNull(),
    responseStatus: int('response_status'),
    responseBody: json<unknown>('response_body'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_uq').on(t.principal, t.route, t.idemKey),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);

export const savedViews = mysqlTable(
  'saved_views',
  {
    id: id(),
    userId: fk('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: varchar('scope', { length: 20 }).notNull(),
    name: varchar('name', { length: 80 }).notNull(),
    filters: json<Record<string, string>>('filters').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('saved_views_name_uq').on(t.userId, t.scope, t.name)],
);

/**
 * How many orders have each combination of status, payment status, origin and operator
 * (0 = none), so that the list's total and its tabs for those filters are a sum over a few
 * thousand rows instead of a walk of up to 10,001 index entries (decision 0018). Kept by
 * triggers on orders (migration 0014), in the writer's transaction; each connection writes its
 * own `shard` (CONNECTION_ID() % 16), so concurrent writers do not wait on one row. An order
 * whose reference still begins with "~" is being created and not counted until it gets its
 * reference, at the end of its transaction. `n` is signed: one shard may go below zero when its
 * connection moves an order counted by another; the sum over the shards is the count.
 */
export const orderCounts = mysqlTable(
  'order_counts',
  {
    status: varchar('status', { length: 12 }).notNull(),
    paymentStatus: varchar('payment_status', { length: 20 }).notNull(),
    origin: varchar('origin', { length: 12 }).notNull(),
    operatorId: bigint('operator_id', { mode: 'number', unsigned: true }).notNull(),
    shard: tinyint('shard', { unsigned: true }).notNull(),
    n: int('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.status, t.paymentStatus, t.origin, t.operatorId, t.shard] })],
);
