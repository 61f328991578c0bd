import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { MovementsListQuery } from '@gestco/contract';
import type { Executor } from '../../db/client.ts';
import { runSql } from '../../db/driver-sql.ts';
import {
  products,
  stockMovements,
  stockReceiptLines,
  stockReceipts,
} from '../../db/schema/catalogue.ts';
import { DEFAULT_LIMIT, cappedCount, keyset, toPage } from '../../lib/pagination.ts';

export type MovementRow = typeof stockMovements.$inferSelect;
export type ReceiptRow = typeof stockReceipts.$inferSelect;

export function createInventoryRepository(db: Executor) {
  return {
    /**
     * The conditional update: a deduction succeeds only if enough is on hand
     * (or backorders are allowed). 0 affected rows = short, untracked or unknown.
     */
    async applyDelta(productId: number, delta: number, tx: Executor) {
      const result =
        delta < 0
          ? await runSql(
              tx,
              'UPDATE products SET on_hand = on_hand + ? WHERE id = ? AND track_stock = 1 AND (allow_backorder = 1 OR on_hand >= ?)',
              [delta, productId, -delta],
            )
          : await runSql(
              tx,
              'UPDATE products SET on_hand = on_hand + ? WHERE id = ? AND track_stock = 1',
              [delta, productId],
            );
      return result.affectedRows;
    },

    /**
     * Several deltas in one conditional UPDATE (rows locked in ascending id, as one at a time
     * would): the number of rows it changed. Fewer than `lines` means at least one line is
     * short, untracked or unknown, and the caller must undo this statement (a savepoint).
     */
    async applyDeltas(lines: { productId: number; delta: number }[], tx: Executor) {
      const cases = lines.map(() => 'WHEN ? THEN ?').join(' ');
      const deltas = lines.flatMap((l) => [l.productId, l.delta]);
      const ids = lines.map((l) => l.productId);
      const result = await runSql(
        tx,
        `UPDATE products SET on_hand = on_hand + (CASE id ${cases} END)
          WHERE id IN (${ids.map(() => '?').join(',')}) AND track_stock = 1
            AND (allow_backorder = 1 OR on_hand + (CASE id ${cases} END) >= 0)`,
        [...deltas, ...ids, ...deltas],
      );
      return result.affectedRows;
    },

    /** The ledger rows of `applyDeltas` in one INSERT … SELECT (on_hand read from our rows). */
    async insertMovementsAfterUpdate(
      lines: { productId: number; delta: number }[],
      fields: Omit<
        typeof stockMovements.$inferInsert,
        'onHandAfter' | 'id' | 'createdAt' | 'productId' | 'delta'
      >,
      tx: Executor,
    ) {
      const cases = lines.map(() => 'WHEN ? THEN ?').join(' ');
      const result = await runSql(
        tx,
        `INSERT INTO stock_movements
           (product_id, delta, on_hand_after, kind, reason, ref_type, ref_id, actor_type, actor_id, actor_label)
         SELECT id, (CASE id ${cases} END), on_hand, ?, ?, ?, ?, ?, ?, ?
           FROM products WHERE id IN (${lines.map(() => '?').join(',')}) ORDER BY id`,
        [
          ...lines.flatMap((l) => [l.productId, l.delta]),
          fields.kind,
          fields.reason ?? null,
          fields.refType ?? null,
          fields.refId ?? null,
          fields.actorType,
          fields.actorId ?? null,
          fields.actorLabel,
          ...lines.map((l) => l.productId),
        ],
      );
      return result.affectedRows;
    },

    async savepoint(name: string, tx: Executor) {
      await runSql(tx, `SAVEPOINT ${name}`, []);
    },
    async rollbackToSavepoint(name: string, tx: Executor) {
      await runSql(tx, `ROLLBACK TO SAVEPOINT ${name}`, []);
    },

    /** Stock facts of locked-or-not rows: inside the transaction after applyDelta, the row is ours. */
    async stockOf(productId: number, tx: Executor, forUpdate = false) {
      const q = tx
        .select({
          id: products.id,
          sku: products.sku,
          name: products.name,
          onHand: products.onHand,
          trackStock: products.trackStock,
          allowBackorder: products.allowBackorder,
          archivedAt: products.archivedAt,
        })
        .from(products)
        .where(eq(products.id, productId));
      const [row] = forUpdate ? await q.for('update') : await q;
      return row;
    },

    /**
     * The ledger row of a delta just applied, in one statement: `on_hand_after` is
     * read from the product row this transaction has locked and updated, so the
     * success path of a move is UPDATE + INSERT … SELECT (no SELECT in between).
     * 0 when the product does not exist.
     */
    async insertMovementAfterUpdate(
      row: Omit<typeof stockMovements.$inferInsert, 'onHandAfter' | 'id' | 'createdAt'>,
      tx: Executor,
    ) {
      const result = await runSql(
        tx,
        `INSERT INTO stock_movements
           (product_id, delta, on_hand_after, kind, reason, ref_type, ref_id, actor_type, actor_id, actor_label)
         SELECT id, ?, on_hand, ?, ?, ?, ?, ?, ?, ? FROM products WHERE id = ?`,
        [
          row.delta,
          row.kind,
          row.reason ?? null,
          row.refType ?? null,
          row.refId ?? null,
          row.actorType,
          row.actorId ?? null,
          row.actorLabel,
          row.productId,
        ],
      );
      return result.affectedRows === 1 ? result.insertId : 0;
    },

    async findMovement(id: number, tx: Executor = db) {
      const [row] = await tx
        .select({ movement: stockMovements, sku: products.sku, name: products.name })
        .from(stockMovements)
        .innerJoin(products, eq(products.id, stockMovements.productId))
        .where(eq(stockMovements.id, id));
      return row;
    },

    async listMovements(productId: number, query: MovementsListQuery) {
      const filters: (SQL | undefined)[] = [
        eq(stockMovements.productId, productId),
        query.kind ? eq(stockMovements.kind, query.kind) : undefined,
        query.from ? gte(stockMovements.createdAt, new Date(query.from)) : undefined,
        query.to ? lte(stockMovements.createdAt, new Date(query.to)) : undefined,
      ];
      const where = and(...filters);
      const limit = query.limit ?? DEFAULT_LIMIT;
      const page = keyset(
        { column: stockMovements.id, id: stockMovements.id, descending: true, kind: 'number' },
        query.cursor,
      );
      const rows = await db
        .select({ movement: stockMovements, sku: products.sku, name: products.name })
        .from(stockMovements)
        .innerJoin(products, eq(products.id, stockMovements.productId))
        .where(and(where, page.where))
        .orderBy(...page.orderBy)
        .limit(limit + 1);
      const total = await cappedCount(db, stockMovements, where);
      return { ...toPage(rows, limit, (r) => [r.movement.id, r.movement.id]), total };
    },

    /** Ledger check: the sum of the movements of a product. */
    async ledgerSum(productId: number) {
      const [row] = await db
        .select({ sum: sql<string | null>`SUM(${stockMovements.delta})` })
        .from(stockMovements)
        .where(eq(stockMovements.productId, productId));
      return Number(row?.sum ?? 0);
    },

    async hasHistory(productId: number) {
      const [movement] = await db
        .select({ id: stockMovements.id })
        .from(stockMovements)
        .where(eq(stockMovements.productId, productId))
        .limit(1);
      if (movement) return true;
      const [line] = await db
        .select({ id: stockReceiptLines.id })
        .from(stockReceiptLines)
        .where(eq(stockReceiptLines.productId, productId))
        .limit(1);
      return Boolean(line);
    },

    async supplierHasReceipts(supplierId: number) {
      const [row] = await db
        .select({ id: stockReceipts.id })
        .from(stockReceipts)
        .where(eq(stockReceipts.supplierId, supplierId))
        .limit(1);
      return Boolean(row);
    },

    async insertReceipt(
      row: typeof stockReceipts.$inferInsert,
      lines: Omit<typeof stockReceiptLines.$inferInsert, 'receiptId'>[],
      tx: Executor,
    ) {
      const [result] = await tx.insert(stockReceipts).values(row);
      const receiptId = result.insertId;
      await tx.insert(stockReceiptLines).values(lines.map((l) => ({ ...l, receiptId })));
      return receiptId;
    },

    async findReceipt(id: number, tx: Executor = db) {
      const [receipt] = await tx.select().from(stockReceipts).where(eq(stockReceipts.id, id));
      if (!receipt) return undefined;
      const lines = await tx
        .select({ line: stockReceiptLines, sku: products.sku, name: products.name })
        .from(stockReceiptLines)
        .innerJoin(products, eq(products.id, stockReceiptLines.productId))
        .where(eq(stockReceiptLines.receiptId, id))
        .orderBy(stockReceiptLines.id);
      return { receipt, lines };
    },

    async listReceipts(query: { limit?: number; cursor?: string; supplierId?: number }) {
      const where = query.supplierId ? eq(stockReceipts.supplierId, query.supplierId) : undefined;
      const limit = query.limit ?? DEFAULT_LIMIT;
      const page = keyset(
        { column: stockReceipts.id, id: stockReceipts.id, descending: true, kind: 'number' },
        query.cursor,
      );
      const rows = await db
        .select({ id: stockReceipts.id })
        .from(stockReceipts)
        .where(and(where, page.where))
        .orderBy(desc(stockReceipts.id))
        .limit(limit + 1);
      const total = await cappedCount(db, stockReceipts, where);
      return { ...toPage(rows, limit, (r) => [r.id, r.id]), total };
    },
  };
}
export type InventoryRepository = ReturnType<typeof createInventoryRepository>;
