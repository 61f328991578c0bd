import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { idempotencyKeys } from '../../db/schema/orders.ts';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;
type Scope = { principal: string; route: string; idemKey: string };
const same = (s: Scope) =>
  and(
    eq(idempotencyKeys.principal, s.principal),
    eq(idempotencyKeys.route, s.route),
    eq(idempotencyKeys.idemKey, s.idemKey),
  );

export function createIdempotencyRepository(db: Executor) {
  return {
    /** Claims the key; false when a row already holds it (the unique index decides, not a read). */
    async claim(scope: Scope, requestHash: string): Promise<boolean> {
      const [result] = await db.execute(
        sql`insert ignore into ${idempotencyKeys} (principal, route, idem_key, request_hash, state)
            values (${scope.principal}, ${scope.route}, ${scope.idemKey}, ${requestHash}, 'running')`,
      );
      return (result as unknown as { affectedRows: number }).affectedRows === 1;
    },
    async find(scope: Scope) {
      const [row] = await db.select().from(idempotencyKeys).where(same(scope));
      return row;
    },
    async complete(scope: Scope, status: number, body: unknown) {
      await db
        .update(idempotencyKeys)
        .set({ state: 'done', responseStatus: status, responseBody: body })
        .where(same(scope));
    },
    async release(scope: Scope) {
      await db.delete(idempotencyKeys).where(same(scope));
    },
    async purgeOlderThan(cutoff: Date) {
      await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff));
    },
  };
}
export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
