import { randomBytes } from 'node:crypto';
import type {
  ApiKey,
  ApiKeysListQuery,
  CreateApiKeyBody,
  CreatedApiKey,
  Page,
} from '@gestco/contract';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ActorContext, Principal } from '../../lib/request-context.ts';
import { randomToken, sameHash, sha256 } from '../../lib/tokens.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { ApiKeyRow, ApiKeysRepository } from './api-keys-repository.ts';

/** `gk_<8 hex prefix>_<43 chars of secret>`; the prefix finds the row, the hash proves the key. */
const KEY_PATTERN = /^(gk_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;
export const isApiKeyToken = (token: string) => token.startsWith('gk_');

const toWire = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  createdAt: row.createdAt.toISOString(),
  createdBy: row.createdBy,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});
const auditView = (row: ApiKeyRow) => ({
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  revoked: !!row.revokedAt,
});

export function createApiKeysService(deps: {
  db: Database;
  apiKeysRepository: ApiKeysRepository;
  auditService: Pick<AuditService, 'record'>;
}) {
  const { db, apiKeysRepository: repo, auditService } = deps;

  return {
    async list(query: ApiKeysListQuery): Promise<Page<ApiKey>> {
      const page = await repo.list(query);
      return { ...page, items: page.items.map(toWire) };
    },

    async create(actor: ActorContext, body: CreateApiKeyBody): Promise<CreatedApiKey> {
      if (body.expiresAt && Date.parse(body.expiresAt) <= Date.now()) {
        throw new AppError('VALIDATION_FAILED', 'expiresAt must be in the future.', {
          errors: [{ path: '/expiresAt', message: 'must be in the future' }],
        });
      }
      const prefix = `gk_${randomBytes(4).toString('hex')}`;
      const secret = `${prefix}_${randomToken(32)}`;
      return db.transaction(async (tx) => {
        const id = await repo.insert(
          {
            name: body.name.trim(),
            prefix,
            secretHash: sha256(secret),
            scopes: [...body.scopes].sort(),
            createdBy: actor.actorType === 'user' ? actor.actorId : null,
            expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
          },
          tx,
        );
        const row = await repo.findById(id, tx);
        if (!row) throw new Error('api key vanished after insert');
        await auditService.record(
          actor,
          { action: 'api_key.create', entity: 'api_key', entityId: id, after: auditView(row) },
          tx,
        );
        return { apiKey: toWire(row), secret };
      });
    },

    async revoke(actor: ActorContext, id: number): Promise<ApiKey> {
      return db.transaction(async (tx) => {
        const before = await repo.findById(id, tx);
        if (!before) throw new AppError('API_KEY_NOT_FOUND', `API key ${id} does not exist.`);
        if (before.revokedAt) return toWire(before);
        await repo.revoke(id, tx);
        const after = (await repo.findById(id, tx))!;
        await auditService.record(
          actor,
          {
            action: 'api_key.revoke',
            entity: 'api_key',
            entityId: id,
            before: auditView(before),
            after: auditView(after),
          },
          tx,
        );
        return toWire(after);
      });
    },

    /** Resolves `Authorization: Bearer gk_…`. Write scope acts as an operator, read scope as a viewer. */
    async authenticate(token: string): Promise<Principal> {
      const match = KEY_PATTERN.exec(token);
      const row = match?.[1] ? await repo.findByPrefix(match[1]) : undefined;
      const valid =
        row &&
        sameHash(row.secretHash, sha256(token)) &&
        !row.revokedAt &&
        (!row.expiresAt || row.expiresAt.getTime() > Date.now());
      if (!row || !valid)
        throw new AppError('API_KEY_INVALID', 'The API key is unknown, revoked or expired.');
      if (!row.lastUsedAt || row.lastUsedAt.getTime() < Date.now() - 60_000)
        await repo.touch(row.id);
      return {
        type: 'api_key',
        id: row.id,
        label: `${row.name} (${row.prefix})`,
        scopes: row.scopes,
        role: row.scopes.includes('write') ? 'operator' : 'viewer',
      };
    },
  };
}
export type ApiKeysService = ReturnType<typeof createApiKeysService>;
