import { index, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { json } from '../json-column.ts';
import { createdAt, fk, id } from '../columns.ts';

/** Append-only: the application never updates or deletes these rows. */
export const auditLog = mysqlTable(
  'audit_log',
  {
    id: id(),
    actorType: varchar('actor_type', { length: 10, enum: ['user', 'api_key', 'system'] }).notNull(),
    actorId: fk('actor_id'),
    actorLabel: varchar('actor_label', { length: 254 }).notNull(),
    action: varchar('action', { length: 80 }).notNull(),
    entity: varchar('entity', { length: 50 }).notNull(),
    entityId: varchar('entity_id', { length: 64 }),
    before: json<Record<string, unknown> | null>('before'),
    after: json<Record<string, unknown> | null>('after'),
    requestId: varchar('request_id', { length: 64 }),
    ip: varchar('ip', { length: 45 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId, t.id),
    index('audit_actor_idx').on(t.actorType, t.actorId, t.id),
    index('audit_created_idx').on(t.createdAt),
  ],
);
