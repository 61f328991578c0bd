import { sql } from 'drizzle-orm';
import { char, index, int, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { json } from '../json-column.ts';
import { createdAt, fk, id, timestamp, updatedAt, version } from '../columns.ts';
import { users } from './users.ts';

export const clients = mysqlTable(
  'clients',
  {
    id: id(),
    code: varchar('code', { length: 20 }).notNull(),
    kind: varchar('kind', { length: 12, enum: ['company', 'individual'] }).notNull(),
    name: varchar('name', { length: 160 }).notNull(),
    vatNumber: varchar('vat_number', { length: 20 }),
    contactPerson: varchar('contact_person', { length: 120 }),
    email: varchar('email', { length: 254 }),
    /** E.164 */
    phone: varchar('phone', { length: 20 }),
    addressLine1: varchar('address_line1', { length: 160 }),
    addressLine2: varchar('address_line2', { length: 160 }),
    postalCode: varchar('postal_code', { length: 20 }),
    city: varchar('city', { length: 100 }),
    country: char('country', { length: 2 }),
    status: varchar('status', { length: 10, enum: ['current', 'prospect'] }).notNull(),
    temperature: varchar('temperature', {
      length: 16,
      enum: ['hot', 'warm', 'cold', 'not_interested'],
    }).notNull(),
    /** Discount in basis points: 1250 = 12.50 %. */
    discountBp: int('discount_bp', { unsigned: true }).notNull().default(0),
    currency: char('currency', { length: 3 }).notNull(),
    language: char('language', { length: 2, enum: ['fr', 'en'] }).notNull(),
    tags: json<string[]>('tags').notNull(),
    /** Lower-case, accent-free words of name, contact, email, code, city… (FULLTEXT-indexed). */
    searchText: varchar('search_text', { length: 1000 }).notNull(),
    archivedAt: timestamp('archived_at'),
    // Email and phone are unique among active clients only: these columns are
    // NULL once archived, and a UNIQUE index ignores NULLs.
    activeEmail: varchar('active_email', { length: 254 }).generatedAlwaysAs(
      sql`(case when \`archived_at\` is null then \`email\` end)`,
      { mode: 'stored' },
    ),
    activePhone: varchar('active_phone', { length: 20 }).generatedAlwaysAs(
      sql`(case when \`archived_at\` is null then \`phone\` end)`,
      { mode: 'stored' },
    ),
    /** Kept by the orders module (later issue). */
    orderCount: int('order_count', { unsigned: true }).notNull().default(0),
    convertedAt: timestamp('converted_at'),
    convertedBy: fk('converted_by').references(() => users.id, { onDelete: 'set null' }),
    createdBy: fk('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('clients_code_uq').on(t.code),
    uniqueIndex('clients_active_email_uq').on(t.activeEmail),
    uniqueIndex('clients_active_phone_uq').on(t.activePhone),
    index('clients_phone_idx').on(t.phone),
    index('clients_name_idx').on(t.archivedAt, t.name, t.id),
    index('clients_list_idx').on(t.archivedAt, t.status, t.name, t.id),
    // Status + temperature filter (the "hot prospects" view) in name order, and the
    // capped total of any status/temperature filter, from the index alone.
    index('clients_filter_idx').on(t.archivedAt, t.status, t.temperature, t.name, t.id),
    index('clients_created_idx').on(t.archivedAt, t.createdAt, t.id),
    index('clients_updated_idx').on(t.archivedAt, t.updatedAt, t.id),
  ],
);

export const clientNotes = mysqlTable(
  'client_notes',
  {
    id: id(),
    clientId: fk('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    priority: varchar('priority', { length: 8, enum: ['high', 'medium', 'none'] }).notNull(),
    authorId: fk('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: varchar('author_name', { length: 254 }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [index('client_notes_client_idx').on(t.clientId, t.id)],
);
