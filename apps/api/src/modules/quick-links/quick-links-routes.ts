import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  CreateQuickLinkBody,
  CreatedQuickLink,
  IdParams,
  PublicOrderBody,
  PublicOrderHeaders,
  PublicOrderResult,
  PublicQuickOrderPage,
  QuickLink,
  QuickLinkParams,
  QuickOrderParams,
  ROLES,
  RegenerateQuickLinkBody,
  SendQuickLinkBody,
  atLeast,
} from '@gestco/contract';
import { AppError } from '../../lib/app-error.ts';
import { actorOf } from '../../lib/request-context.ts';
import type { IdempotencyService } from '../idempotency/idempotency-service.ts';
import type { QuickLinksService } from './quick-links-service.ts';

const read = { access: { roles: ROLES } };
const write = { access: { roles: atLeast('operator') } };
const publicAccess = { access: 'public' as const };
const problem = (description: string) => ({ $ref: 'Problem#', description });

export interface QuickOrderLimits {
  /** Page views per minute, per IP and per token. */
  readsPerMinute: number;
  /** Orders per hour, per IP and per token. */
  ordersPerHour: number;
}

export const quickLinksRoutes: FastifyPluginAsyncTypebox<{
  quickLinksService: QuickLinksService;
  idempotencyService: IdempotencyService;
  limits: QuickOrderLimits;
}> = async (app, { quickLinksService: links, idempotencyService, limits }) => {
  // ---- staff -------------------------------------------------------------
  app.get(
    '/clients/:id/quick-links',
    {
      config: read,
      schema: {
        tags: ['quick-links'],
        operationId: 'listQuickLinks',
        summary: "The client's quick-order links (newest first), with last use and order count",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(QuickLink) }) },
      },
    },
    (request) => links.list(request.params.id),
  );

  app.post(
    '/clients/:id/quick-links',
    {
      config: write,
      schema: {
        tags: ['quick-links'],
        operationId: 'createQuickLink',
        summary: 'Make a personal no-login ordering link; the URL is in this answer only',
        params: IdParams,
        body: CreateQuickLinkBody,
        response: {
          201: CreatedQuickLink,
          409: problem('Archived client, or `send` for a client without email'),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await links.create(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/quick-links/:id/revoke',
    {
      config: write,
      schema: {
        tags: ['quick-links'],
        operationId: 'revokeQuickLink',
        summary: 'Stop a link at once (idempotent)',
        params: QuickLinkParams,
        response: { 200: QuickLink },
      },
    },
    (request) => links.revoke(actorOf(request), request.params.id),
  );

  app.post(
    '/quick-links/:id/regenerate',
    {
      config: write,
      schema: {
        tags: ['quick-links'],
        operationId: 'regenerateQuickLink',
        summary: 'Revoke a link and make a new one with the same label and expiry',
        params: QuickLinkParams,
        body: RegenerateQuickLinkBody,
        response: {
          201: CreatedQuickLink,
          409: problem('The link is revoked, or the client archived'),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await links.regenerate(actorOf(request), request.params.id, request.body.send ?? false),
        ),
  );

  app.post(
    '/quick-links/:id/send',
    {
      config: write,
      schema: {
        tags: ['quick-links'],
        operationId: 'sendQuickLink',
        summary: 'Email the link just made to the client (through the outbox)',
        params: QuickLinkParams,
        body: SendQuickLinkBody,
        response: {
          202: Type.Object({ queuedEmails: Type.Integer({ minimum: 0 }) }),
          409: problem('The link is revoked or expired, or the client has no email'),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await links.send(actorOf(request), request.params.id, request.body.token)),
  );

  // ---- public ------------------------------------------------------------
  const tokenOf = (r: FastifyRequest) => (r.params as { token?: string }).token ?? '';
  const limiter = (name: string, max: number, timeWindow: number) => [
    app.createRateLimit({ max, timeWindow, keyGenerator: (r) => `${name}-ip:${r.ip}` }),
    app.createRateLimit({
      max,
      timeWindow,
      keyGenerator: (r) => `${name}-token:${links.hashToken(tokenOf(r))}`,
    }),
  ];
  const check = (checks: ReturnType<typeof limiter>) => async (request: FastifyRequest) => {
    for (const limit of checks) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) {
        throw new AppError(
          'RATE_LIMITED',
          `Too many requests; retry in ${result.ttlInSeconds} s.`,
          {
            headers: { 'retry-after': String(result.ttlInSeconds) },
          },
        );
      }
    }
  };
  const readLimits = check(limiter('qo-read', limits.readsPerMinute, 60_000));
  const orderLimits = check(limiter('qo-order', limits.ordersPerHour, 3_600_000));

  app.get(
    '/public/quick-order/:token',
    {
      config: publicAccess,
      preHandler: readLimits,
      schema: {
        tags: ['public'],
        operationId: 'getQuickOrderPage',
        summary:
          "A client's ordering page: business, the client's language and currency, the catalogue at their prices",
        params: QuickOrderParams,
        response: {
          200: PublicQuickOrderPage,
          404: problem('Unknown, revoked or expired link (always the same answer)'),
          429: problem('Too many requests from this address or for this link'),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      reply.header('referrer-policy', 'no-referrer');
      return links.page(request.params.token);
    },
  );

  app.post(
    '/public/quick-order/:token/orders',
    {
      config: publicAccess,
      preHandler: orderLimits,
      schema: {
        tags: ['public'],
        operationId: 'placeQuickOrder',
        summary: 'Order through the link: priced on the server, pending, the client and staff told',
        description: '`Idempotency-Key` is required: a retried submit returns the same order.',
        params: QuickOrderParams,
        headers: PublicOrderHeaders,
        body: PublicOrderBody,
        response: {
          201: PublicOrderResult,
          200: { ...PublicOrderResult, description: 'A replay for this Idempotency-Key' },
          404: problem('Unknown, revoked or expired link'),
          409: problem('A product is no longer for sale, or the same key is still running'),
          422: problem('Idempotency-Key reused with another body'),
          429: problem('Too many orders from this address or for this link'),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const token = request.params.token;
      // Resolve before claiming the key: a dead link answers 404 and leaves nothing behind.
      const { link } = await links.resolveForOrder(token);
      const result = await idempotencyService.run(
        {
          principal: `quick_link:${link.id}`,
          route: 'POST /public/quick-order/orders',
          idemKey: request.headers['idempotency-key'],
        },
        request.body,
        async () => ({
          status: 201,
          body: await links.placeOrder(token, request.body, request.ip, request.id),
        }),
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status as 201).send(result.body);
    },
  );
};
