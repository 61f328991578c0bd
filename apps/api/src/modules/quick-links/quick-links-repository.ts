import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { quickLinks } from '../../db/schema/quick-links.ts';
import { users } from '../../db/schema/users.ts';

export type QuickLinkRow = typeof quickLinks.$inferSelect;

export function createQuickLinksRepository(db: Database) {
  return {
    async insert(row: typeof quickLinks.$inferInsert, tx: Executor) {
      const [result] = await tx.insert(quickLinks).values(row);
      return result.insertId;
    },

    async findById(id: number, tx: Executor = db, forUpdate = false) {
      const q = tx.select().from(quickLinks).where(eq(quickLinks.id, id));
      const [row] = await (forUpdate ? q.for('update') : q);
      return row;
    },

    async findByHash(tokenHash: string) {
      const [row] = await db.select().from(quickLinks).where(eq(quickLinks.tokenHash, tokenHash));
      return row;
    },

    async listByClient(clientId: number, tx: Executor = db) {
      return tx
        .select({ link: quickLinks, createdByName: users.name })
        .from(quickLinks)
        .leftJoin(users, eq(users.id, quickLinks.createdBy))
        .where(eq(quickLinks.clientId, clientId))
        .orderBy(desc(quickLinks.id))
        .limit(100);
    },

    async withCreator(id: number, tx: Executor = db) {
      const [row] = await tx
        .select({ link: quickLinks, createdByName: users.name })
        .from(quickLinks)
        .leftJoin(users, eq(users.id, quickLinks.createdBy))
        .where(eq(quickLinks.id, id));
      return row;
    },

    async revoke(id: number, by: number | null, replacedById: number | null, tx: Executor) {
      await tx
        .update(quickLinks)
        .set({ revokedAt: new Date(), revokedBy: by, replacedById, updatedAt: new Date() })
        .where(and(eq(quickLinks.id, id), isNull(quickLinks.revokedAt)));
    },

    /** Last use, written at most once a minute per link (a page view is not worth a write each). */
    async touch(id: number) {
      await db
        .update(quickLinks)
        .set({ lastUsedAt: new Date() })
        .where(
          and(
            eq(quickLinks.id, id),
            or(
              isNull(quickLinks.lastUsedAt),
              lt(quickLinks.lastUsedAt, sql`NOW(3) - INTERVAL 1 MINUTE`),
            ),
          ),
        );
    },

    async countOrder(id: number, tx: Executor) {
      await tx
        .update(quickLinks)
        .set({ orderCount: sql`${quickLinks.orderCount} + 1`, lastUsedAt: new Date() })
        .where(eq(quickLinks.id, id));
    },
  };
}
export type QuickLinksRepository = ReturnType<typeof createQuickLinksRepository>;
