import Type, { type Static } from 'typebox';
import { Id, ListQueryBase, Locale, Timestamp, Version } from '../common/schemas.ts';
import {
  NOTIFICATION_TRANSPORTS,
  NotificationEventSchema,
  NotificationStatusSchema,
} from './entities.ts';

export const NotificationsListQuery = Type.Object(
  {
    ...ListQueryBase,
    orderId: Type.Optional(Id),
    clientId: Type.Optional(Id),
    status: Type.Optional(NotificationStatusSchema),
    event: Type.Optional(NotificationEventSchema),
    transport: Type.Optional(Type.Enum([...NOTIFICATION_TRANSPORTS])),
    createdFrom: Type.Optional(Timestamp),
    createdTo: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type NotificationsListQuery = Static<typeof NotificationsListQuery>;

const Subject = Type.String({ minLength: 1, maxLength: 300 });
const Html = Type.String({ minLength: 1, maxLength: 100_000 });
const Text = Type.String({ minLength: 1, maxLength: 50_000 });

export const TemplateParams = Type.Object(
  { event: NotificationEventSchema, language: Locale },
  { additionalProperties: false },
);
export type TemplateParams = Static<typeof TemplateParams>;

export const UpdateTemplateBody = Type.Object(
  { version: Version, subject: Subject, html: Html, text: Text },
  { additionalProperties: false },
);
export type UpdateTemplateBody = Static<typeof UpdateTemplateBody>;

export const PreviewTemplateBody = Type.Object(
  {
    event: NotificationEventSchema,
    language: Locale,
    subject: Subject,
    html: Html,
    text: Text,
    orderId: Type.Optional(Id),
  },
  { additionalProperties: false, description: 'Renders on a sample order, or on a real one' },
);
export type PreviewTemplateBody = Static<typeof PreviewTemplateBody>;

export const ManualEmailBody = Type.Object(
  {
    subject: Subject,
    message: Type.String({ minLength: 1, maxLength: 10_000 }),
  },
  { additionalProperties: false },
);
export type ManualEmailBody = Static<typeof ManualEmailBody>;
