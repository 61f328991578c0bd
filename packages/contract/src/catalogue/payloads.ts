import Type, { type Static } from 'typebox';
import { Address } from '../clients/entities.ts';
import { Id, ListQueryBase, Nullable, Timestamp, Version } from '../common/schemas.ts';
import { MinorUnits, ProductSpec, STOCK_MOVEMENT_KINDS, VatRate } from './entities.ts';

const SupplierLinkInput = Type.Object(
  {
    supplierId: Id,
    reference: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    costPrice: Type.Optional(Nullable(MinorUnits)),
    leadTimeDays: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 365 }))),
  },
  { additionalProperties: false },
);

const productFields = {
  name: Type.String({ minLength: 1, maxLength: 160 }),
  description: Nullable(Type.String({ maxLength: 5000 })),
  category: Nullable(Type.String({ maxLength: 60 })),
  specs: Type.Array(ProductSpec, { maxItems: 50 }),
  unitPrice: MinorUnits,
  vatRate: VatRate,
  salesUnit: Type.String({ minLength: 1, maxLength: 20, description: 'e.g. pièce, kg, m, carton' }),
  active: Type.Boolean(),
  trackStock: Type.Boolean(),
  allowBackorder: Type.Boolean(),
  reorderPoint: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  imageUrl: Nullable(Type.String({ format: 'uri', maxLength: 500 })),
  suppliers: Type.Array(SupplierLinkInput, { maxItems: 20 }),
};

export const CreateProductBody = Type.Object(
  {
    sku: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$',
      description: 'Unique stock-keeping unit',
    }),
    name: productFields.name,
    unitPrice: productFields.unitPrice,
    vatRate: Type.Optional(productFields.vatRate),
    description: Type.Optional(productFields.description),
    category: Type.Optional(productFields.category),
    specs: Type.Optional(productFields.specs),
    salesUnit: Type.Optional(productFields.salesUnit),
    active: Type.Optional(productFields.active),
    trackStock: Type.Optional(productFields.trackStock),
    allowBackorder: Type.Optional(productFields.allowBackorder),
    reorderPoint: Type.Optional(productFields.reorderPoint),
    imageUrl: Type.Optional(productFields.imageUrl),
    suppliers: Type.Optional(productFields.suppliers),
  },
  { additionalProperties: false },
);
export type CreateProductBody = Static<typeof CreateProductBody>;

export const UpdateProductBody = Type.Object(
  {
    version: Version,
    sku: Type.Optional(CreateProductBody.properties.sku),
    name: Type.Optional(productFields.name),
    unitPrice: Type.Optional(productFields.unitPrice),
    vatRate: Type.Optional(productFields.vatRate),
    description: Type.Optional(productFields.description),
    category: Type.Optional(productFields.category),
    specs: Type.Optional(productFields.specs),
    salesUnit: Type.Optional(productFields.salesUnit),
    active: Type.Optional(productFields.active),
    trackStock: Type.Optional(productFields.trackStock),
    allowBackorder: Type.Optional(productFields.allowBackorder),
    reorderPoint: Type.Optional(productFields.reorderPoint),
    imageUrl: Type.Optional(productFields.imageUrl),
    suppliers: Type.Optional(productFields.suppliers),
  },
  { additionalProperties: false },
);
export type UpdateProductBody = Static<typeof UpdateProductBody>;

export const PRODUCT_SORTS = [
  'name',
  '-name',
  'sku',
  '-sku',
  'createdAt',
  '-createdAt',
  'onHand',
  '-onHand',
] as const;

export const ProductsListQuery = Type.Object(
  {
    ...ListQueryBase,
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'SKU or name (prefix of any word)' }),
    ),
    active: Type.Optional(Type.Boolean()),
    lowStock: Type.Optional(
      Type.Boolean({ description: 'Tracked products with on hand ≤ reorder point' }),
    ),
    supplierId: Type.Optional(Type.Integer({ minimum: 1 })),
    category: Type.Optional(Type.String({ maxLength: 60 })),
    archived: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Enum([...PRODUCT_SORTS])),
  },
  { additionalProperties: false },
);
export type ProductsListQuery = Static<typeof ProductsListQuery>;

export const AdjustmentBody = Type.Object(
  {
    mode: Type.Enum(['delta', 'count'], {
      description:
        'delta: add/remove `quantity`; count: `quantity` is what was counted on the shelf',
    }),
    quantity: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
    reason: Type.String({ minLength: 3, maxLength: 500, description: 'Why (required)' }),
  },
  { additionalProperties: false },
);
export type AdjustmentBody = Static<typeof AdjustmentBody>;

export const MovementsListQuery = Type.Object(
  {
    ...ListQueryBase,
    kind: Type.Optional(Type.Enum([...STOCK_MOVEMENT_KINDS])),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type MovementsListQuery = Static<typeof MovementsListQuery>;

export const CreateStockReceiptBody = Type.Object(
  {
    supplierId: Id,
    reference: Type.Optional(
      Nullable(Type.String({ maxLength: 60, description: 'Delivery note number' })),
    ),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    lines: Type.Array(
      Type.Object(
        {
          productId: Id,
          quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
          unitCost: Type.Optional(Nullable(MinorUnits)),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
export type CreateStockReceiptBody = Static<typeof CreateStockReceiptBody>;

export const StockReceiptsListQuery = Type.Object(
  { ...ListQueryBase, supplierId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type StockReceiptsListQuery = Static<typeof StockReceiptsListQuery>;

const supplierFields = {
  name: Type.String({ minLength: 1, maxLength: 160 }),
  contactPerson: Nullable(Type.String({ maxLength: 120 })),
  email: Nullable(Type.String({ format: 'email', maxLength: 254 })),
  phone: Nullable(Type.String({ maxLength: 30 })),
  address: Type.Partial(Address),
  notes: Nullable(Type.String({ maxLength: 5000 })),
};

export const CreateSupplierBody = Type.Object(
  {
    name: supplierFields.name,
    contactPerson: Type.Optional(supplierFields.contactPerson),
    email: Type.Optional(supplierFields.email),
    phone: Type.Optional(supplierFields.phone),
    address: Type.Optional(supplierFields.address),
    notes: Type.Optional(supplierFields.notes),
  },
  { additionalProperties: false },
);
export type CreateSupplierBody = Static<typeof CreateSupplierBody>;

export const UpdateSupplierBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(supplierFields.name),
    contactPerson: Type.Optional(supplierFields.contactPerson),
    email: Type.Optional(supplierFields.email),
    phone: Type.Optional(supplierFields.phone),
    address: Type.Optional(supplierFields.address),
    notes: Type.Optional(supplierFields.notes),
  },
  { additionalProperties: false },
);
export type UpdateSupplierBody = Static<typeof UpdateSupplierBody>;

export const SuppliersListQuery = Type.Object(
  {
    ...ListQueryBase,
    q: Type.Optional(Type.String({ maxLength: 100 })),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SuppliersListQuery = Static<typeof SuppliersListQuery>;
