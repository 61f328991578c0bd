import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdjustmentBody,
  AdjustmentResult,
  CreateStockReceiptBody,
  IdParams,
  MovementsListQuery,
  Page,
  ROLES,
  StockMovement,
  StockReceipt,
  StockReceiptsListQuery,
  atLeast,
} from '@gestco/contract';
import { actorOf } from '../../lib/request-context.ts';
import type { InventoryService } from './inventory-service.ts';

const read = { access: { roles: ROLES } };
const handle = { access: { roles: atLeast('operator') } };
const tags = ['inventory'];

export const inventoryRoutes: FastifyPluginAsyncTypebox<{
  inventoryService: InventoryService;
}> = async (app, { inventoryService: inventory }) => {
  app.post(
    '/products/:id/adjustments',
    {
      config: handle,
      schema: {
        tags,
        operationId: 'adjustStock',
        summary:
          'Adjust stock by a delta or to a counted quantity; the reason is required (409 INSUFFICIENT_STOCK below zero)',
        params: IdParams,
        body: AdjustmentBody,
        response: { 201: AdjustmentResult },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inventory.adjust(actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/products/:id/movements',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listStockMovements',
        summary: 'The stock ledger of a product, newest first',
        params: IdParams,
        querystring: MovementsListQuery,
        response: { 200: Page(StockMovement) },
      },
    },
    (request) => inventory.listMovements(request.params.id, request.query),
  );

  app.post(
    '/stock-receipts',
    {
      config: handle,
      schema: {
        tags,
        operationId: 'createStockReceipt',
        summary: 'Receive goods from a supplier into stock',
        body: CreateStockReceiptBody,
        response: { 201: StockReceipt },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inventory.receive(actorOf(request), request.body)),
  );

  app.get(
    '/stock-receipts',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listStockReceipts',
        summary: 'Receipts, newest first',
        querystring: StockReceiptsListQuery,
        response: { 200: Page(StockReceipt) },
      },
    },
    (request) => inventory.listReceipts(request.query),
  );

  app.get(
    '/stock-receipts/:id',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getStockReceipt',
        summary: 'One receipt with its lines',
        params: IdParams,
        response: { 200: StockReceipt },
      },
    },
    (request) => inventory.getReceipt(request.params.id),
  );
};
