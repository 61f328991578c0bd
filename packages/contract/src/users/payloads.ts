import Type, { type Static } from 'typebox';
import { ListQueryBase, Version } from '../common/schemas.ts';
import { RoleSchema } from './entities.ts';

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({
  minLength: 10,
  maxLength: 200,
  description: 'At least 10 characters',
});
export const PersonName = Type.String({ minLength: 1, maxLength: 120 });

export const CreateUserBody = Type.Object(
  { email: Email, name: PersonName, role: RoleSchema, password: Password },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(PersonName),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ResetPasswordBody = Type.Object(
  { password: Password },
  { additionalProperties: false },
);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

export const UsersListQuery = Type.Object(
  {
    ...ListQueryBase,
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Search in name and email' })),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Enum(['name', '-name', 'createdAt', '-createdAt'])),
  },
  { additionalProperties: false },
);
export type UsersListQuery = Static<typeof UsersListQuery>;
