import type { TokenResponse } from '@gestco/contract';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { toUserWire, type UsersService } from '../users/users-service.ts';
import type { SessionsRepository } from './sessions-repository.ts';

export interface AccessClaims {
  sub: string;
  role: string;
}

export interface IssuedSession extends TokenResponse {
  refreshToken: string;
  refreshExpiresAt: Date;
}

export function createAuthService(deps: {
  db: Database;
  sessionsRepository: SessionsRepository;
  usersService: UsersService;
  auditService: Pick<AuditService, 'record'>;
  signAccessToken: (claims: AccessClaims) => string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}) {
  const { db, sessionsRepository: sessions, usersService, auditService } = deps;

  async function issue(
    userId: number,
    familyId: string,
    tx: Parameters<SessionsRepository['insert']>[1],
  ) {
    const refreshToken = randomToken(32);
    const refreshExpiresAt = new Date(Date.now() + deps.refreshTokenTtlDays * 86_400_000);
    await sessions.insert(
      { userId, familyId, tokenHash: sha256(refreshToken), expiresAt: refreshExpiresAt },
      tx,
    );
    return { refreshToken, refreshExpiresAt };
  }

  const userActor = (base: ActorContext, user: { id: number; email: string }): ActorContext => ({
    ...base,
    actorType: 'user',
    actorId: user.id,
    actorLabel: user.email,
  });

  return {
    async login(context: ActorContext, email: string, password: string): Promise<IssuedSession> {
      const row = await usersService.checkCredentials(email, password);
      // Disabled accounts get the same answer as a wrong password: nothing to probe.
      if (!row || !row.active)
        throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect.');
      const issued = await db.transaction(async (tx) => {
        const tokens = await issue(row.id, randomToken(24).slice(0, 32), tx);
        await auditService.record(
          userActor(context, row),
          { action: 'auth.login', entity: 'user', entityId: row.id },
          tx,
        );
        return tokens;
      });
      await usersService.touchLastLogin(row.id);
      const fresh = (await usersService.findRow(row.id)) ?? row;
      return {
        accessToken: deps.signAccessToken({ sub: String(row.id), role: row.role }),
        expiresIn: deps.accessTokenTtlSeconds,
        user: toUserWire(fresh),
        ...issued,
      };
    },

    /** Rotates the refresh token; a token presented twice revokes its whole family. */
    async refresh(context: ActorContext, presented: string | undefined): Promise<IssuedSession> {
      if (!presented) throw new AppError('REFRESH_TOKEN_INVALID', 'No session; sign in again.');
      const token = await sessions.findByHash(sha256(presented));
      if (!token || token.revokedAt || token.expiresAt.getTime() <= Date.now()) {
        throw new AppError('REFRESH_TOKEN_INVALID', 'The session has ended; sign in again.');
      }
      if (token.rotatedAt) {
        await db.transaction(async (tx) => {
          await sessions.revokeFamily(token.familyId, tx);
          await auditService.record(
            {
              ...context,
              actorType: 'user',
              actorId: token.userId,
              actorLabel: `user:${token.userId}`,
            },
            {
              action: 'auth.refresh_reuse',
              entity: 'user',
              entityId: token.userId,
              after: { familyRevoked: true },
            },
            tx,
          );
        });
        throw new AppError(
          'REFRESH_TOKEN_REUSED',
          'This session was used elsewhere and has been closed; sign in again.',
        );
      }
      const user = await usersService.findRow(token.userId);
      if (!user || !user.active) {
        await sessions.revokeFamily(token.familyId);
        throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');
      }
      const issued = await db.transaction(async (tx) => {
        if ((await sessions.markRotated(token.id, tx)) === 0) {
          throw new AppError(
            'REFRESH_TOKEN_INVALID',
            'The session was refreshed concurrently; sign in again.',
          );
        }
        return issue(user.id, token.familyId, tx);
      });
      return {
        accessToken: deps.signAccessToken({ sub: String(user.id), role: user.role }),
        expiresIn: deps.accessTokenTtlSeconds,
        user: toUserWire(user),
        ...issued,
      };
    },

    async logout(presented: string | undefined) {
      if (!presented) return;
      const token = await sessions.findByHash(sha256(presented));
      if (token) await sessions.revokeFamily(token.familyId);
    },

    revokeAllForUser: (userId: number, tx: Parameters<SessionsRepository['revokeAllForUser']>[1]) =>
      sessions.revokeAllForUser(userId, tx),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
