import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { refreshTokens } from '../../db/schema/users.ts';

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export function createSessionsRepository(db: Executor) {
  return {
    async insert(row: typeof refreshTokens.$inferInsert, tx: Executor = db) {
      await tx.insert(refreshTokens).values(row);
    },
    async findByHash(tokenHash: string) {
      const [row] = await db
        .select()
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash));
      return row;
    },
    /** Marks a token used; 0 rows means someone else used or revoked it first. */
    async markRotated(id: number, tx: Executor) {
      const [result] = await tx
        .update(refreshTokens)
        .set({ rotatedAt: new Date() })
        .where(
          and(
            eq(refreshTokens.id, id),
            isNull(refreshTokens.rotatedAt),
            isNull(refreshTokens.revokedAt),
          ),
        );
      return result.affectedRows;
    },
    async revokeFamily(familyId: string, tx: Executor = db) {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
    },
    async revokeAllForUser(userId: number, tx: Executor = db) {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
    },
  };
}
export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
