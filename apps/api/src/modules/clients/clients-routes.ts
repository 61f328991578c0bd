import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  Client,
  ClientLookupQuery,
  ClientNote,
  ClientsListQuery,
  CreateClientBody,
  CreateNoteBody,
  IdParams,
  NoteParams,
  Page,
  ROLES,
  UpdateClientBody,
  UpdateNoteBody,
  VersionBody,
  atLeast,
} from '@gestco/contract';
import { actorOf } from '../../lib/request-context.ts';
import type { ClientsService } from './clients-service.ts';

const read = { access: { roles: ROLES } };
const write = { access: { roles: atLeast('operator') } };
const remove = { access: { roles: atLeast('manager') } };
const tags = ['clients'];

export const clientsRoutes: FastifyPluginAsyncTypebox<{ clientsService: ClientsService }> = async (
  app,
  { clientsService: clients },
) => {
  app.get(
    '/clients',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listClients',
        summary: 'Find clients by name, email, phone (any format) or code; filter and page',
        querystring: ClientsListQuery,
        response: { 200: Page(Client) },
      },
    },
    (request) => clients.list(request.query),
  );

  app.get(
    '/clients/lookup',
    {
      config: read,
      schema: {
        tags,
        operationId: 'lookupClientByPhone',
        summary:
          'The active client with this phone number (order desk autofill), or the client with this code',
        querystring: ClientLookupQuery,
        response: { 200: Client },
      },
    },
    (request) => clients.lookup(request.query),
  );

  app.post(
    '/clients',
    {
      config: write,
      schema: {
        tags,
        operationId: 'createClient',
        summary: 'Create a client or prospect (409 with existingId if the email or phone is taken)',
        body: CreateClientBody,
        response: { 201: Client },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await clients.create(actorOf(request), request.body)),
  );

  app.get(
    '/clients/:id',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getClient',
        summary: 'One client',
        params: IdParams,
        response: { 200: Client },
      },
    },
    (request) => clients.get(request.params.id),
  );

  app.patch(
    '/clients/:id',
    {
      config: write,
      schema: {
        tags,
        operationId: 'updateClient',
        summary: 'Change a client (send the version you read; 409 when stale)',
        params: IdParams,
        body: UpdateClientBody,
        response: { 200: Client },
      },
    },
    (request) => clients.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/clients/:id',
    {
      config: remove,
      schema: {
        tags,
        operationId: 'deleteClient',
        summary: 'Delete a client without orders (archive the others)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await clients.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/clients/:id/convert',
    {
      config: write,
      schema: {
        tags,
        operationId: 'convertProspect',
        summary: 'Make a prospect a current client (recorded with who and when)',
        params: IdParams,
        body: VersionBody,
        response: { 200: Client },
      },
    },
    (request) => clients.convert(actorOf(request), request.params.id, request.body.version),
  );

  for (const archived of [true, false]) {
    app.post(
      `/clients/:id/${archived ? 'archive' : 'unarchive'}`,
      {
        config: write,
        schema: {
          tags,
          operationId: archived ? 'archiveClient' : 'unarchiveClient',
          summary: archived
            ? 'Archive a client (hidden from lists, kept with its orders)'
            : 'Bring an archived client back',
          params: IdParams,
          body: VersionBody,
          response: { 200: Client },
        },
      },
      (request) =>
        clients.setArchived(actorOf(request), request.params.id, request.body.version, archived),
    );
  }

  app.get(
    '/clients/:id/notes',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listClientNotes',
        summary: 'Notes, high priority first, then medium, then none; newest first within each',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ClientNote) }) },
      },
    },
    (request) => clients.listNotes(request.params.id),
  );

  app.post(
    '/clients/:id/notes',
    {
      config: write,
      schema: {
        tags,
        operationId: 'createClientNote',
        summary: 'Add a note',
        params: IdParams,
        body: CreateNoteBody,
        response: { 201: ClientNote },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await clients.addNote(actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/clients/:id/notes/:noteId',
    {
      config: write,
      schema: {
        tags,
        operationId: 'updateClientNote',
        summary: 'Edit a note',
        params: NoteParams,
        body: UpdateNoteBody,
        response: { 200: ClientNote },
      },
    },
    (request) =>
      clients.updateNote(actorOf(request), request.params.id, request.params.noteId, request.body),
  );

  app.delete(
    '/clients/:id/notes/:noteId',
    {
      config: write,
      schema: {
        tags,
        operationId: 'deleteClientNote',
        summary: 'Delete a note',
        params: NoteParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await clients.deleteNote(actorOf(request), request.params.id, request.params.noteId);
      return reply.status(204).send(null);
    },
  );
};
