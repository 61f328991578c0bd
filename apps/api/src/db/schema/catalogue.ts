import {
  bigint,
  boolean,
  index,
  int,
  mysqlTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
  char,
} from 'drizzle-orm/mysql-core';
import { json } from '../json-column.ts';
import { createdAt, fk, id, timestamp, updatedAt, version } from '../columns.ts';
import { users } from './users.ts';

export const suppliers = mysqlTable(
  'suppliers',
  {
    id: id(),
    name: varchar('name', { length: 160 }).notNull(),
    contactPerson: varchar('contact_person', { length: 120 }),
    email: varchar('email', { length: 254 }),
    /** E.164 */
    phone: varchar('phone', { length: 20 }),
    addressLine1: varchar('address_line1', { length: 160 }),
    addressLine2: varchar('address_line2', { length: 160 }),
    postalCode: varchar('postal_code', { length: 20 }),
    city: varchar('city', { length: 100 }),
    country: char('country', { length: 2 }),
    notes: text('notes'),
    archivedAt: timestamp('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [index('suppliers_name_idx').on(t.archivedAt, t.name, t.id)],
);

export interface ProductSpecValue {
  name: string;
  value: string;
  unit: string | null;
}

export const products = mysqlTable(
  'products',
  {
    id: id(),
    sku: varchar('sku', { length: 40 }).notNull(),
    name: varchar('name', { length: 160 }).notNull(),
    description: text('description'),
    category: varchar('category', { length: 60 }),
    specs: json<ProductSpecValue[]>('specs').notNull(),
    /** Minor units of the base currency. */
    unitPrice: bigint('unit_price', { mode: 'number', unsigned: true }).notNull(),
    /** VAT in basis points: 2000 = 20 %. */
    vatBp: int('vat_bp', { unsigned: true }).notNull(),
    salesUnit: varchar('sales_unit', { length: 20 }).notNull(),
    active: boolean('active').notNull().default(true),
    trackStock: boolean('track_stock').notNull().default(true),
    allowBackorder: boolean('allow_backorder').notNull().default(false),
    reorderPoint: int('reorder_point', { unsigned: true }).notNull().default(0),
    /** Kept in step with stock_movements inside the same transaction (the ledger is the truth). */
    onHand: int('on_hand').notNull().default(0),
    imageUrl: varchar('image_url', { length: 500 }),
    archivedAt: timestamp('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('products_sku_uq').on(t.sku),
    index('products_name_idx').on(t.archivedAt, t.name, t.id),
    index('products_category_idx').on(t.category, t.name),
    index('products_stock_idx').on(t.trackStock, t.onHand),
  ],
);

export const productSuppliers = mysqlTable(
  'product_suppliers',
  {
    productId: fk('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    supplierId: fk('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    reference: varchar('reference', { length: 60 }),
    costPrice: bigint('cost_price', { mode: 'number', unsigned: true }),
    leadTimeDays: int('lead_time_days', { unsigned: true }),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.supplierId] }),
    index('product_suppliers_supplier_idx').on(t.supplierId),
  ],
);

export const stockReceipts = mysqlTable(
  'stock_receipts',
  {
    id: id(),
    supplierId: fk('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    reference: varchar('reference', { length: 60 }),
    note: varchar('note', { length: 1000 }),
    receivedAt: timestamp('received_at').notNull(),
    createdBy: fk('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('stock_receipts_supplier_idx').on(t.supplierId, t.id)],
);

export const stockReceiptLines = mysqlTable(
  'stock_receipt_lines',
  {
    id: id(),
    receiptId: fk('receipt_id')
      .notNull()
      .references(() => stockReceipts.id, { onDelete: 'cascade' }),
    productId: fk('product_id')
      .notNull()
      .references(() => products.id),
    quantity: int('quantity', { unsigned: true }).notNull(),
    unitCost: bigint('unit_cost', { mode: 'number', unsigned: true }),
  },
  (t) => [
    index('stock_receipt_lines_receipt_idx').on(t.receiptId),
    index('stock_receipt_lines_product_idx').on(t.productId),
  ],
);

/** The stock ledger: append-only; SUM(delta) per product equals products.on_hand. */
export const stockMovements = mysqlTable(
  'stock_movements',
  {
    id: id(),
    productId: fk('product_id')
      .notNull()
      .references(() => products.id),
    delta: int('delta').notNull(),
    onHandAfter: int('on_hand_after').notNull(),
    kind: varchar('kind', {
      length: 16,
      enum: ['receipt', 'adjustment', 'order_reserve', 'order_deduct', 'order_restore', 'return'],
    }).notNull(),
    reason: varchar('reason', { length: 500 }),
    refType: varchar('ref_type', { length: 10, enum: ['receipt', 'order'] }),
    refId: fk('ref_id'),
    actorType: varchar('actor_type', { length: 10, enum: ['user', 'api_key', 'system'] }).notNull(),
    actorId: fk('actor_id'),
    actorLabel: varchar('actor_label', { length: 254 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('stock_movements_product_idx').on(t.productId, t.id),
    index('stock_movements_ref_idx').on(t.refType, t.refId),
  ],
);
