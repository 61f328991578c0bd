import { and, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { AuditListQuery } from '@gestco/contract';
import type { Executor } from '../../db/client.ts';
import { insertRows } from '../../db/driver-sql.ts';
import { auditLog } from '../../db/schema/audit.ts';
import { cappedCount, DEFAULT_LIMIT, keyset, toPage } from '../../lib/pagination.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

export function createAuditRepository(db: Executor) {
  return {
    async insert(row: NewAuditRow, tx: Executor = db) {
      await insertRows(tx, auditLog, [row]);
    },

    async list(query: AuditListQuery) {
      const filters: (SQL | undefined)[] = [
        query.actorType ? eq(auditLog.actorType, query.actorType) : undefined,
        query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
        query.entity ? eq(auditLog.entity, query.entity) : undefined,
        query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
        query.action ? eq(auditLog.action, query.action) : undefined,
        query.from ? gte(auditLog.createdAt, new Date(query.from)) : undefined,
        query.to ? lte(auditLog.createdAt, new Date(query.to)) : undefined,
      ];
      const where = and(...filters);
      const limit = query.limit ?? DEFAULT_LIMIT;
      // Newest first; ids grow with time, so the id alone is a stable keyset.
      const page = keyset(
        { column: auditLog.id, id: auditLog.id, descending: true, kind: 'number' },
        query.cursor,
      );
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(where, page.where))
        .orderBy(...page.orderBy)
        .limit(limit + 1);
      const total = await cappedCount(db, auditLog, where);
      return { ...toPage(rows, limit, (r) => [r.id, r.id]), total };
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
