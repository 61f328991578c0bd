import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CreateSupplierBody,
  IdParams,
  Page,
  ROLES,
  Supplier,
  SuppliersListQuery,
  UpdateSupplierBody,
  VersionBody,
  atLeast,
} from '@gestco/contract';
import { actorOf } from '../../lib/request-context.ts';
import type { SuppliersService } from './suppliers-service.ts';

const read = { access: { roles: ROLES } };
const manage = { access: { roles: atLeast('manager') } };
const tags = ['suppliers'];

export const suppliersRoutes: FastifyPluginAsyncTypebox<{
  suppliersService: SuppliersService;
}> = async (app, { suppliersService: suppliers }) => {
  app.get(
    '/suppliers',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listSuppliers',
        summary: 'Suppliers by name',
        querystring: SuppliersListQuery,
        response: { 200: Page(Supplier) },
      },
    },
    (request) => suppliers.list(request.query),
  );
  app.post(
    '/suppliers',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'createSupplier',
        summary: 'Create a supplier',
        body: CreateSupplierBody,
        response: { 201: Supplier },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await suppliers.create(actorOf(request), request.body)),
  );
  app.get(
    '/suppliers/:id',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getSupplier',
        summary: 'One supplier',
        params: IdParams,
        response: { 200: Supplier },
      },
    },
    (request) => suppliers.get(request.params.id),
  );
  app.patch(
    '/suppliers/:id',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'updateSupplier',
        summary: 'Change a supplier (send its version)',
        params: IdParams,
        body: UpdateSupplierBody,
        response: { 200: Supplier },
      },
    },
    (request) => suppliers.update(actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/suppliers/:id',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'deleteSupplier',
        summary: 'Delete an unused supplier (archive the others)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await suppliers.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  for (const archived of [true, false]) {
    app.post(
      `/suppliers/:id/${archived ? 'archive' : 'unarchive'}`,
      {
        config: manage,
        schema: {
          tags,
          operationId: archived ? 'archiveSupplier' : 'unarchiveSupplier',
          summary: archived ? 'Archive a supplier' : 'Bring an archived supplier back',
          params: IdParams,
          body: VersionBody,
          response: { 200: Supplier },
        },
      },
      (request) =>
        suppliers.setArchived(actorOf(request), request.params.id, request.body.version, archived),
    );
  }
};
