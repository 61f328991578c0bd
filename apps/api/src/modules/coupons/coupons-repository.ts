import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { coupons } from '../../db/schema/orders.ts';

export type CouponRow = typeof coupons.$inferSelect;
export type NewCouponRow = typeof coupons.$inferInsert;

export function createCouponsRepository(db: Executor) {
  return {
    async list() {
      return db.select().from(coupons).orderBy(asc(coupons.code)).limit(1000);
    },
    async findById(id: number, tx: Executor = db, forUpdate = false) {
      const q = tx.select().from(coupons).where(eq(coupons.id, id));
      const [row] = forUpdate ? await q.for('update') : await q;
      return row;
    },
    async findByCode(code: string, tx: Executor = db) {
      const [row] = await tx.select().from(coupons).where(eq(coupons.code, code));
      return row;
    },
    async insert(row: NewCouponRow, tx: Executor = db) {
      const [result] = await tx.insert(coupons).values(row);
      return result.insertId;
    },
    async update(id: number, version: number, patch: Partial<NewCouponRow>, tx: Executor) {
      const [result] = await tx
        .update(coupons)
        .set({ ...patch, updatedAt: new Date(), version: sql`${coupons.version} + 1` })
        .where(and(eq(coupons.id, id), eq(coupons.version, version)));
      return result.affectedRows;
    },
    async remove(id: number, tx: Executor) {
      await tx.delete(coupons).where(eq(coupons.id, id));
    },
    /** One use, only while uses remain: a conditional update, like stock. */
    async consume(id: number, tx: Executor) {
      const [result] = await tx
        .update(coupons)
        .set({ usedCount: sql`${coupons.usedCount} + 1` })
        .where(
          and(
            eq(coupons.id, id),
            or(isNull(coupons.usageLimit), lt(coupons.usedCount, coupons.usageLimit)),
          ),
        );
      return result.affectedRows === 1;
    },
  };
}
export type CouponsRepository = ReturnType<typeof createCouponsRepository>;
