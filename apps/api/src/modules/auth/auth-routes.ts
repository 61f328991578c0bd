import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.ts';
import Type from 'typebox';
import { LoginBody, ROLES, TokenResponse, UpdateMeBody, User } from '@gestco/contract';
import { actorOf, principalOf } from '../../lib/request-context.ts';
import type { UsersService } from '../users/users-service.ts';
import type { AuthService, IssuedSession } from './auth-service.ts';

export const REFRESH_COOKIE = 'gestco_refresh';
const COOKIE_PATH = '/api/v1/auth';

interface AuthRoutesOptions {
  authService: AuthService;
  usersService: UsersService;
  secureCookies: boolean;
  loginMaxPerIp: number;
  loginMaxPerAccount: number;
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, opts) => {
  const { authService, usersService } = opts;

  const sendSession = (reply: FastifyReply, session: IssuedSession) => {
    const { refreshToken, refreshExpiresAt, ...body } = session;
    reply.setCookie(REFRESH_COOKIE, refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.secureCookies,
      path: COOKIE_PATH,
      expires: refreshExpiresAt,
    });
    return body;
  };

  // Two limits: per IP (spraying many accounts) and per account (guessing one password).
  // Both count every attempt; createRateLimit lets one handler apply both.
  const perIp = app.createRateLimit({
    max: opts.loginMaxPerIp,
    timeWindow: 60_000,
    keyGenerator: (r) => `login-ip:${r.ip}`,
  });
  const perAccount = app.createRateLimit({
    max: opts.loginMaxPerAccount,
    timeWindow: 15 * 60_000,
    keyGenerator: (r) =>
      `login-account:${String((r.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
  });
  const loginLimits = async (request: FastifyRequest) => {
    for (const limit of [perIp, perAccount]) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) {
        throw new AppError(
          'RATE_LIMITED',
          `Too many sign-in attempts; retry in ${result.ttlInSeconds} s.`,
          {
            headers: { 'retry-after': String(result.ttlInSeconds) },
          },
        );
      }
    }
  };

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      preHandler: loginLimits,
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Sign in with email and password; sets the refresh cookie',
        body: LoginBody,
        response: { 200: TokenResponse },
      },
    },
    async (request, reply) =>
      sendSession(
        reply,
        await authService.login(actorOf(request), request.body.email, request.body.password),
      ),
  );

  app.post(
    '/auth/refresh',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        operationId: 'refreshSession',
        summary: 'Exchange the refresh cookie for a new access token (the cookie rotates)',
        response: { 200: TokenResponse, 401: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      try {
        return sendSession(
          reply,
          await authService.refresh(actorOf(request), request.cookies[REFRESH_COOKIE]),
        );
      } catch (error) {
        reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
        throw error;
      }
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'End the session of the refresh cookie',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await authService.logout(request.cookies[REFRESH_COOKIE]);
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: { roles: ROLES, apiKeys: false } },
      schema: {
        tags: ['auth'],
        operationId: 'getCurrentUser',
        summary: 'The signed-in user',
        response: { 200: User },
      },
    },
    (request) => usersService.get(principalOf(request).id),
  );

  app.patch(
    '/auth/me',
    {
      config: { access: { roles: ROLES, apiKeys: false } },
      schema: {
        tags: ['auth'],
        operationId: 'updateCurrentUser',
        summary: 'Change your own name or interface language',
        body: UpdateMeBody,
        response: { 200: User },
      },
    },
    (request) => usersService.updateSelf(actorOf(request), principalOf(request).id, request.body),
  );
};
