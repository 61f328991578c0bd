import { char, index, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { json } from '../json-column.ts';
import { createdAt, fk, id, timestamp } from '../columns.ts';
import { users } from './users.ts';

export const apiKeys = mysqlTable(
  'api_keys',
  {
    id: id(),
    name: varchar('name', { length: 100 }).notNull(),
    prefix: char('prefix', { length: 11 }).notNull(),
    secretHash: char('secret_hash', { length: 64 }).notNull(),
    scopes: json<('read' | 'write')[]>('scopes').notNull(),
    createdBy: fk('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at'),
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('api_keys_prefix_uq').on(t.prefix),
    index('api_keys_created_idx').on(t.createdAt),
  ],
);
