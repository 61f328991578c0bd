import {
  index,
  int,
  mysqlTable,
  text,
  uniqueIndex,
  varchar,
  char,
  mediumtext,
} from 'drizzle-orm/mysql-core';
import { json } from '../json-column.ts';
import { createdAt, fk, id, timestamp, updatedAt, version } from '../columns.ts';
import { clients } from './clients.ts';
import { orders } from './orders.ts';
import { users } from './users.ts';

const EVENTS = [
  'order_created',
  'status_in_progress',
  'status_shipped',
  'status_completed',
  'status_cancelled',
  'payment_link',
  'manual',
  'quick_link',
] as const;

/**
 * The transactional outbox: a row is inserted in the same transaction as the
 * change it tells about; the notifier claims, renders, sends and records.
 */
export const notifications = mysqlTable(
  'notifications',
  {
    id: id(),
    event: varchar('event', { length: 24, enum: EVENTS }).notNull(),
    orderId: fk('order_id').references(() => orders.id, { onDelete: 'set null' }),
    clientId: fk('client_id').references(() => clients.id, { onDelete: 'set null' }),
    recipientType: varchar('recipient_type', { length: 8, enum: ['client', 'staff'] }).notNull(),
    toEmail: varchar('to_email', { length: 254 }).notNull(),
    toName: varchar('to_name', { length: 160 }),
    language: char('language', { length: 2, enum: ['fr', 'en'] }).notNull(),
    /** Variables captured when the change happened: the email tells that moment, not a later one. */
    payload: json<Record<string, unknown>>('payload').notNull(),
    status: varchar('status', {
      length: 8,
      enum: ['queued', 'sending', 'sent', 'failed'],
    }).notNull(),
    transport: varchar('transport', { length: 8, enum: ['sendgrid', 'local'] }).notNull(),
    attempts: int('attempts', { unsigned: true }).notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    leaseUntil: timestamp('lease_until'),
    claimedBy: varchar('claimed_by', { length: 64 }),
    subject: varchar('subject', { length: 300 }),
    html: mediumtext('html'),
    text: mediumtext('text'),
    providerMessageId: varchar('provider_message_id', { length: 120 }),
    providerStatus: int('provider_status'),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at'),
    createdBy: fk('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('notifications_due_idx').on(t.status, t.nextAttemptAt),
    index('notifications_order_idx').on(t.orderId, t.id),
    index('notifications_client_idx').on(t.clientId, t.id),
    index('notifications_created_idx').on(t.createdAt, t.id),
  ],
);

/** Templates edited in the app; an event/language without a row uses the shipped default. */
export const notificationTemplates = mysqlTable(
  'notification_templates',
  {
    id: id(),
    event: varchar('event', { length: 24, enum: EVENTS }).notNull(),
    language: char('language', { length: 2, enum: ['fr', 'en'] }).notNull(),
    subject: varchar('subject', { length: 300 }).notNull(),
    html: mediumtext('html').notNull(),
    text: mediumtext('text').notNull(),
    updatedBy: fk('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex('notification_templates_uq').on(t.event, t.language)],
);
