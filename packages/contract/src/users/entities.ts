import Type, { type Static } from 'typebox';
import { Id, Locale, NullableTimestamp, Timestamp, Version } from '../common/schemas.ts';
import { ROLES } from '../auth/roles.ts';

export const RoleSchema = Type.Enum([...ROLES], {
  description: 'admin > manager > operator > viewer',
});

export const User = Type.Object(
  {
    id: Id,
    email: Type.String({ format: 'email' }),
    name: Type.String(),
    role: RoleSchema,
    active: Type.Boolean(),
    locale: Locale,
    lastLoginAt: NullableTimestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { title: 'User' },
);
export type User = Static<typeof User>;
