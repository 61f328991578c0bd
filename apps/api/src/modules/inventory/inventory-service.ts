import type {
  AdjustmentBody,
  AdjustmentResult,
  CreateStockReceiptBody,
  MovementsListQuery,
  Page,
  Product,
  StockMovement,
  StockMovementKind,
  StockReceipt,
  StockReceiptsListQuery,
  StockShortage,
} from '@gestco/contract';
import type { Database, Executor } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { InventoryRepository, MovementRow } from './inventory-repository.ts';

export interface StockLine {
  productId: number;
  delta: number;
}

export interface StockReference {
  type: 'receipt' | 'order';
  id: number;
}

const toMovementWire = ({
  movement: m,
  sku,
  name,
}: {
  movement: MovementRow;
  sku: string;
  name: string;
}): StockMovement => ({
  id: m.id,
  productId: m.productId,
  productSku: sku,
  productName: name,
  delta: m.delta,
  onHandAfter: m.onHandAfter,
  kind: m.kind,
  reason: m.reason,
  refType: m.refType,
  refId: m.refId,
  actorLabel: m.actorLabel,
  createdAt: m.createdAt.toISOString(),
});

/** Same product twice in one call → one line; then ascending ids, the one lock order for everyone. */
function normalise(lines: StockLine[]): StockLine[] {
  const merged = new Map<number, number>();
  for (const { productId, delta } of lines)
    merged.set(productId, (merged.get(productId) ?? 0) + delta);
  return [...merged]
    .filter(([, delta]) => delta !== 0)
    .map(([productId, delta]) => ({ productId, delta }))
    .sort((a, b) => a.productId - b.productId);
}

