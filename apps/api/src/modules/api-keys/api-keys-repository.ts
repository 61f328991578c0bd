import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { apiKeys } from '../../db/schema/api-keys.ts';
import { cappedCount, DEFAULT_LIMIT, keyset, toPage } from '../../lib/pagination.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export function createApiKeysRepository(db: Executor) {
  return {
    async insert(row: typeof apiKeys.$inferInsert, tx: Executor = db) {
      const [result] = await tx.insert(apiKeys).values(row);
      return result.insertId;
    },
    async findById(id: number, tx: Executor = db) {
      const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id));
      return row;
    },
    async findByPrefix(prefix: string) {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
      return row;
    },
    async revoke(id: number, tx: Executor) {
      const [result] = await tx
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
      return result.affectedRows;
    },
    /** At most one write a minute per key, so busy integrations do not write on every call. */
    async touch(id: number) {
      const now = new Date();
      await db
        .update(apiKeys)
        .set({ lastUsedAt: now })
        .where(
          and(
            eq(apiKeys.id, id),
            or(
              isNull(apiKeys.lastUsedAt),
              lt(apiKeys.lastUsedAt, new Date(now.getTime() - 60_000)),
            ),
          ),
        );
    },
    async list(query: { limit?: number; cursor?: string; includeRevoked?: boolean }) {
      const where = query.includeRevoked ? undefined : isNull(apiKeys.revokedAt);
      const limit = query.limit ?? DEFAULT_LIMIT;
      const page = keyset(
        { column: apiKeys.id, id: apiKeys.id, descending: true, kind: 'number' },
        query.cursor,
      );
      const rows = await db
        .select()
        .from(apiKeys)
        .where(and(where, page.where))
        .orderBy(...page.orderBy)
        .limit(limit + 1);
      return {
        ...toPage(rows, limit, (r) => [r.id, r.id]),
        total: await cappedCount(db, apiKeys, where),
      };
    },
  };
}
export type ApiKeysRepository = ReturnType<typeof createApiKeysRepository>;
