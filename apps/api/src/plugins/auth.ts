import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '@gestco/contract';
import { AppError } from '../lib/app-error.ts';
import type { Principal } from '../lib/request-context.ts';

/**
 * Every route under /api declares who may call it in `config.access`:
 * 'public', or `{ roles, apiKeys? }`. A route without it fails at start-up,
 * so nothing can ship unprotected by omission.
 */
export type Access = 'public' | { roles: readonly Role[]; apiKeys?: boolean };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AuthPluginOptions {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  resolveUser: (id: number) => Promise<{ id: number; role: Role; email: string } | null>;
  resolveApiKey: (token: string) => Promise<Principal>;
}

const READ_METHODS = new Set(['GET', 'HEAD']);
const problemRef = { $ref: 'Problem#' };

async function authenticate(
  app: FastifyInstance,
  opts: AuthPluginOptions,
  request: FastifyRequest,
) {
  const header = request.headers.authorization;
  const match = header ? /^Bearer (\S+)$/i.exec(header) : null;
  if (!match?.[1])
    throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <access token or API key>.');
  const token = match[1];
  if (token.startsWith('gk_')) return opts.resolveApiKey(token);
  let claims: { sub?: unknown };
  try {
    claims = app.jwt.verify<{ sub?: unknown }>(token);
  } catch (error) {
    const code = String((error as { code?: string }).code ?? '');
    if (code.includes('EXPIRED'))
      throw new AppError('TOKEN_EXPIRED', 'The access token has expired; refresh it.');
    throw new AppError('TOKEN_INVALID', 'The access token is not valid.');
  }
  const id = Number(claims.sub);
  if (!Number.isInteger(id) || id < 1)
    throw new AppError('TOKEN_INVALID', 'The access token is not valid.');
  const user = await opts.resolveUser(id);
  if (!user)
    throw new AppError('ACCOUNT_DISABLED', 'This account is disabled or no longer exists.');
  return { type: 'user', id: user.id, role: user.role, label: user.email } satisfies Principal;
}

function authorize(principal: Principal, access: Exclude<Access, 'public'>, method: string) {
  if (principal.type === 'api_key') {
    if (access.apiKeys === false)
      throw new AppError('FORBIDDEN', 'This route is for signed-in staff, not API keys.');
    const needed = READ_METHODS.has(method) ? 'read' : 'write';
    if (
      !principal.scopes.includes(needed) &&
      !(needed === 'read' && principal.scopes.includes('write'))
    ) {
      throw new AppError('INSUFFICIENT_SCOPE', `This API key lacks the "${needed}" scope.`);
    }
  }
  if (!access.roles.includes(principal.role)) {
    throw new AppError(
      'FORBIDDEN',
      `This action needs one of the roles: ${access.roles.join(', ')}.`,
    );
  }
}

export default fp<AuthPluginOptions>(
  async (app, opts) => {
    await app.register(fastifyJwt, {
      secret: opts.jwtSecret,
      sign: { algorithm: 'HS256', expiresIn: opts.accessTokenTtlSeconds },
      // Pinned: tokens signed with any other algorithm (or "none") are refused.
      // Cached (fast-jwt's LRU, keyed by the token, expiry still checked): a token verified once
      // is not hashed again on each of the many requests it signs. Pure computation, nothing
      // another instance would need.
      verify: { algorithms: ['HS256'], cache: 1000 },
    });
    app.decorateRequest('principal', null);

    app.addHook('onRoute', (route: RouteOptions) => {
      if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
      const access = route.config?.access;
      if (!access)
        throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
      if (access === 'public') {
        // Explicitly open: documented as needing no credentials.
        (route.schema ??= {}).security = [];
        return;
      }
      const schema = (route.schema ??= {});
      schema.security =
        access.apiKeys === false ? [{ bearerAuth: [] }] : [{ bearerAuth: [] }, { apiKey: [] }];
      const responses = (schema.response ??= {}) as Record<string, unknown>;
      responses['401'] ??= {
        ...problemRef,
        description: 'Missing, invalid or expired credentials',
      };
      responses['403'] ??= {
        ...problemRef,
        description: `Allowed roles: ${access.roles.join(', ')}`,
      };
      schema.description = `${schema.description ? `${schema.description}\n\n` : ''}Roles: ${access.roles.join(', ')}${
        access.apiKeys === false ? ' (not with API keys)' : ''
      }.`;
      const guard = async (request: FastifyRequest) => {
        const principal = await authenticate(app, opts, request);
        authorize(principal, access, request.method);
        request.principal = principal;
      };
      const existing = route.onRequest;
      route.onRequest = existing
        ? [guard, ...(Array.isArray(existing) ? existing : [existing])]
        : [guard];
    });
  },
  { name: 'auth' },
);
