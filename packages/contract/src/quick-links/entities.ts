import Type, { type Static } from 'typebox';
import { Id, Locale, Nullable, NullableTimestamp, Timestamp } from '../common/schemas.ts';
import { OrderTotals } from '../orders/entities.ts';

/**
 * Quick-order links (decision 0014): a client's personal, no-login ordering page
 * at `PUBLIC_URL/q/<token>`. The token is 256 random bits (43 base64url characters);
 * only its SHA-256 is stored, so the URL is shown once.
 */
export const QUICK_LINK_PATH = '/q/';
export const QuickLinkToken = Type.String({
  pattern: '^[A-Za-z0-9_-]{43}$',
  description: '256-bit random token, base64url',
});

export const QUICK_LINK_STATES = ['active', 'expired', 'revoked'] as const;
export type QuickLinkState = (typeof QUICK_LINK_STATES)[number];

export const QuickLink = Type.Object(
  {
    id: Id,
    clientId: Id,
    label: Nullable(Type.String()),
    tokenHint: Type.String({ description: "The token's last 4 characters" }),
    state: Type.Enum([...QUICK_LINK_STATES]),
    expiresAt: NullableTimestamp,
    revokedAt: NullableTimestamp,
    lastUsedAt: NullableTimestamp,
    orderCount: Type.Integer({ minimum: 0 }),
    createdBy: Nullable(Type.String({ description: 'Name of who made it' })),
    createdAt: Timestamp,
  },
  { title: 'QuickLink' },
);
export type QuickLink = Static<typeof QuickLink>;

export const CreatedQuickLink = Type.Object({
  link: QuickLink,
  url: Type.String({ description: 'Shown this once: only a hash is kept' }),
  queuedEmails: Type.Integer({ minimum: 0 }),
});
export type CreatedQuickLink = Static<typeof CreatedQuickLink>;

export const CreateQuickLinkBody = Type.Object(
  {
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    expiresAt: Type.Optional(Nullable(Timestamp)),
    send: Type.Optional(Type.Boolean({ description: 'Email the link to the client at once' })),
  },
  { additionalProperties: false },
);
export type CreateQuickLinkBody = Static<typeof CreateQuickLinkBody>;

export const RegenerateQuickLinkBody = Type.Object(
  { send: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type RegenerateQuickLinkBody = Static<typeof RegenerateQuickLinkBody>;

export const SendQuickLinkBody = Type.Object(
  {
    token: Type.Unsafe<string>({
      ...QuickLinkToken,
      description: 'The token of the URL just shown (the server keeps only its hash)',
    }),
  },
  { additionalProperties: false },
);
export type SendQuickLinkBody = Static<typeof SendQuickLinkBody>;

export const QuickLinkParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

// ---- public side ---------------------------------------------------------

export const QuickOrderParams = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const AVAILABILITIES = ['in_stock', 'low_stock', 'on_order'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const PublicProduct = Type.Object(
  {
    id: Id,
    sku: Type.String(),
    name: Type.String(),
    description: Nullable(Type.String()),
    category: Nullable(Type.String()),
    specs: Type.Array(
      Type.Object({ name: Type.String(), value: Type.String(), unit: Nullable(Type.String()) }),
    ),
    salesUnit: Type.String(),
    imageUrl: Nullable(Type.String()),
    listPrice: Type.Integer({ description: 'Excl. VAT, converted, before the client discount' }),
    price: Type.Integer({ description: "Excl. VAT, converted, after the client's discount" }),
    vatRate: Type.String(),
    availability: Type.Enum([...AVAILABILITIES], {
      description: 'en stock / stock limité / sur commande: never the stock figure',
    }),
  },
  { additionalProperties: false },
);
export type PublicProduct = Static<typeof PublicProduct>;

export const QUICK_ORDER_PRODUCTS_MAX = 1000;

export const PublicQuickOrderPage = Type.Object(
  {
    business: Type.Object({ name: Type.String(), logoUrl: Nullable(Type.String()) }),
    client: Type.Object({ displayName: Type.String(), language: Locale }),
    currency: Type.String({ description: 'The currency of every price here, ISO 4217' }),
    baseCurrency: Type.String(),
    exchangeRate: Type.String({ description: 'Units of currency per unit of the base currency' }),
    discountRate: Type.String({ description: "The client's discount, percent" }),
    shippingVatRate: Type.String(),
    categories: Type.Array(Type.String()),
    products: Type.Array(PublicProduct, { maxItems: QUICK_ORDER_PRODUCTS_MAX }),
  },
  { additionalProperties: false },
);
export type PublicQuickOrderPage = Static<typeof PublicQuickOrderPage>;

export const PUBLIC_MAX_QUANTITY = 10_000;
export const PUBLIC_MAX_LINES = 200;

export const PublicOrderBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        {
          productId: Id,
          quantity: Type.Integer({ minimum: 1, maximum: PUBLIC_MAX_QUANTITY }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: PUBLIC_MAX_LINES },
    ),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
    requestedDeliveryDate: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);
export type PublicOrderBody = Static<typeof PublicOrderBody>;

export const PublicOrderHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 255,
    description: 'Required: the same key replays the same order',
  }),
});

export const PublicOrderResult = Type.Object(
  {
    reference: Type.String(),
    createdAt: Timestamp,
    currency: Type.String(),
    lines: Type.Array(
      Type.Object({
        productId: Nullable(Id),
        name: Type.String(),
        quantity: Type.Integer(),
        unitPrice: Type.Integer(),
        total: Type.Integer(),
      }),
    ),
    totals: OrderTotals,
    total: Type.Integer(),
  },
  { additionalProperties: false },
);
export type PublicOrderResult = Static<typeof PublicOrderResult>;
