import { char, index, int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fk, id, timestamp, updatedAt } from '../columns.ts';
import { clients } from './clients.ts';
import { users } from './users.ts';

/**
 * Quick-order links (decision 0014): a client's no-login ordering page. Only the
 * SHA-256 of the 256-bit token is kept; the URL is shown once, when it is made.
 */
export const quickLinks = mysqlTable(
  'quick_links',
  {
    id: id(),
    clientId: fk('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    tokenHash: char('token_hash', { length: 64 }).notNull(),
    /** The token's last 4 characters, to tell links apart on screen. */
    tokenHint: varchar('token_hint', { length: 8 }).notNull(),
    label: varchar('label', { length: 120 }),
    expiresAt: timestamp('expires_at'),
    revokedAt: timestamp('revoked_at'),
    revokedBy: fk('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    /** The link that replaced this one when it was regenerated. */
    replacedById: fk('replaced_by_id'),
    lastUsedAt: timestamp('last_used_at'),
    orderCount: int('order_count', { unsigned: true }).notNull().default(0),
    createdBy: fk('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('quick_links_token_uq').on(t.tokenHash),
    index('quick_links_client_idx').on(t.clientId, t.id),
  ],
);