export function createInventoryService(deps: {
  db: Database;
  inventoryRepository: InventoryRepository;
  auditService: Pick<AuditService, 'record'>;
  requireActiveSupplier: (id: number, tx: Executor) => Promise<{ id: number; name: string }>;
  supplierName: (id: number) => Promise<string>;
  getProduct: (id: number) => Promise<Product>;
}) {
  const { db, inventoryRepository: repo, auditService } = deps;

  /** What a ledger row says besides its product and delta. */
  const ledgerFields = (
    actor: ActorContext,
    kind: StockMovementKind,
    ref: StockReference | null,
    reason: string | null,
  ) => ({
    kind,
    reason,
    refType: ref?.type ?? null,
    refId: ref?.id ?? null,
    actorType: actor.actorType,
    actorId: actor.actorId,
    actorLabel: actor.actorLabel,
  });

  /**
   * Stock moved line by line. Runs inside the caller's transaction: lines in
   * ascending product id, a conditional update per line (no oversell unless the
   * product allows backorders), one ledger row per line. Products that do not
   * track stock are skipped. Throws INSUFFICIENT_STOCK naming every short line;
   * the caller's transaction then rolls everything back. Returns the ledger rows' ids.
   */
  async function moveEach(
    actor: ActorContext,
    lines: StockLine[],
    kind: StockMovementKind,
    ref: StockReference | null,
    reason: string | null,
    tx: Executor,
  ): Promise<number[]> {
    const shortages: StockShortage[] = [];
    const movementIds: number[] = [];
    for (const line of normalise(lines)) {
      // Success path: two statements, the conditional UPDATE then the ledger row
      // (INSERT … SELECT on_hand from the row we now hold), with no read in between:
      // on a hot product every round trip made while holding its lock costs throughput.
      if ((await repo.applyDelta(line.productId, line.delta, tx)) === 1) {
        movementIds.push(
          await repo.insertMovementAfterUpdate(
            {
              productId: line.productId,
              delta: line.delta,
              ...ledgerFields(actor, kind, ref, reason),
            },
            tx,
          ),
        );
        continue;
      }
      // Nothing updated: unknown, not tracked (skipped), or short. A locking read,
      // so `available` is the latest committed figure, not this transaction's snapshot.
      const stock = await repo.stockOf(line.productId, tx, true);
      if (!stock)
        throw new AppError('PRODUCT_NOT_FOUND', `Product ${line.productId} does not exist.`);
      if (!stock.trackStock) continue;
      shortages.push({
        productId: stock.id,
        sku: stock.sku,
        requested: -line.delta,
        available: stock.onHand,
      });
    }
    if (shortages.length > 0) {
      const list = shortages
        .map((s) => `${s.sku}: ${s.available} left, ${s.requested} asked`)
        .join('; ');
      throw new AppError('INSUFFICIENT_STOCK', `Not enough stock (${list}).`, { shortages });
    }
    return movementIds;
  }

  /**
   * The only way stock moves (see moveEach for the rules); returns how many ledger rows it
   * wrote. Several lines go first as one conditional UPDATE and one INSERT … SELECT: an order
   * of 3 products is 3 statements instead of 6, each round trip made while holding the
   * products' locks (bench/orders.mjs). When that UPDATE does not change every row (a line
   * short, untracked or unknown) it is undone to a savepoint and the lines go one by one,
   * which finds and names each shortage exactly as before.
   */
  async function move(
    actor: ActorContext,
    lines: StockLine[],
    kind: StockMovementKind,
    ref: StockReference | null,
    reason: string | null,
    tx: Executor,
  ): Promise<number> {
    const sorted = normalise(lines);
    if (sorted.length < 2) return (await moveEach(actor, sorted, kind, ref, reason, tx)).length;
    await repo.savepoint('stock_move', tx);
    if ((await repo.applyDeltas(sorted, tx)) === sorted.length) {
      return repo.insertMovementsAfterUpdate(sorted, ledgerFields(actor, kind, ref, reason), tx);
    }
    await repo.rollbackToSavepoint('stock_move', tx);
    return (await moveEach(actor, sorted, kind, ref, reason, tx)).length;
  }

  async function receiptWire(id: number, tx?: Executor): Promise<StockReceipt> {
    const found = await repo.findReceipt(id, tx);
    if (!found) throw new AppError('RECEIPT_NOT_FOUND', `Receipt ${id} does not exist.`);
    const { receipt, lines } = found;
    return {
      id: receipt.id,
      supplierId: receipt.supplierId,
      supplierName: await deps.supplierName(receipt.supplierId),
      reference: receipt.reference,
      note: receipt.note,
      lines: lines.map(({ line, sku, name }) => ({
        productId: line.productId,
        sku,
        name,
        quantity: line.quantity,
        unitCost: line.unitCost,
      })),
      receivedAt: receipt.receivedAt.toISOString(),
      createdBy: receipt.createdBy,
      createdAt: receipt.createdAt.toISOString(),
    };
  }

  return {
    move,

    /** Transaction with deadlock retry, for callers that move stock (orders later). */
    transaction: <T>(fn: (tx: Executor) => Promise<T>) => inTransaction(db, fn),

    async adjust(
      actor: ActorContext,
      productId: number,
      body: AdjustmentBody,
    ): Promise<AdjustmentResult> {
      // The schema counts characters; "   " or " a " would pass it and store no reason at all.
      const reason = body.reason.trim();
      if (reason.length < 3) {
        throw new AppError('VALIDATION_FAILED', 'Give a reason for the adjustment.', {
          errors: [{ path: '/reason', message: 'must have at least 3 characters besides spaces' }],
        });
      }
      const movementId = await inTransaction(db, async (tx) => {
        const stock = await repo.stockOf(productId, tx, true);
        if (!stock) throw new AppError('PRODUCT_NOT_FOUND', `Product ${productId} does not exist.`);
        if (!stock.trackStock) {
          throw new AppError(
            'CONFLICT',
            `Product ${stock.sku} does not track stock; enable stock tracking first.`,
          );
        }
        if (body.mode === 'count' && body.quantity < 0) {
          throw new AppError('VALIDATION_FAILED', 'A counted quantity cannot be negative.', {
            errors: [{ path: '/quantity', message: 'must be >= 0 when mode is count' }],
          });
        }
        const delta = body.mode === 'count' ? body.quantity - stock.onHand : body.quantity;
        if (delta === 0) {
          throw new AppError('VALIDATION_FAILED', 'This adjustment changes nothing.', {
            errors: [
              {
                path: '/quantity',
                message: body.mode === 'count' ? 'equals the quantity on hand' : 'must not be 0',
              },
            ],
          });
        }
        const [id] = await moveEach(actor, [{ productId, delta }], 'adjustment', null, reason, tx);
        await auditService.record(
          actor,
          {
            action: 'stock.adjust',
            entity: 'product',
            entityId: productId,
            before: { onHand: stock.onHand },
            after: {
              onHand: stock.onHand + delta,
              delta,
              mode: body.mode,
              reason,
            },
          },
          tx,
        );
        return id!;
      });
      const movement = await repo.findMovement(movementId);
      return { product: await deps.getProduct(productId), movement: toMovementWire(movement!) };
    },

    async receive(actor: ActorContext, body: CreateStockReceiptBody): Promise<StockReceipt> {
      const id = await inTransaction(db, async (tx) => {
        try {
          await deps.requireActiveSupplier(body.supplierId, tx);
        } catch (error) {
          // A supplier named in the body: a bad field (400), or archived (409), never a 404 of the route.
          if (!(error instanceof AppError)) throw error;
          const archived = error.code === 'SUPPLIER_ARCHIVED';
          throw new AppError(archived ? 'SUPPLIER_ARCHIVED' : 'VALIDATION_FAILED', error.message, {
            errors: [
              {
                path: '/supplierId',
                message: archived ? 'is archived' : 'is not a known supplier',
              },
            ],
          });
        }
        for (const [index, line] of body.lines.entries()) {
          const stock = await repo.stockOf(line.productId, tx);
          if (!stock) {
            throw new AppError('VALIDATION_FAILED', `Product ${line.productId} does not exist.`, {
              errors: [{ path: `/lines/${index}/productId`, message: 'is not a known product' }],
            });
          }
          if (stock.archivedAt) {
            throw new AppError(
              'PRODUCT_ARCHIVED',
              `Product ${stock.sku} is archived; unarchive it to receive it.`,
              {
                errors: [{ path: `/lines/${index}/productId`, message: 'is archived' }],
              },
            );
          }
        }
        const receiptId = await repo.insertReceipt(
          {
            supplierId: body.supplierId,
            reference: body.reference?.trim() || null,
            note: body.note?.trim() || null,
            receivedAt: new Date(),
            createdBy: actor.actorType === 'user' ? actor.actorId : null,
          },
          body.lines.map((l) => ({
            productId: l.productId,
            quantity: l.quantity,
            unitCost: l.unitCost ?? null,
          })),
          tx,
        );
        await move(
          actor,
          body.lines.map((l) => ({ productId: l.productId, delta: l.quantity })),
          'receipt',
          { type: 'receipt', id: receiptId },
          body.reference?.trim() || null,
          tx,
        );
        await auditService.record(
          actor,
          {
            action: 'stock.receive',
            entity: 'stock_receipt',
            entityId: receiptId,
            after: { supplierId: body.supplierId, lines: body.lines },
          },
          tx,
        );
        return receiptId;
      });
      return receiptWire(id);
    },

    getReceipt: (id: number) => receiptWire(id),

    async listReceipts(query: StockReceiptsListQuery): Promise<Page<StockReceipt>> {
      const page = await repo.listReceipts(query);
      return { ...page, items: await Promise.all(page.items.map((r) => receiptWire(r.id))) };
    },

    async listMovements(
      productId: number,
      query: MovementsListQuery,
    ): Promise<Page<StockMovement>> {
      await deps.getProduct(productId);
      const page = await repo.listMovements(productId, query);
      return { ...page, items: page.items.map(toMovementWire) };
    },

    hasHistory: (productId: number) => repo.hasHistory(productId),
    supplierHasReceipts: (supplierId: number) => repo.supplierHasReceipts(supplierId),
    ledgerSum: (productId: number) => repo.ledgerSum(productId),
  };
}
export type InventoryService = ReturnType<typeof createInventoryService>;
