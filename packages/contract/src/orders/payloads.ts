import Type, { type Static } from 'typebox';
import { MinorUnits, VatRate } from '../catalogue/entities.ts';
import { ClientKindSchema, DiscountRate } from '../clients/entities.ts';
import { Id, ListQueryBase, Locale, Nullable, Timestamp, Version } from '../common/schemas.ts';
import {
  ChangeChannelSchema,
  OrderAddress,
  OrderOriginSchema,
  OrderStatusSchema,
} from './entities.ts';

const Tag = Type.String({ minLength: 1, maxLength: 40 });
const Tags = Type.Array(Tag, { maxItems: 20, uniqueItems: true });
const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Comment = Type.String({ maxLength: 2000 });
export const MAX_ORDER_LINES = 200;
export const MAX_LINE_QUANTITY = 100_000;

/**
 * A catalogue line (`productId`: priced by the server, `unitPrice` refused) or a
 * free-text line (`description` + `unitPrice` + `vatRate`). `id` keeps an
 * existing line (and its price snapshot) when editing.
 */
export const OrderLineInput = Type.Object(
  {
    id: Type.Optional(Id),
    productId: Type.Optional(Id),
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    quantity: Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY }),
    discountRate: Type.Optional(DiscountRate),
    unitPrice: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 1_000_000_000_00, description: 'Free-text lines only' }),
    ),
    vatRate: Type.Optional(VatRate),
  },
  { additionalProperties: false },
);
export type OrderLineInput = Static<typeof OrderLineInput>;

const Lines = Type.Array(OrderLineInput, { minItems: 1, maxItems: MAX_ORDER_LINES });

