import Type, { type Static } from 'typebox';
import { Id, Nullable, NullableTimestamp, Timestamp } from '../common/schemas.ts';
import { API_KEY_SCOPES } from '../auth/roles.ts';

export const ApiKeyScopeSchema = Type.Enum([...API_KEY_SCOPES]);

export const ApiKey = Type.Object(
  {
    id: Id,
    name: Type.String(),
    prefix: Type.String({ description: 'Visible start of the key, e.g. gk_3f9a1c2b' }),
    scopes: Type.Array(ApiKeyScopeSchema),
    createdAt: Timestamp,
    createdBy: Nullable(Id),
    expiresAt: NullableTimestamp,
    lastUsedAt: NullableTimestamp,
    revokedAt: NullableTimestamp,
  },
  { title: 'ApiKey' },
);
export type ApiKey = Static<typeof ApiKey>;

export const CreatedApiKey = Type.Object({
  apiKey: ApiKey,
  secret: Type.String({ description: 'The whole key. Shown once; only its hash is stored.' }),
});
export type CreatedApiKey = Static<typeof CreatedApiKey>;
