import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiKey,
  ApiKeysListQuery,
  CreateApiKeyBody,
  CreatedApiKey,
  IdParams,
  Page,
} from '@gestco/contract';
import { actorOf } from '../../lib/request-context.ts';
import type { ApiKeysService } from './api-keys-service.ts';

const admin = { access: { roles: ['admin'] as const } };

export const apiKeysRoutes: FastifyPluginAsyncTypebox<{ apiKeysService: ApiKeysService }> = async (
  app,
  { apiKeysService },
) => {
  app.get(
    '/api-keys',
    {
      config: admin,
      schema: {
        tags: ['api-keys'],
        operationId: 'listApiKeys',
        summary: 'List integration API keys (secrets are never returned)',
        querystring: ApiKeysListQuery,
        response: { 200: Page(ApiKey) },
      },
    },
    (request) => apiKeysService.list(request.query),
  );

  app.post(
    '/api-keys',
    {
      config: admin,
      schema: {
        tags: ['api-keys'],
        operationId: 'createApiKey',
        summary: 'Create an API key; the secret is in this answer only',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await apiKeysService.create(actorOf(request), request.body)),
  );

  app.post(
    '/api-keys/:id/revoke',
    {
      config: admin,
      schema: {
        tags: ['api-keys'],
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key at once (idempotent)',
        params: IdParams,
        response: { 200: ApiKey },
      },
    },
    (request) => apiKeysService.revoke(actorOf(request), request.params.id),
  );
};