/** A client created from the billing data, in the same transaction as the order. */
export const NewOrderClient = Type.Object(
  {
    kind: Type.Optional(ClientKindSchema),
    name: Type.String({ minLength: 1, maxLength: 160 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    vatNumber: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    language: Type.Optional(Locale),
  },
  { additionalProperties: false },
);

const editableFields = {
  operatorId: Nullable(Id),
  paymentMethod: Nullable(Type.String({ minLength: 1, maxLength: 60 })),
  shippingMethod: Nullable(Type.String({ minLength: 1, maxLength: 60 })),
  carrier: Nullable(Type.String({ minLength: 1, maxLength: 60 })),
  trackingCode: Nullable(Type.String({ minLength: 1, maxLength: 80 })),
  billingAddress: OrderAddress,
  shippingSameAsBilling: Type.Boolean(),
  shippingAddress: Nullable(OrderAddress),
  couponCode: Nullable(Type.String({ minLength: 1, maxLength: 40 })),
  shippingFee: MinorUnits,
  internalNote: Nullable(Type.String({ maxLength: 5000 })),
  tags: Tags,
  requestedDeliveryDate: Nullable(DateOnly),
};

export const CreateOrderBody = Type.Object(
  {
    clientId: Type.Optional(Id),
    newClient: Type.Optional(NewOrderClient),
    origin: Type.Optional(OrderOriginSchema),
    status: Type.Optional(
      Type.Enum(['pending', 'in_progress'], {
        description: 'in_progress takes the lines from stock at once (a counter sale)',
      }),
    ),
    lines: Lines,
    operatorId: Type.Optional(editableFields.operatorId),
    paymentMethod: Type.Optional(editableFields.paymentMethod),
    shippingMethod: Type.Optional(editableFields.shippingMethod),
    carrier: Type.Optional(editableFields.carrier),
    trackingCode: Type.Optional(editableFields.trackingCode),
    billingAddress: Type.Optional(editableFields.billingAddress),
    shippingSameAsBilling: Type.Optional(editableFields.shippingSameAsBilling),
    shippingAddress: Type.Optional(editableFields.shippingAddress),
    couponCode: Type.Optional(editableFields.couponCode),
    shippingFee: Type.Optional(editableFields.shippingFee),
    internalNote: Type.Optional(editableFields.internalNote),
    tags: Type.Optional(editableFields.tags),
    requestedDeliveryDate: Type.Optional(editableFields.requestedDeliveryDate),
    notify: Type.Optional(
      Type.Boolean({ description: 'Email the order confirmation; default from settings' }),
    ),
    comment: Type.Optional(Comment),
  },
  {
    additionalProperties: false,
    description: 'Exactly one of clientId or newClient. Billing address defaults to the client.',
  },
);
export type CreateOrderBody = Static<typeof CreateOrderBody>;

export const UpdateOrderBody = Type.Object(
  {
    version: Version,
    reason: Type.Optional(Comment),
    lines: Type.Optional(Lines),
    operatorId: Type.Optional(editableFields.operatorId),
    paymentMethod: Type.Optional(editableFields.paymentMethod),
    shippingMethod: Type.Optional(editableFields.shippingMethod),
    carrier: Type.Optional(editableFields.carrier),
    trackingCode: Type.Optional(editableFields.trackingCode),
    billingAddress: Type.Optional(editableFields.billingAddress),
    shippingSameAsBilling: Type.Optional(editableFields.shippingSameAsBilling),
    shippingAddress: Type.Optional(editableFields.shippingAddress),
    couponCode: Type.Optional(editableFields.couponCode),
    shippingFee: Type.Optional(editableFields.shippingFee),
    internalNote: Type.Optional(editableFields.internalNote),
    tags: Type.Optional(editableFields.tags),
    requestedDeliveryDate: Type.Optional(editableFields.requestedDeliveryDate),
  },
  {
    additionalProperties: false,
    description: '`lines` replaces the list: lines sent with their `id` keep their price snapshot',
  },
);
export type UpdateOrderBody = Static<typeof UpdateOrderBody>;

export const StatusChangeBody = Type.Object(
  {
    status: OrderStatusSchema,
    version: Type.Optional(Version),
    comment: Type.Optional(Comment),
    stock: Type.Optional(
      Type.Enum(['apply', 'skip'], {
        description: 'apply (default): deduct on pending → in_progress, restore on cancel',
      }),
    ),
    stockReason: Type.Optional(
      Type.String({ minLength: 3, maxLength: 500, description: 'Required with stock: skip' }),
    ),
    notify: Type.Optional(Type.Boolean({ description: 'Email the client (notifications)' })),
    carrier: Type.Optional(editableFields.carrier),
    trackingCode: Type.Optional(editableFields.trackingCode),
    channel: Type.Optional(ChangeChannelSchema),
  },
  { additionalProperties: false },
);
export type StatusChangeBody = Static<typeof StatusChangeBody>;

export const PaymentBody = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_00 }),
    method: Type.String({ minLength: 1, maxLength: 60 }),
    paidAt: Type.Optional(Timestamp),
    reference: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { additionalProperties: false },
);
export type PaymentBody = Static<typeof PaymentBody>;

export const RefundBody = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_00 }),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
    method: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    restock: Type.Optional(
      Type.Array(
        Type.Object(
          { lineId: Id, quantity: Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY }) },
          { additionalProperties: false },
        ),
        { maxItems: MAX_ORDER_LINES },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RefundBody = Static<typeof RefundBody>;

export const OrderNoteBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);

export const ORDER_SORTS = [
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'total',
  '-total',
] as const;

const csv = (pattern: string, description: string) =>
  Type.String({ pattern: `^${pattern}(,${pattern})*$`, maxLength: 200, description });

/** The filters of the list; also the selection of a bulk action and a saved view. */
export const orderFilterFields = {
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'Reference, client name, code, phone or email, tracking code',
    }),
  ),
  reference: Type.Optional(Type.String({ maxLength: 40, description: 'Reference prefix' })),
  clientId: Type.Optional(Id),
  status: Type.Optional(
    csv('(pending|in_progress|shipped|completed|cancelled)', 'One or more, comma-separated'),
  ),
  paymentStatus: Type.Optional(
    csv('(unpaid|paid|partially_refunded|refunded)', 'One or more, comma-separated'),
  ),
  paymentMethod: Type.Optional(Type.String({ maxLength: 60 })),
  shippingMethod: Type.Optional(Type.String({ maxLength: 60 })),
  tag: Type.Optional(Tag),
  operatorId: Type.Optional(Id),
  origin: Type.Optional(OrderOriginSchema),
  totalMin: Type.Optional(Type.Integer({ minimum: 0, description: 'Minor units, incl. VAT' })),
  totalMax: Type.Optional(Type.Integer({ minimum: 0 })),
  createdFrom: Type.Optional(Timestamp),
  createdTo: Type.Optional(Timestamp),
  updatedFrom: Type.Optional(Timestamp),
  updatedTo: Type.Optional(Timestamp),
};

