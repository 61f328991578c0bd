import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CreateUserBody,
  IdParams,
  Page,
  ResetPasswordBody,
  UpdateUserBody,
  User,
  UsersListQuery,
} from '@gestco/contract';
import { actorOf } from '../../lib/request-context.ts';
import type { UsersService } from './users-service.ts';

const admin = { access: { roles: ['admin'] as const } };

export const usersRoutes: FastifyPluginAsyncTypebox<{ usersService: UsersService }> = async (
  app,
  { usersService },
) => {
  app.get(
    '/users',
    {
      config: admin,
      schema: {
        tags: ['users'],
        operationId: 'listUsers',
        summary: 'List staff accounts',
        querystring: UsersListQuery,
        response: { 200: Page(User) },
      },
    },
    (request) => usersService.list(request.query),
  );

  app.post(
    '/users',
    {
      config: admin,
      schema: {
        tags: ['users'],
        operationId: 'createUser',
        summary: 'Create a staff account with an initial password',
        body: CreateUserBody,
        response: { 201: User },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await usersService.create(actorOf(request), request.body)),
  );

  app.get(
    '/users/:id',
    {
      config: admin,
      schema: {
        tags: ['users'],
        operationId: 'getUser',
        summary: 'Get one staff account',
        params: IdParams,
        response: { 200: User },
      },
    },
    (request) => usersService.get(request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      config: admin,
      schema: {
        tags: ['users'],
        operationId: 'updateUser',
        summary: 'Change name, role or active flag (the last active admin cannot be removed)',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User },
      },
    },
    (request) => usersService.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/users/:id/password',
    {
      config: admin,
      schema: {
        tags: ['users'],
        operationId: 'resetUserPassword',
        summary: 'Set a new password and sign the user out everywhere',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await usersService.resetPassword(actorOf(request), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );
};
