import Type, { type Static } from 'typebox';
import { ListQueryBase, Locale, Nullable, Version } from '../common/schemas.ts';
import {
  Address,
  ClientKindSchema,
  ClientStatusSchema,
  ClientTemperatureSchema,
  DiscountRate,
  NotePrioritySchema,
} from './entities.ts';

const Tag = Type.String({ minLength: 1, maxLength: 40 });

const clientFields = {
  kind: ClientKindSchema,
  name: Type.String({ minLength: 1, maxLength: 160 }),
  vatNumber: Nullable(
    Type.String({ maxLength: 20, description: 'EU VAT number, e.g. FR40303265045' }),
  ),
  contactPerson: Nullable(Type.String({ maxLength: 120 })),
  email: Nullable(Type.String({ format: 'email', maxLength: 254 })),
  phone: Nullable(
    Type.String({
      maxLength: 30,
      description: 'Any format ("06 12 34 56 78", "+33 6 12 34 56 78"); stored as E.164',
    }),
  ),
  address: Address,
  status: ClientStatusSchema,
  temperature: ClientTemperatureSchema,
  discountRate: DiscountRate,
  currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' }),
  language: Locale,
  tags: Type.Array(Tag, { maxItems: 20, uniqueItems: true }),
};

export const CreateClientBody = Type.Object(
  {
    kind: Type.Optional(clientFields.kind),
    name: clientFields.name,
    code: Type.Optional(
      Type.String({
        pattern: '^(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{2,19}$',
        description:
          'At least one letter (all-digit codes read as phone numbers). Generated when omitted',
      }),
    ),
    vatNumber: Type.Optional(clientFields.vatNumber),
    contactPerson: Type.Optional(clientFields.contactPerson),
    email: Type.Optional(clientFields.email),
    phone: Type.Optional(clientFields.phone),
    address: Type.Optional(Type.Partial(Address)),
    status: Type.Optional(clientFields.status),
    temperature: Type.Optional(clientFields.temperature),
    discountRate: Type.Optional(clientFields.discountRate),
    currency: Type.Optional(clientFields.currency),
    language: Type.Optional(clientFields.language),
    tags: Type.Optional(clientFields.tags),
    note: Type.Optional(
      Type.Object(
        { text: Type.String({ minLength: 1, maxLength: 5000 }), priority: NotePrioritySchema },
        { additionalProperties: false, description: 'A first note, saved with the client' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CreateClientBody = Static<typeof CreateClientBody>;

export const UpdateClientBody = Type.Object(
  {
    version: Version,
    kind: Type.Optional(clientFields.kind),
    name: Type.Optional(clientFields.name),
    vatNumber: Type.Optional(clientFields.vatNumber),
    contactPerson: Type.Optional(clientFields.contactPerson),
    email: Type.Optional(clientFields.email),
    phone: Type.Optional(clientFields.phone),
    address: Type.Optional(Type.Partial(Address)),
    status: Type.Optional(clientFields.status),
    temperature: Type.Optional(clientFields.temperature),
    discountRate: Type.Optional(clientFields.discountRate),
    currency: Type.Optional(clientFields.currency),
    language: Type.Optional(clientFields.language),
    tags: Type.Optional(clientFields.tags),
  },
  { additionalProperties: false },
);
export type UpdateClientBody = Static<typeof UpdateClientBody>;

export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
export type VersionBody = Static<typeof VersionBody>;

export const CLIENT_SORTS = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;

export const ClientsListQuery = Type.Object(
  {
    ...ListQueryBase,
    q: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          'Name, contact, email, phone (any format) or client code; accent- and case-insensitive',
      }),
    ),
    status: Type.Optional(ClientStatusSchema),
    temperature: Type.Optional(ClientTemperatureSchema),
    tag: Type.Optional(Type.String({ maxLength: 40 })),
    hasOrders: Type.Optional(Type.Boolean()),
    archived: Type.Optional(
      Type.Boolean({ description: 'Default false: archived clients are hidden' }),
    ),
    sort: Type.Optional(Type.Enum([...CLIENT_SORTS])),
  },
  { additionalProperties: false },
);
export type ClientsListQuery = Static<typeof ClientsListQuery>;

export const ClientLookupQuery = Type.Object(
  {
    phone: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 30,
        description: 'Any format; matched exactly after normalisation',
      }),
    ),
    code: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9-]{3,20}$', description: 'Client code (flashcode)' }),
    ),
  },
  { additionalProperties: false, description: 'Exactly one of phone or code' },
);
export type ClientLookupQuery = Static<typeof ClientLookupQuery>;

export const NoteParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }), noteId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const CreateNoteBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    priority: Type.Optional(NotePrioritySchema),
  },
  { additionalProperties: false },
);
export type CreateNoteBody = Static<typeof CreateNoteBody>;

export const UpdateNoteBody = Type.Object(
  {
    version: Version,
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    priority: Type.Optional(NotePrioritySchema),
  },
  { additionalProperties: false },
);
export type UpdateNoteBody = Static<typeof UpdateNoteBody>;
