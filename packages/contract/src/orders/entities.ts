import Type, { type Static } from 'typebox';
import { MinorUnits, VatRate } from '../catalogue/entities.ts';
import { DiscountRate } from '../clients/entities.ts';
import {
  CountedTotal,
  Id,
  Nullable,
  NullableTimestamp,
  Timestamp,
  Version,
} from '../common/schemas.ts';

export const ORDER_STATUSES = [
  'pending',
  'in_progress',
  'shipped',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const PAYMENT_STATUSES = ['unpaid', 'paid', 'partially_refunded', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const ORDER_ORIGINS = ['manual', 'phone', 'store', 'quick_link', 'import', 'api'] as const;
export type OrderOrigin = (typeof ORDER_ORIGINS)[number];
/** Where a change was made from (stamped on events): the desk, the phone scan view, a bulk action… */
export const CHANGE_CHANNELS = ['web', 'scan', 'bulk', 'api', 'quick_link', 'system'] as const;
export type ChangeChannel = (typeof CHANGE_CHANNELS)[number];
/**
 * none: stock untouched (pending); deducted: lines taken from stock;
 * skipped: a change that would have moved stock was told not to; restored: given back on cancel.
 */
export const STOCK_STATES = ['none', 'deducted', 'skipped', 'restored'] as const;
export type StockState = (typeof STOCK_STATES)[number];

/** The order state machine (DESIGN.md). Anything not listed is illegal (409). */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['in_progress', 'cancelled'],
  in_progress: ['shipped', 'cancelled'],
  shipped: ['completed'],
  completed: [],
  cancelled: [],
};
export const nextStatuses = (status: OrderStatus) => ORDER_TRANSITIONS[status];
/** Statuses in which the order can still be edited. */
export const EDITABLE_STATUSES: readonly OrderStatus[] = ['pending', 'in_progress', 'shipped'];

export const OrderStatusSchema = Type.Enum([...ORDER_STATUSES], {
  description:
    'pending (En attente) → in_progress (En cours) → shipped (Expédiée) → completed (Terminée); cancelled (Annulée) from pending or in_progress',
});
export const PaymentStatusSchema = Type.Enum([...PAYMENT_STATUSES]);
export const OrderOriginSchema = Type.Enum([...ORDER_ORIGINS]);
export const ChangeChannelSchema = Type.Enum([...CHANGE_CHANNELS]);
export const StockStateSchema = Type.Enum([...STOCK_STATES]);

/** Billing or shipping contact and address, copied onto the order (a snapshot). */
export const OrderAddress = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 160 }),
    company: Nullable(Type.String({ maxLength: 160 })),
    email: Nullable(Type.String({ format: 'email', maxLength: 254 })),
    phone: Nullable(Type.String({ maxLength: 30 })),
    line1: Nullable(Type.String({ maxLength: 160 })),
    line2: Nullable(Type.String({ maxLength: 160 })),
    postalCode: Nullable(Type.String({ maxLength: 20 })),
    city: Nullable(Type.String({ maxLength: 100 })),
    country: Nullable(Type.String({ pattern: '^[A-Z]{2}$' })),
  },
  { additionalProperties: false },
);
export type OrderAddress = Static<typeof OrderAddress>;

export const OrderLine = Type.Object({
  id: Id,
  productId: Nullable(Id),
  sku: Nullable(Type.String()),
  name: Type.String(),
  quantity: Type.Integer({ minimum: 1 }),
  unitPrice: Type.Integer({ description: 'Snapshot, minor units excl. VAT' }),
  discountRate: DiscountRate,
  vatRate: VatRate,
  total: Type.Integer({ description: 'quantity × unit price − line discount, excl. VAT' }),
  restockedQuantity: Type.Integer({ minimum: 0, description: 'Units put back by refunds' }),
});
export type OrderLine = Static<typeof OrderLine>;

export const VatLine = Type.Object({
  rate: VatRate,
  base: Type.Integer(),
  amount: Type.Integer(),
});