export const OrdersListQuery = Type.Object(
  { ...ListQueryBase, ...orderFilterFields, sort: Type.Optional(Type.Enum([...ORDER_SORTS])) },
  { additionalProperties: false },
);
export type OrdersListQuery = Static<typeof OrdersListQuery>;

export const OrderFilters = Type.Object(orderFilterFields, { additionalProperties: false });
export type OrderFilters = Static<typeof OrderFilters>;

export const OrderLookupQuery = Type.Object(
  { reference: Type.String({ minLength: 3, maxLength: 40 }) },
  { additionalProperties: false },
);

export const BULK_LIMIT = 500;
export const BulkAction = Type.Union([
  Type.Object(
    {
      type: Type.Literal('status'),
      status: OrderStatusSchema,
      stock: Type.Optional(Type.Enum(['apply', 'skip'])),
      stockReason: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })),
      notify: Type.Optional(Type.Boolean()),
      comment: Type.Optional(Comment),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Enum(['addTag', 'removeTag']), tag: Tag },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('assign'), operatorId: Nullable(Id) },
    { additionalProperties: false },
  ),
]);
export type BulkAction = Static<typeof BulkAction>;

export const BulkBody = Type.Object(
  {
    ids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: BULK_LIMIT, uniqueItems: true })),
    filter: Type.Optional(OrderFilters),
    action: BulkAction,
  },
  {
    additionalProperties: false,
    description: `Exactly one of ids or filter (at most ${BULK_LIMIT} orders)`,
  },
);
export type BulkBody = Static<typeof BulkBody>;

export const CreateSavedViewBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    filters: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 200 }), {
      maxProperties: 20,
    }),
  },
  { additionalProperties: false },
);
export type CreateSavedViewBody = Static<typeof CreateSavedViewBody>;

export const CouponBodyFields = {
  code: Type.String({ pattern: '^[A-Z0-9_-]{2,40}$', description: 'Upper case' }),
  kind: Type.Enum(['percent', 'amount']),
  percent: Nullable(DiscountRate),
  amount: Nullable(MinorUnits),
  validFrom: Nullable(Timestamp),
  validUntil: Nullable(Timestamp),
  usageLimit: Nullable(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
  active: Type.Boolean(),
};
export const CreateCouponBody = Type.Object(
  {
    code: CouponBodyFields.code,
    kind: CouponBodyFields.kind,
    percent: Type.Optional(CouponBodyFields.percent),
    amount: Type.Optional(CouponBodyFields.amount),
    validFrom: Type.Optional(CouponBodyFields.validFrom),
    validUntil: Type.Optional(CouponBodyFields.validUntil),
    usageLimit: Type.Optional(CouponBodyFields.usageLimit),
    active: Type.Optional(CouponBodyFields.active),
  },
  {
    additionalProperties: false,
    description: 'percent with kind percent, amount with kind amount',
  },
);
export type CreateCouponBody = Static<typeof CreateCouponBody>;
export const UpdateCouponBody = Type.Object(
  {
    version: Version,
    percent: Type.Optional(CouponBodyFields.percent),
    amount: Type.Optional(CouponBodyFields.amount),
    validFrom: Type.Optional(CouponBodyFields.validFrom),
    validUntil: Type.Optional(CouponBodyFields.validUntil),
    usageLimit: Type.Optional(CouponBodyFields.usageLimit),
    active: Type.Optional(CouponBodyFields.active),
  },
  { additionalProperties: false },
);
export type UpdateCouponBody = Static<typeof UpdateCouponBody>;
