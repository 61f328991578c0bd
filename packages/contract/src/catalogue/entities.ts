import Type, { type Static } from 'typebox';
import { Address } from '../clients/entities.ts';
import { Id, Nullable, Timestamp, Version } from '../common/schemas.ts';

export const STOCK_MOVEMENT_KINDS = [
  'receipt',
  'adjustment',
  'order_reserve',
  'order_deduct',
  'order_restore',
  'return',
] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];
export const STOCK_STATUSES = ['ok', 'low', 'out', 'untracked'] as const;
export type StockStatus = (typeof STOCK_STATUSES)[number];

/** Percentage as a string with up to two decimals: "20", "5.5", "2.1", "0". */
export const VatRate = Type.String({
  pattern: '^(100(\\.0{1,2})?|\\d{1,2}(\\.\\d{1,2})?)$',
  description: 'VAT rate in percent, one of the rates in settings (catalogue.vatRates)',
  examples: ['20', '5.5'],
});

export const MinorUnits = Type.Integer({
  minimum: 0,
  maximum: 1_000_000_000_00,
  description: 'Amount in minor units (cents) of the base currency',
});

export const ProductSpec = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    value: Type.String({ minLength: 1, maxLength: 200 }),
    unit: Nullable(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type ProductSpec = Static<typeof ProductSpec>;

export const ProductSupplierLink = Type.Object({
  supplierId: Id,
  supplierName: Type.String(),
  reference: Nullable(Type.String()),
  costPrice: Nullable(MinorUnits),
  leadTimeDays: Nullable(Type.Integer({ minimum: 0 })),
});

export const Product = Type.Object(
  {
    id: Id,
    sku: Type.String(),
    name: Type.String(),
    description: Nullable(Type.String()),
    category: Nullable(Type.String()),
    specs: Type.Array(ProductSpec),
    unitPrice: MinorUnits,
    currency: Type.String({ description: 'The base currency (settings)' }),
    vatRate: VatRate,
    salesUnit: Type.String(),
    active: Type.Boolean(),
    trackStock: Type.Boolean(),
    allowBackorder: Type.Boolean(),
    reorderPoint: Type.Integer({ minimum: 0 }),
    onHand: Type.Integer({ description: 'Units on hand; negative only with backorders allowed' }),
    stockStatus: Type.Enum([...STOCK_STATUSES], {
      description: 'out: ≤ 0; low: ≤ reorder point; untracked: stock not tracked',
    }),
    imageUrl: Nullable(Type.String()),
    suppliers: Type.Array(ProductSupplierLink),
    archived: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { title: 'Product' },
);
export type Product = Static<typeof Product>;

export const Supplier = Type.Object(
  {
    id: Id,
    name: Type.String(),
    contactPerson: Nullable(Type.String()),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    phoneNational: Nullable(Type.String()),
    address: Address,
    notes: Nullable(Type.String()),
    productCount: Type.Integer({ minimum: 0 }),
    archived: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { title: 'Supplier' },
);
export type Supplier = Static<typeof Supplier>;

export const StockMovement = Type.Object(
  {
    id: Id,
    productId: Id,
    productSku: Type.String(),
    productName: Type.String(),
    delta: Type.Integer({ description: 'Positive in, negative out' }),
    onHandAfter: Type.Integer(),
    kind: Type.Enum([...STOCK_MOVEMENT_KINDS]),
    reason: Nullable(Type.String()),
    refType: Nullable(Type.Enum(['receipt', 'order'])),
    refId: Nullable(Id),
    actorLabel: Type.String(),
    createdAt: Timestamp,
  },
  { title: 'StockMovement' },
);
export type StockMovement = Static<typeof StockMovement>;

export const StockReceiptLine = Type.Object({
  productId: Id,
  sku: Type.String(),
  name: Type.String(),
  quantity: Type.Integer({ minimum: 1 }),
  unitCost: Nullable(MinorUnits),
});

export const StockReceipt = Type.Object(
  {
    id: Id,
    supplierId: Id,
    supplierName: Type.String(),
    reference: Nullable(Type.String()),
    note: Nullable(Type.String()),
    lines: Type.Array(StockReceiptLine),
    receivedAt: Timestamp,
    createdBy: Nullable(Id),
    createdAt: Timestamp,
  },
  { title: 'StockReceipt' },
);
export type StockReceipt = Static<typeof StockReceipt>;

/** Part of the INSUFFICIENT_STOCK problem: each short product and what is left. */
export const StockShortage = Type.Object({
  productId: Id,
  sku: Type.String(),
  requested: Type.Integer(),
  available: Type.Integer(),
});
export type StockShortage = Static<typeof StockShortage>;

export const AdjustmentResult = Type.Object({ product: Product, movement: StockMovement });
export type AdjustmentResult = Static<typeof AdjustmentResult>;

/** What the product form needs, readable by every role (settings themselves are admin-only). */
export const CatalogueOptions = Type.Object({
  vatRates: Type.Array(VatRate),
  defaultVatRate: VatRate,
  currency: Type.String({ description: 'Base currency (ISO 4217)' }),
  categories: Type.Array(Type.String(), { description: 'Categories in use, for suggestions' }),
});
export type CatalogueOptions = Static<typeof CatalogueOptions>;