export const OrderTotals = Type.Object({
  linesGross: Type.Integer({ description: 'Σ quantity × unit price' }),
  lineDiscounts: Type.Integer(),
  subtotal: Type.Integer({ description: 'Σ line totals (after line discounts), excl. VAT' }),
  clientDiscount: Type.Integer(),
  couponDiscount: Type.Integer(),
  shipping: Type.Integer({ description: 'Shipping fee excl. VAT' }),
  net: Type.Integer({ description: 'Taxable base: subtotal − discounts + shipping' }),
  vat: Type.Array(VatLine),
  vatTotal: Type.Integer(),
  total: Type.Integer({ description: 'Incl. VAT: what the client pays' }),
});
export type OrderTotals = Static<typeof OrderTotals>;

export const OrderClientSummary = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  status: Type.Enum(['current', 'prospect']),
});

export const Order = Type.Object(
  {
    id: Id,
    reference: Type.String({ examples: ['CMD-2026-000123'] }),
    client: OrderClientSummary,
    operatorId: Nullable(Id),
    operatorName: Nullable(Type.String()),
    origin: OrderOriginSchema,
    status: OrderStatusSchema,
    allowedStatuses: Type.Array(OrderStatusSchema, { description: 'Legal next statuses' }),
    paymentStatus: PaymentStatusSchema,
    paymentMethod: Nullable(Type.String()),
    shippingMethod: Nullable(Type.String()),
    carrier: Nullable(Type.String()),
    trackingCode: Nullable(Type.String()),
    trackingUrl: Nullable(Type.String({ description: "From the carrier's URL template" })),
    billingAddress: OrderAddress,
    shippingSameAsBilling: Type.Boolean(),
    shippingAddress: OrderAddress,
    lines: Type.Array(OrderLine),
    couponCode: Nullable(Type.String()),
    clientDiscountRate: DiscountRate,
    shippingFee: MinorUnits,
    shippingVatRate: VatRate,
    totals: OrderTotals,
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    exchangeRate: Type.String({
      description: 'Units of currency per unit of the base currency when priced ("1" in the base)',
    }),
    quickLinkId: Nullable(Id),
    paidAmount: Type.Integer({ minimum: 0 }),
    refundedAmount: Type.Integer({ minimum: 0 }),
    stockState: StockStateSchema,
    internalNote: Nullable(Type.String({ description: 'Staff only; never shown to the client' })),
    tags: Type.Array(Type.String()),
    requestedDeliveryDate: Nullable(Type.String({ format: 'date' })),
    shippedAt: NullableTimestamp,
    completedAt: NullableTimestamp,
    cancelledAt: NullableTimestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { title: 'Order' },
);
export type Order = Static<typeof Order>;

/** A row of the orders list: what the dense table shows, no lines. */
export const OrderSummary = Type.Object(
  {
    id: Id,
    reference: Type.String(),
    clientId: Id,
    clientName: Type.String(),
    clientCode: Type.String(),
    operatorId: Nullable(Id),
    operatorName: Nullable(Type.String()),
    origin: OrderOriginSchema,
    status: OrderStatusSchema,
    paymentStatus: PaymentStatusSchema,
    paymentMethod: Nullable(Type.String()),
    shippingMethod: Nullable(Type.String()),
    total: Type.Integer(),
    currency: Type.String(),
    lineCount: Type.Integer({ minimum: 0 }),
    tags: Type.Array(Type.String()),
    requestedDeliveryDate: Nullable(Type.String({ format: 'date' })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { title: 'OrderSummary' },
);
export type OrderSummary = Static<typeof OrderSummary>;

export const ORDER_EVENT_TYPES = [
  'created',
  'status',
  'edit',
  'note',
  'payment',
  'refund',
  'email',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export const FieldChange = Type.Object({
  field: Type.String({ description: 'e.g. carrier, lines[SKU-1].quantity, tags' }),
  before: Type.Unknown(),
  after: Type.Unknown(),
});
export type FieldChange = Static<typeof FieldChange>;

export const OrderEvent = Type.Object(
  {
    id: Id,
    orderId: Id,
    type: Type.Enum([...ORDER_EVENT_TYPES]),
    channel: ChangeChannelSchema,
    actorLabel: Type.String(),
    actorId: Nullable(Id),
    fromStatus: Nullable(OrderStatusSchema),
    toStatus: Nullable(OrderStatusSchema),
    changes: Type.Array(FieldChange),
    comment: Nullable(Type.String()),
    data: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'Per type: status → {stock: applied|skipped|none, stockReason, notify}; payment/refund → amounts',
    }),
    createdAt: Timestamp,
  },
  { title: 'OrderEvent' },
);
export type OrderEvent = Static<typeof OrderEvent>;

export const OrderPayment = Type.Object(
  {
    id: Id,
    kind: Type.Enum(['payment', 'refund']),
    amount: Type.Integer({ minimum: 1 }),
    method: Nullable(Type.String()),
    reference: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    paidAt: Timestamp,
    createdBy: Nullable(Id),
    createdAt: Timestamp,
  },
  { title: 'OrderPayment' },
);
export type OrderPayment = Static<typeof OrderPayment>;

export const OrderWithPayments = Type.Object({
  order: Order,
  payments: Type.Array(OrderPayment),
});

export const COUPON_KINDS = ['percent', 'amount'] as const;
export const Coupon = Type.Object(
  {
    id: Id,
    code: Type.String(),
    kind: Type.Enum([...COUPON_KINDS]),
    percent: Nullable(DiscountRate),
    amount: Nullable(MinorUnits),
    validFrom: NullableTimestamp,
    validUntil: NullableTimestamp,
    usageLimit: Nullable(Type.Integer({ minimum: 1 })),
    usedCount: Type.Integer({ minimum: 0 }),
    active: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { title: 'Coupon' },
);
export type Coupon = Static<typeof Coupon>;

export const StatusCounts = Type.Object(
  {
    pending: CountedTotal,
    in_progress: CountedTotal,
    shipped: CountedTotal,
    completed: CountedTotal,
    cancelled: CountedTotal,
  },
  {
    description:
      'Orders per status for the current filter (its status filter ignored); null: not counted',
  },
);
export type StatusCounts = Record<OrderStatus, CountedTotal>;

export const SavedView = Type.Object({
  id: Id,
  name: Type.String(),
  filters: Type.Record(Type.String(), Type.String()),
  createdAt: Timestamp,
});
export type SavedView = Static<typeof SavedView>;

export const BulkResult = Type.Object({
  succeeded: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 }),
  results: Type.Array(
    Type.Object({
      id: Id,
      reference: Type.String(),
      ok: Type.Boolean(),
      code: Nullable(Type.String()),
      detail: Nullable(Type.String()),
    }),
  ),
});
export type BulkResult = Static<typeof BulkResult>;

export const OrderOptions = Type.Object({
  paymentMethods: Type.Array(Type.String()),
  shippingMethods: Type.Array(
    Type.Object({ name: Type.String(), fee: MinorUnits, carrier: Nullable(Type.String()) }),
  ),
  carriers: Type.Array(
    Type.Object({ name: Type.String(), trackingUrlTemplate: Nullable(Type.String()) }),
  ),
  tags: Type.Array(Type.String(), { description: 'Tags in use, most used first' }),
  operators: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  vatRates: Type.Array(VatRate),
  defaultVatRate: VatRate,
  currency: Type.String(),
  notifyByDefault: Type.Record(Type.String(), Type.Boolean(), {
    description: 'Per event (order_created, status_<status>): whether the email box starts ticked',
  }),
  paymentLinkEnabled: Type.Boolean({ description: 'A payment URL template is configured' }),
});
export type OrderOptions = Static<typeof OrderOptions>;
