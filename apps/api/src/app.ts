import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { AppConfig } from './config/config.ts';
import { createDb, type DbHandle } from './db/client.ts';
import authPlugin from './plugins/auth.ts';
import { registerErrorHandlers } from './plugins/errors.ts';
import rateLimitPlugin from './plugins/rate-limit.ts';
import swaggerPlugin from './plugins/swagger.ts';
import webPlugin from './plugins/web.ts';
import { findUp } from './lib/find-up.ts';
import { createServices, type Services } from './services.ts';
import { inventoryRoutes } from './modules/inventory/inventory-routes.ts';
import { productsRoutes } from './modules/products/products-routes.ts';
import { suppliersRoutes } from './modules/suppliers/suppliers-routes.ts';
import { clientsRoutes } from './modules/clients/clients-routes.ts';
import { apiKeysRoutes } from './modules/api-keys/api-keys-routes.ts';
import { auditRoutes } from './modules/audit/audit-routes.ts';
import { authRoutes } from './modules/auth/auth-routes.ts';
import { healthRoutes } from './modules/health/health-routes.ts';
import { settingsRoutes } from './modules/settings/settings-routes.ts';
import { usersRoutes } from './modules/users/users-routes.ts';
import { couponsRoutes } from './modules/coupons/coupons-routes.ts';
import { ordersRoutes } from './modules/orders/orders-routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications-routes.ts';
import { scanRoutes } from './modules/scan/scan-routes.ts';
import { quickLinksRoutes } from './modules/quick-links/quick-links-routes.ts';
import { reportsRoutes } from './modules/reports/reports-routes.ts';
import { exportsRoutes } from './modules/exports/exports-routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    services: Services;
  }
}

export const BODY_LIMIT = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const defaultWebDist = findUp(import.meta.url, 'apps/web/dist') ?? path.resolve('apps/web/dist');

/**
 * Bodies are validated strictly (no coercion, unknown fields rejected, never
 * silently removed); query strings and params are coerced from text.
 */
function validatorCompiler() {
  const base = {
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  } as const;
  const strict = addFormats.default(new Ajv({ ...base, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...base, coerceTypes: 'array' }));
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema);
}

export async function buildApp(
  config: AppConfig,
  options: { db?: DbHandle; logger?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: [
              'req.headers.authorization',
              'req.headers.cookie',
              'res.headers["set-cookie"]',
            ],
            serializers: {
              // Quick-order tokens are credentials carried in the URL: never in the logs.
              req: (req: { method: string; url: string; ip?: string }) => ({
                method: req.method,
                url: req.url.replace(/(\/(?:q|quick-order)\/)[A-Za-z0-9_-]+/, '$1[token]'),
                remoteAddress: req.ip,
              }),
            },
          },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler());
  // JSON only: a text/plain body is answered 415, not half-parsed as a string.
  app.removeContentTypeParser('text/plain');
  registerErrorHandlers(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const db = options.db ?? createDb(config.databaseUrl, config.databasePoolSize);
  if (!options.db) app.addHook('onClose', async () => db.close());
  const services = createServices(db.db, config);
  app.decorate('config', config);
  app.decorate('services', services);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:', 'blob:', 'https:'],
        'connect-src': ["'self'"],
      },
    },
  });
  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
  });
  // gzip for JSON, the SPA's assets and exports (phones on slow links: the quick-order page).
  await app.register(compress, { encodings: ['gzip'], threshold: 1024 });
  await app.register(cookie);
  await app.register(rateLimitPlugin, { redisUrl: config.redisUrl });
  await app.register(swaggerPlugin, { publicUrl: config.publicUrl });
  await app.register(authPlugin, {
    jwtSecret: config.jwtSecret,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    resolveUser: (id) => services.usersService.findActive(id),
    resolveApiKey: (token) => services.apiKeysService.authenticate(token),
  });
  services.bindTokenSigner((claims) => app.jwt.sign(claims));

  await app.register(healthRoutes, { prefix: '/api', db: db.db });
  await app.register(
    async (v1) => {
      await v1.register(authRoutes, {
        authService: services.authService,
        usersService: services.usersService,
        secureCookies: config.publicUrl.startsWith('https://'),
        loginMaxPerIp: config.loginMaxPerIp,
        loginMaxPerAccount: config.loginMaxPerAccount,
      });
      await v1.register(usersRoutes, { usersService: services.usersService });
      await v1.register(apiKeysRoutes, { apiKeysService: services.apiKeysService });
      await v1.register(auditRoutes, { auditService: services.auditService });
      await v1.register(settingsRoutes, { settingsService: services.settingsService });
      await v1.register(clientsRoutes, { clientsService: services.clientsService });
      await v1.register(productsRoutes, { productsService: services.productsService });
      await v1.register(suppliersRoutes, { suppliersService: services.suppliersService });
      await v1.register(inventoryRoutes, { inventoryService: services.inventoryService });
      await v1.register(ordersRoutes, {
        ordersService: services.ordersService,
        idempotencyService: services.idempotencyService,
      });
      await v1.register(couponsRoutes, { couponsService: services.couponsService });
      await v1.register(notificationsRoutes, {
        notificationsService: services.notificationsService,
      });
      await v1.register(scanRoutes, { scanService: services.scanService });
      await v1.register(quickLinksRoutes, {
        quickLinksService: services.quickLinksService,
        idempotencyService: services.idempotencyService,
        limits: config.quickOrder,
      });
      await v1.register(reportsRoutes, { reportsService: services.reportsService });
      await v1.register(exportsRoutes, { exportsService: services.exportsService });
    },
    { prefix: '/api/v1' },
  );

  await app.register(webPlugin, { root: config.webDist ?? defaultWebDist });
  return app;
}
