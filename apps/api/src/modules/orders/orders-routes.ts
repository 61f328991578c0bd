import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  BulkBody,
  BulkResult,
  CreateOrderBody,
  CreateSavedViewBody,
  IdParams,
  ManualEmailBody,
  Order,
  OrderEvent,
  OrderFilters,
  OrderLookupQuery,
  OrderNoteBody,
  OrderOptions,
  OrderPayment,
  OrderSummary,
  OrdersListQuery,
  CountedPage,
  PaymentBody,
  ROLES,
  RefundBody,
  SavedView,
  StatusChangeBody,
  StatusCounts,
  UpdateOrderBody,
  atLeast,
} from '@gestco/contract';
import { actorOf, principalOf } from '../../lib/request-context.ts';
import type { IdempotencyService } from '../idempotency/idempotency-service.ts';
import type { OrdersService } from './orders-service.ts';

const read = { access: { roles: ROLES } };
const write = { access: { roles: atLeast('operator') } };
const manage = { access: { roles: atLeast('manager') } };
/** Saved views belong to a person: not for API keys. */
const personal = { access: { roles: ROLES, apiKeys: false } };
const tags = ['orders'];
const problem = (description: string) => ({ $ref: 'Problem#', description });

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 255,
      description: 'Same key + same body replays the first answer (kept 48 h)',
    }),
  ),
});

const roleOf = (request: FastifyRequest) => principalOf(request).role;
const principalKey = (request: FastifyRequest) => {
  const p = principalOf(request);
  return `${p.type === 'user' ? 'user' : 'key'}:${p.id}`;
};

