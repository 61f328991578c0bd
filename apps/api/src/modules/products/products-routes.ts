import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CatalogueOptions,
  CreateProductBody,
  IdParams,
  ListQueryBase,
  Page,
  Product,
  ProductsListQuery,
  ROLES,
  UpdateProductBody,
  VersionBody,
  atLeast,
} from '@gestco/contract';
import { actorOf } from '../../lib/request-context.ts';
import type { ProductsService } from './products-service.ts';

const read = { access: { roles: ROLES } };
const manage = { access: { roles: atLeast('manager') } };
const tags = ['products'];

export const productsRoutes: FastifyPluginAsyncTypebox<{
  productsService: ProductsService;
}> = async (app, { productsService: products }) => {
  app.get(
    '/catalogue/options',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getCatalogueOptions',
        summary: 'VAT rates, base currency and categories for product forms',
        response: { 200: CatalogueOptions },
      },
    },
    () => products.options(),
  );

  app.get(
    '/products',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listProducts',
        summary: 'Find products by SKU or name; filter by stock, supplier, category',
        querystring: ProductsListQuery,
        response: { 200: Page(Product) },
      },
    },
    (request) => products.list(request.query),
  );

  app.get(
    '/products/low-stock',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listLowStockProducts',
        summary: 'Tracked products with on hand ≤ reorder point, emptiest first',
        querystring: Type.Object({ ...ListQueryBase }, { additionalProperties: false }),
        response: { 200: Page(Product) },
      },
    },
    (request) => products.list({ ...request.query, lowStock: true }, { lowStockOrder: true }),
  );

  app.post(
    '/products',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'createProduct',
        summary: 'Create a product (409 SKU_TAKEN on a duplicate SKU)',
        body: CreateProductBody,
        response: { 201: Product },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await products.create(actorOf(request), request.body)),
  );

  app.get(
    '/products/:id',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getProduct',
        summary: 'One product with specs and suppliers',
        params: IdParams,
        response: { 200: Product },
      },
    },
    (request) => products.get(request.params.id),
  );

  app.patch(
    '/products/:id',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'updateProduct',
        summary: 'Change a product (send its version); `suppliers` replaces the list',
        params: IdParams,
        body: UpdateProductBody,
        response: { 200: Product },
      },
    },
    (request) => products.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/products/:id',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'deleteProduct',
        summary: 'Delete a product without stock history (archive the others)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await products.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  for (const archived of [true, false]) {
    app.post(
      `/products/:id/${archived ? 'archive' : 'unarchive'}`,
      {
        config: manage,
        schema: {
          tags,
          operationId: archived ? 'archiveProduct' : 'unarchiveProduct',
          summary: archived
            ? 'Archive a product (kept with its history, hidden from lists)'
            : 'Bring an archived product back',
          params: IdParams,
          body: VersionBody,
          response: { 200: Product },
        },
      },
      (request) =>
        products.setArchived(actorOf(request), request.params.id, request.body.version, archived),
    );
  }
};
