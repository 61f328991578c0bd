import Type, { type Static } from 'typebox';
import { Id, Locale, Nullable, NullableTimestamp, Timestamp, Version } from '../common/schemas.ts';

export const CLIENT_KINDS = ['company', 'individual'] as const;
export const CLIENT_STATUSES = ['current', 'prospect'] as const;
export const CLIENT_TEMPERATURES = ['hot', 'warm', 'cold', 'not_interested'] as const;
export const NOTE_PRIORITIES = ['high', 'medium', 'none'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];
export type ClientStatus = (typeof CLIENT_STATUSES)[number];
export type ClientTemperature = (typeof CLIENT_TEMPERATURES)[number];
export type NotePriority = (typeof NOTE_PRIORITIES)[number];

export const ClientKindSchema = Type.Enum([...CLIENT_KINDS]);
export const ClientStatusSchema = Type.Enum([...CLIENT_STATUSES], {
  description: 'current (Client actuel) or prospect (Client potentiel)',
});
export const ClientTemperatureSchema = Type.Enum([...CLIENT_TEMPERATURES], {
  description:
    'Lead temperature: hot (Chaud), warm (Tiède), cold (Froid), not_interested (Pas intéressé)',
});
export const NotePrioritySchema = Type.Enum([...NOTE_PRIORITIES], {
  description: 'high (red), medium (yellow), none',
});

/** Percentage with at most two decimals, as a string: "0" … "100", "12.5", "7.25". */
export const DiscountRate = Type.String({
  pattern: '^(100(\\.0{1,2})?|\\d{1,2}(\\.\\d{1,2})?)$',
  description: 'Discount percentage 0–100 with up to two decimals, as a string',
  examples: ['10', '12.50'],
});

export const Address = Type.Object(
  {
    line1: Nullable(Type.String({ maxLength: 160 })),
    line2: Nullable(Type.String({ maxLength: 160 })),
    postalCode: Nullable(Type.String({ maxLength: 20 })),
    city: Nullable(Type.String({ maxLength: 100 })),
    country: Nullable(Type.String({ pattern: '^[A-Z]{2}$' })),
  },
  { additionalProperties: false },
);
export type Address = Static<typeof Address>;

export const NotePreview = Type.Object({
  id: Id,
  text: Type.String({ description: 'First 140 characters' }),
  priority: NotePrioritySchema,
  createdAt: Timestamp,
});

export const Client = Type.Object(
  {
    id: Id,
    code: Type.String({ description: 'Unique short code, printed in the client QR flashcode' }),
    kind: ClientKindSchema,
    name: Type.String(),
    vatNumber: Nullable(Type.String()),
    contactPerson: Nullable(Type.String()),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String({ description: 'E.164, e.g. +33612345678' })),
    phoneNational: Nullable(
      Type.String({ description: 'National format for display, e.g. 06 12 34 56 78' }),
    ),
    address: Address,
    status: ClientStatusSchema,
    temperature: ClientTemperatureSchema,
    discountRate: DiscountRate,
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    language: Locale,
    tags: Type.Array(Type.String()),
    archived: Type.Boolean(),
    orderCount: Type.Integer({ minimum: 0 }),
    lastNote: Nullable(NotePreview),
    convertedAt: NullableTimestamp,
    convertedBy: Nullable(Id),
    createdBy: Nullable(Id),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { title: 'Client' },
);
export type Client = Static<typeof Client>;

export const ClientNote = Type.Object(
  {
    id: Id,
    clientId: Id,
    text: Type.String(),
    priority: NotePrioritySchema,
    authorId: Nullable(Id),
    authorName: Type.String(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { title: 'ClientNote' },
);
export type ClientNote = Static<typeof ClientNote>;
