import { boolean, char, index, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fk, id, timestamp, updatedAt, version } from '../columns.ts';

export const users = mysqlTable(
  'users',
  {
    id: id(),
    email: varchar('email', { length: 254 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    role: varchar('role', {
      length: 16,
      enum: ['admin', 'manager', 'operator', 'viewer'],
    }).notNull(),
    passwordHash: varchar('password_hash', { length: 255 }).notNull(),
    active: boolean('active').notNull().default(true),
    locale: char('locale', { length: 2, enum: ['fr', 'en'] })
      .notNull()
      .default('fr'),
    lastLoginAt: timestamp('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(t.email),
    index('users_role_active_idx').on(t.role, t.active),
  ],
);

/**
 * Opaque refresh tokens (only their SHA-256 is stored). Tokens of one login
 * share a family; presenting a rotated-out token revokes the whole family.
 */
export const refreshTokens = mysqlTable(
  'refresh_tokens',
  {
    id: id(),
    userId: fk('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: char('family_id', { length: 32 }).notNull(),
    tokenHash: char('token_hash', { length: 64 }).notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    rotatedAt: timestamp('rotated_at'),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('refresh_tokens_hash_uq').on(t.tokenHash),
    index('refresh_tokens_family_idx').on(t.familyId),
  ],
);
