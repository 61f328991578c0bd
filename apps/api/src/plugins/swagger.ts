import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { RouteOptions } from 'fastify';
import { Problem } from '@gestco/contract';

const ref = (description: string) => ({ $ref: 'Problem#', description });

/** OpenAPI 3.1 at /api/docs/json, Swagger UI at /api/docs. */
export default fp<{ publicUrl: string }>(
  async (app, opts) => {
    app.addSchema(Problem);

    // Error answers every route can give, documented once here.
    app.addHook('onRoute', (route: RouteOptions) => {
      if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
      const schema = (route.schema ??= {});
      const responses = (schema.response ??= {}) as Record<string, unknown>;
      const hasInput = schema.body || schema.querystring || schema.params;
      if (hasInput) responses['400'] ??= ref('Invalid input: `errors[]` names each field');
      if (schema.params) responses['404'] ??= ref('Not found');
      if (schema.body) responses['413'] ??= ref('Body larger than 1 MiB');
      if (['PATCH', 'PUT'].includes(String(route.method)) || schema.body)
        responses['409'] ??= ref('Conflict (stale version, duplicate, business rule)');
      if (route.preHandler) responses['429'] ??= ref('Rate limited; see Retry-After');
      responses['500'] ??= ref('Unexpected error; the body carries the request id only');
    });

    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Gestco API',
          version: '1.0.0',
          description:
            'Order desk and light CRM. Errors are application/problem+json (RFC 9457) with a stable `code`. ' +
            'Lists use keyset pagination: `limit`, `cursor`, `nextCursor`.',
          license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
        },
        servers: [{ url: opts.publicUrl, description: 'This installation' }],
        tags: [
          { name: 'auth', description: 'Sign in, sessions, the current user' },
          { name: 'users', description: 'Staff accounts (admin)' },
          { name: 'api-keys', description: 'Integration keys (admin)' },
          { name: 'audit', description: 'Audit log (admin)' },
          { name: 'settings', description: 'Company and general settings (admin)' },
          { name: 'clients', description: 'Clients and prospects, notes, phone lookup' },
          { name: 'products', description: 'Catalogue: products, specifications, supplier links' },
          { name: 'suppliers', description: 'Suppliers' },
          { name: 'inventory', description: 'Stock ledger: adjustments, receipts, movements' },
          {
            name: 'orders',
            description: 'Orders: desk, statuses, edits, payments, timeline, bulk',
          },
          { name: 'coupons', description: 'Discount coupons applied to orders' },
          {
            name: 'notifications',
            description: 'Order emails: outbox history, templates, retries',
          },
          { name: 'health', description: 'Liveness and readiness' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT',
              description: 'Staff access token from /api/v1/auth/login',
            },
            apiKey: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'gk_…',
              description: 'Integration API key, sent as `Authorization: Bearer gk_…`',
            },
          },
        },
      },
      refResolver: {
        buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`),
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true },
    });
  },
  { name: 'swagger' },
);
