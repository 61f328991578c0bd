import { and, count, eq, inArray, isNotNull, isNull, like, type SQL } from 'drizzle-orm';
import type { SuppliersListQuery } from '@gestco/contract';
import type { Executor } from '../../db/client.ts';
import { productSuppliers, suppliers } from '../../db/schema/catalogue.ts';
import { DEFAULT_LIMIT, cappedCount, keyset, toPage } from '../../lib/pagination.ts';
import { escapeLike } from '../../lib/search-text.ts';

export type SupplierRow = typeof suppliers.$inferSelect;
export type SupplierPatch = Partial<
  Omit<typeof suppliers.$inferInsert, 'id' | 'createdAt' | 'version'>
>;

export function createSuppliersRepository(db: Executor) {
  return {
    async insert(row: typeof suppliers.$inferInsert, tx: Executor) {
      const [result] = await tx.insert(suppliers).values(row);
      return result.insertId;
    },
    async findById(id: number, tx: Executor = db, forUpdate = false) {
      const q = tx.select().from(suppliers).where(eq(suppliers.id, id));
      const [row] = forUpdate ? await q.for('update') : await q;
      return row;
    },
    async update(id: number, expectedVersion: number, patch: SupplierPatch, tx: Executor) {
      const [result] = await tx
        .update(suppliers)
        .set({ ...patch, version: expectedVersion + 1, updatedAt: new Date() })
        .where(and(eq(suppliers.id, id), eq(suppliers.version, expectedVersion)));
      return result.affectedRows;
    },
    async delete(id: number, tx: Executor) {
      await tx.delete(suppliers).where(eq(suppliers.id, id));
    },
    async productCounts(ids: number[]) {
      if (ids.length === 0) return new Map<number, number>();
      const rows = await db
        .select({ supplierId: productSuppliers.supplierId, n: count() })
        .from(productSuppliers)
        .where(inArray(productSuppliers.supplierId, ids))
        .groupBy(productSuppliers.supplierId);
      return new Map(rows.map((r) => [r.supplierId, r.n]));
    },
    async list(query: SuppliersListQuery) {
      const term = query.q?.trim();
      const filters: (SQL | undefined)[] = [
        query.archived ? isNotNull(suppliers.archivedAt) : isNull(suppliers.archivedAt),
        term ? like(suppliers.name, `%${escapeLike(term)}%`) : undefined,
      ];
      const where = and(...filters);
      const limit = query.limit ?? DEFAULT_LIMIT;
      const page = keyset(
        { column: suppliers.name, id: suppliers.id, descending: false, kind: 'string' },
        query.cursor,
      );
      const rows = await db
        .select()
        .from(suppliers)
        .where(and(where, page.where))
        .orderBy(...page.orderBy)
        .limit(limit + 1);
      return {
        ...toPage(rows, limit, (r) => [r.name, r.id]),
        total: await cappedCount(db, suppliers, where),
      };
    },
  };
}
export type SuppliersRepository = ReturnType<typeof createSuppliersRepository>;
