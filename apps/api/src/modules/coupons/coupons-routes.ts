import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  Coupon,
  CreateCouponBody,
  IdParams,
  ROLES,
  UpdateCouponBody,
  atLeast,
} from '@gestco/contract';
import { actorOf } from '../../lib/request-context.ts';
import type { CouponsService } from './coupons-service.ts';

const read = { access: { roles: ROLES } };
const manage = { access: { roles: atLeast('manager') } };
const tags = ['coupons'];
const problem = (description: string) => ({ $ref: 'Problem#', description });

export const couponsRoutes: FastifyPluginAsyncTypebox<{ couponsService: CouponsService }> = async (
  app,
  { couponsService: coupons },
) => {
  app.get(
    '/coupons',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listCoupons',
        summary: 'All coupons with their uses',
        response: { 200: Type.Object({ items: Type.Array(Coupon) }) },
      },
    },
    async () => ({ items: await coupons.list() }),
  );

  app.get(
    '/coupons/validate',
    {
      config: read,
      schema: {
        tags,
        operationId: 'validateCoupon',
        summary: 'The coupon behind a code if it applies now (for the order form)',
        querystring: Type.Object(
          { code: Type.String({ minLength: 1, maxLength: 40 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Coupon,
          422: problem('Unknown, inactive, not yet valid, expired or used up'),
        },
      },
    },
    async (request) =>
      coupons.toWire(
        await coupons.resolve(request.query.code, { consume: false, path: '/querystring/code' }),
      ),
  );

  app.post(
    '/coupons',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'createCoupon',
        summary: 'Create a coupon (percentage or fixed amount, dates, usage limit)',
        body: CreateCouponBody,
        response: { 201: Coupon },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await coupons.create(actorOf(request), request.body)),
  );

  app.patch(
    '/coupons/:id',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'updateCoupon',
        summary: 'Change a coupon (send its version)',
        params: IdParams,
        body: UpdateCouponBody,
        response: { 200: Coupon },
      },
    },
    (request) => coupons.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/coupons/:id',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'deleteCoupon',
        summary: 'Delete a coupon never used (deactivate used ones)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await coupons.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