export const ordersRoutes: FastifyPluginAsyncTypebox<{
  ordersService: OrdersService;
  idempotencyService: IdempotencyService;
}> = async (app, { ordersService: orders, idempotencyService }) => {
  app.get(
    '/orders/options',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getOrderOptions',
        summary:
          'Payment and shipping methods, carriers, tags, operators, VAT rates for order forms',
        response: { 200: OrderOptions },
      },
    },
    () => orders.options(),
  );

  app.get(
    '/orders',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listOrders',
        summary: 'Find orders by any combination of filters (keyset pages, newest first)',
        querystring: OrdersListQuery,
        response: { 200: CountedPage(OrderSummary) },
      },
    },
    (request) => orders.list(request.query),
  );

  app.get(
    '/orders/status-counts',
    {
      config: read,
      schema: {
        tags,
        operationId: 'countOrdersByStatus',
        summary: 'Orders per status for a filter (the status tabs)',
        querystring: OrderFilters,
        response: { 200: StatusCounts },
      },
    },
    (request) => orders.statusCounts(request.query),
  );

  app.get(
    '/orders/lookup',
    {
      config: read,
      schema: {
        tags,
        operationId: 'lookupOrder',
        summary: 'The order with this exact reference (global search)',
        querystring: OrderLookupQuery,
        response: { 200: Order },
      },
    },
    (request) => orders.lookup(request.query.reference),
  );

  app.post(
    '/orders',
    {
      config: write,
      schema: {
        tags,
        operationId: 'createOrder',
        summary: 'Take an order for a client (or a new client from the billing data)',
        description:
          'Lines are priced by the server. Send `Idempotency-Key` so a retried or double-clicked submit makes one order.',
        headers: IdempotencyHeaders,
        body: CreateOrderBody,
        response: {
          201: Order,
          200: { ...Order, description: 'A replay of the first answer for this Idempotency-Key' },
          422: problem('Coupon not applicable, or Idempotency-Key reused with another body'),
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const run = async () => ({
        status: 201,
        body: await orders.create(actorOf(request), request.body),
      });
      if (!key) return reply.status(201).send((await run()).body);
      const result = await idempotencyService.run(
        { principal: principalKey(request), route: 'POST /orders', idemKey: key },
        request.body,
        run,
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status as 201).send(result.body);
    },
  );

  app.get(
    '/orders/:id',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getOrder',
        summary: 'One order with lines, totals and allowed next statuses',
        params: IdParams,
        response: { 200: Order },
      },
    },
    (request) => orders.get(request.params.id),
  );

  app.patch(
    '/orders/:id',
    {
      config: write,
      schema: {
        tags,
        operationId: 'updateOrder',
        summary: 'Edit an order until it is completed (send its version); each change is an event',
        description: 'Changing the lines of a shipped order needs a manager.',
        params: IdParams,
        body: UpdateOrderBody,
        response: { 200: Order, 422: problem('Coupon not applicable') },
      },
    },
    (request) =>
      orders.update(actorOf(request), request.params.id, request.body, { role: roleOf(request) }),
  );

  app.post(
    '/orders/:id/status',
    {
      config: write,
      schema: {
        tags,
        operationId: 'changeOrderStatus',
        summary: 'Move an order to its next status, with the stock rules',
        description:
          'pending → in_progress deducts the lines; cancelling a deducted order restores them; `stock: "skip"` (with a reason) touches nothing. 409 ILLEGAL_TRANSITION lists the allowed statuses; 409 INSUFFICIENT_STOCK the short products.',
        params: IdParams,
        body: StatusChangeBody,
        response: { 200: Order },
      },
    },
    (request) => orders.changeStatus(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/orders/:id/events',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listOrderEvents',
        summary: 'The timeline: creation, status changes, edits with before/after, notes, payments',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(OrderEvent) }) },
      },
    },
    (request) => orders.events(request.params.id),
  );

  app.post(
    '/orders/:id/notes',
    {
      config: write,
      schema: {
        tags,
        operationId: 'addOrderNote',
        summary: 'Add an internal note to the timeline (staff only)',
        params: IdParams,
        body: OrderNoteBody,
        response: { 201: OrderEvent },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await orders.addNote(actorOf(request), request.params.id, request.body.text)),
  );

  app.post(
    '/orders/:id/emails',
    {
      config: write,
      schema: {
        tags,
        operationId: 'sendOrderEmail',
        summary: 'Email the client about this order (manual template, through the outbox)',
        params: IdParams,
        body: ManualEmailBody,
        response: { 202: Type.Object({ queued: Type.Integer({ minimum: 1 }) }) },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await orders.sendEmail(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/orders/:id/payment-link',
    {
      config: write,
      schema: {
        tags,
        operationId: 'sendOrderPaymentLink',
        summary: 'Email the payment link again (unpaid orders; needs a payment URL template)',
        params: IdParams,
        response: { 202: Type.Object({ queued: Type.Integer({ minimum: 1 }) }) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await orders.sendPaymentLink(actorOf(request), request.params.id)),
  );

  app.get(
    '/orders/:id/payments',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listOrderPayments',
        summary: 'Payments and refunds recorded on an order',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(OrderPayment) }) },
      },
    },
    (request) => orders.payments(request.params.id),
  );

  app.post(
    '/orders/:id/payments',
    {
      config: write,
      schema: {
        tags,
        operationId: 'addOrderPayment',
        summary: 'Record a payment (method, date, amount, reference)',
        params: IdParams,
        body: PaymentBody,
        response: { 200: Order },
      },
    },
    (request) => orders.addPayment(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/orders/:id/refunds',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'addOrderRefund',
        summary: 'Record a refund (≤ what was paid), optionally putting chosen lines back in stock',
        params: IdParams,
        body: RefundBody,
        response: { 200: Order, 422: problem('REFUND_EXCEEDS_PAID') },
      },
    },
    (request) => orders.addRefund(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/orders/bulk',
    {
      config: write,
      schema: {
        tags,
        operationId: 'bulkUpdateOrders',
        summary: 'Change status, tag or assign many orders; reports each failure',
        body: BulkBody,
        response: { 200: BulkResult },
      },
    },
    (request) => orders.bulk(actorOf(request), request.body, { role: roleOf(request) }),
  );

  app.get(
    '/order-views',
    {
      config: personal,
      schema: {
        tags,
        operationId: 'listSavedOrderViews',
        summary: 'My saved filters of the orders list',
        response: { 200: Type.Object({ items: Type.Array(SavedView) }) },
      },
    },
    (request) => orders.views.list(principalOf(request).id),
  );

  app.post(
    '/order-views',
    {
      config: personal,
      schema: {
        tags,
        operationId: 'createSavedOrderView',
        summary: 'Save the current filters under a name',
        body: CreateSavedViewBody,
        response: { 201: SavedView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await orders.views.create(principalOf(request).id, request.body)),
  );

  app.delete(
    '/order-views/:id',
    {
      config: personal,
      schema: {
        tags,
        operationId: 'deleteSavedOrderView',
        summary: 'Delete one of my saved views',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await orders.views.remove(principalOf(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
