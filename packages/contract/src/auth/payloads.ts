import Type, { type Static } from 'typebox';
import { Locale, Version } from '../common/schemas.ts';
import { User } from '../users/entities.ts';

export const LoginBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const TokenResponse = Type.Object({
  accessToken: Type.String(),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
  user: User,
});
export type TokenResponse = Static<typeof TokenResponse>;

export const UpdateMeBody = Type.Object(
  {
    version: Version,
    locale: Type.Optional(Locale),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  },
  { additionalProperties: false },
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;
