import Type, { type Static } from 'typebox';
import { Id, ListQueryBase, Timestamp, Nullable } from '../common/schemas.ts';

export const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const AuditEntry = Type.Object(
  {
    id: Id,
    actorType: Type.Enum([...ACTOR_TYPES]),
    actorId: Nullable(Id),
    actorLabel: Type.String({ description: 'Email of the user or name of the key at the time' }),
    action: Type.String({ examples: ['user.create', 'settings.update'] }),
    entity: Type.String({ examples: ['user'] }),
    entityId: Nullable(Type.String()),
    before: Nullable(Type.Record(Type.String(), Type.Unknown())),
    after: Nullable(Type.Record(Type.String(), Type.Unknown())),
    requestId: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    createdAt: Timestamp,
  },
  { title: 'AuditEntry' },
);
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditListQuery = Type.Object(
  {
    ...ListQueryBase,
    actorType: Type.Optional(Type.Enum([...ACTOR_TYPES])),
    actorId: Type.Optional(Type.Integer({ minimum: 1 })),
    entity: Type.Optional(Type.String({ maxLength: 50 })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    action: Type.Optional(Type.String({ maxLength: 80 })),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuery>;
