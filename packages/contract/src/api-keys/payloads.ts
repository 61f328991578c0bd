import Type, { type Static } from 'typebox';
import { ListQueryBase, Timestamp } from '../common/schemas.ts';
import { ApiKeyScopeSchema } from './entities.ts';

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(ApiKeyScopeSchema, { minItems: 1, maxItems: 2, uniqueItems: true }),
    expiresAt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;

export const ApiKeysListQuery = Type.Object(
  { ...ListQueryBase, includeRevoked: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type ApiKeysListQuery = Static<typeof ApiKeysListQuery>;
