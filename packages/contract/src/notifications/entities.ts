import Type, { type Static } from 'typebox';
import { Id, Locale, Nullable, NullableTimestamp, Timestamp, Version } from '../common/schemas.ts';

/** What a notification is about: an order being created, each status, a payment link, a manual message. */
export const NOTIFICATION_EVENTS = [
  'order_created',
  'status_in_progress',
  'status_shipped',
  'status_completed',
  'status_cancelled',
  'payment_link',
  'manual',
  'quick_link',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
export const NotificationEventSchema = Type.Enum([...NOTIFICATION_EVENTS]);

export const NOTIFICATION_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export const NotificationStatusSchema = Type.Enum([...NOTIFICATION_STATUSES], {
  description:
    'queued (waiting or retrying), sending (claimed by a worker), sent (accepted by the provider), failed (gave up; can be retried)',
});
export const NOTIFICATION_TRANSPORTS = ['sendgrid', 'local'] as const;
export type NotificationTransport = (typeof NOTIFICATION_TRANSPORTS)[number];

export const Notification = Type.Object(
  {
    id: Id,
    event: NotificationEventSchema,
    orderId: Nullable(Id),
    orderReference: Nullable(Type.String()),
    clientId: Nullable(Id),
    recipientType: Type.Enum(['client', 'staff']),
    toEmail: Type.String(),
    toName: Nullable(Type.String()),
    language: Locale,
    status: NotificationStatusSchema,
    transport: Type.Enum([...NOTIFICATION_TRANSPORTS]),
    attempts: Type.Integer({ minimum: 0 }),
    nextAttemptAt: NullableTimestamp,
    subject: Nullable(Type.String({ description: 'Rendered subject, once rendered' })),
    providerMessageId: Nullable(Type.String()),
    providerStatus: Nullable(
      Type.Integer({ description: 'HTTP status of the last provider answer' }),
    ),
    lastError: Nullable(Type.String()),
    sentAt: NullableTimestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Notification' },
);
export type Notification = Static<typeof Notification>;

export const NotificationDetail = Type.Object({
  notification: Notification,
  html: Nullable(Type.String()),
  text: Nullable(Type.String()),
});
export type NotificationDetail = Static<typeof NotificationDetail>;

export const NotificationTemplate = Type.Object(
  {
    event: NotificationEventSchema,
    language: Locale,
    subject: Type.String(),
    html: Type.String(),
    text: Type.String(),
    isDefault: Type.Boolean({ description: 'true while the shipped default is in use' }),
    version: Version,
    updatedAt: NullableTimestamp,
  },
  { title: 'NotificationTemplate' },
);
export type NotificationTemplate = Static<typeof NotificationTemplate>;

export const TemplateVariable = Type.Object({
  name: Type.String({ examples: ['client.name'] }),
  description: Type.String(),
  example: Type.String(),
});
export type TemplateVariable = Static<typeof TemplateVariable>;

export const RenderedEmail = Type.Object({
  subject: Type.String(),
  html: Type.String(),
  text: Type.String(),
});
export type RenderedEmail = Static<typeof RenderedEmail>;

export const NotifierStatus = Type.Object({
  transport: Type.Enum([...NOTIFICATION_TRANSPORTS]),
  sendgridConfigured: Type.Boolean(),
  sender: Type.String({ description: 'From address and name used' }),
  queued: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 }),
});
export type NotifierStatus = Static<typeof NotifierStatus>;
