import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { OrderFilters, StockMovementsExportQuery } from '@gestco/contract';
import type { Database } from '../../db/client.ts';
import { products, stockMovements } from '../../db/schema/catalogue.ts';
import { clients } from '../../db/schema/clients.ts';
import { orders } from '../../db/schema/orders.ts';
import { users } from '../../db/schema/users.ts';
// The orders list's own WHERE: an export of "the current filters" is exactly the list.
import { filterCondition } from '../orders/orders-repository.ts';

/** Rows per page: a page is one indexed range read, and all the memory an export holds. */
export const EXPORT_PAGE = 2000;

export interface OrderExportRow {
  id: number;
  reference: string;
  createdAt: Date;
  status: string;
  paymentStatus: string;
  clientId: number;
  clientCode: string;
  clientName: string;
  operatorName: string | null;
  origin: string;
  paymentMethod: string | null;
  shippingMethod: string | null;
  carrier: string | null;
  trackingCode: string | null;
  net: number;
  vatTotal: number;
  total: number;
  currency: string;
  exchangeRate: string;
  paidAmount: number;
  refundedAmount: number;
  tags: string[];
  country: string | null;
  lineCount: number;
  requestedDeliveryDate: string | null;
  shippedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
}

export interface StockMovementExportRow {
  id: number;
  createdAt: Date;
  productId: number;
  sku: string | null;
  name: string | null;
  kind: string;
  delta: number;
  onHandAfter: number;
  reason: string | null;
  refType: string | null;
  refId: number | null;
  actorLabel: string;
}

export function createExportsRepository(db: Database) {
  /**
   * Orders of a filter in creation order, as keyset pages: nothing held open between two
   * pages (a client that stops reading leaves no connection behind), and each page starts
   * from the index where the last one ended.
   */
  function ordersPage(
    where: SQL | undefined,
    descending: boolean,
    after: { createdAt: Date; id: number } | null,
  ) {
    const dir = descending ? desc : asc;
    const beyond = descending ? lt : gt;
    const keyset: SQL | undefined = after
      ? or(
          beyond(orders.createdAt, after.createdAt),
          and(eq(orders.createdAt, after.createdAt), beyond(orders.id, after.id)),
        )
      : undefined;
    return db
      .select({
        id: orders.id,
        reference: orders.reference,
        createdAt: orders.createdAt,
        status: orders.status,
        paymentStatus: orders.paymentStatus,
        clientId: orders.clientId,
        operatorName: users.name,
        origin: orders.origin,
        paymentMethod: orders.paymentMethod,
        shippingMethod: orders.shippingMethod,
        carrier: orders.carrier,
        trackingCode: orders.trackingCode,
        // The two figures of the totals the file shows, without parsing the whole JSON per row.
        net: sql<number>`CAST(JSON_VALUE(${orders.totals}, '$.net') AS SIGNED)`.mapWith(Number),
        vatTotal: sql<number>`CAST(JSON_VALUE(${orders.totals}, '$.vatTotal') AS SIGNED)`.mapWith(
          Number,
        ),
        total: orders.total,
        currency: orders.currency,
        exchangeRate: orders.exchangeRate,
        paidAmount: orders.paidAmount,
        refundedAmount: orders.refundedAmount,
        tags: orders.tags,
        country: sql<string | null>`JSON_VALUE(${orders.billingAddress}, '$.country')`,
        lineCount: orders.lineCount,
        requestedDeliveryDate: orders.requestedDeliveryDate,
        shippedAt: orders.shippedAt,
        completedAt: orders.completedAt,
        cancelledAt: orders.cancelledAt,
      })
      .from(orders)
      .leftJoin(users, eq(users.id, orders.operatorId))
      .where(and(where, keyset))
      .orderBy(dir(orders.createdAt), dir(orders.id))
      .limit(EXPORT_PAGE);
  }
  type PageRow = Awaited<ReturnType<typeof ordersPage>>[number];

  function movementsPage(q: StockMovementsExportQuery, before: number | null) {
    return db
      .select({
        id: stockMovements.id,
        createdAt: stockMovements.createdAt,
        productId: stockMovements.productId,
        sku: products.sku,
        name: products.name,
        kind: stockMovements.kind,
        delta: stockMovements.delta,
        onHandAfter: stockMovements.onHandAfter,
        reason: stockMovements.reason,
        refType: stockMovements.refType,
        refId: stockMovements.refId,
        actorLabel: stockMovements.actorLabel,
      })
      .from(stockMovements)
      .leftJoin(products, eq(products.id, stockMovements.productId))
      .where(
        and(
          q.productId ? eq(stockMovements.productId, q.productId) : undefined,
          q.kind ? eq(stockMovements.kind, q.kind) : undefined,
          q.from ? sql`${stockMovements.createdAt} >= ${new Date(q.from)}` : undefined,
          q.to ? sql`${stockMovements.createdAt} <= ${new Date(q.to)}` : undefined,
          before ? lt(stockMovements.id, before) : undefined,
        ),
      )
      .orderBy(desc(stockMovements.id))
      .limit(EXPORT_PAGE);
  }

  return {
    /**
     * Orders of a filter in creation order, as keyset pages: nothing held open between two
     * pages (a client that stops reading leaves no connection behind), and each page starts
     * from the index where the last one ended.
     */
    async *orders(filters: OrderFilters, descending: boolean): AsyncGenerator<OrderExportRow[]> {
      const where = filterCondition(filters);
      let after: { createdAt: Date; id: number } | null = null;
      for (;;) {
        const page: PageRow[] = await ordersPage(where, descending, after);
        if (page.length === 0) return;
        // Client names for the page only (as the orders list does: a join would let the
        // optimizer start from clients).
        const ids = [...new Set(page.map((r) => r.clientId))];
        const names = new Map(
          (
            await db
              .select({ id: clients.id, code: clients.code, name: clients.name })
              .from(clients)
              .where(inArray(clients.id, ids))
          ).map((c) => [c.id, c]),
        );
        yield page.map((r) => {
          const c = names.get(r.clientId);
          return { ...r, clientCode: c?.code ?? '', clientName: c?.name ?? '' };
        });
        if (page.length < EXPORT_PAGE) return;
        const last = page[page.length - 1]!;
        after = { createdAt: last.createdAt, id: last.id };
      }
    },

    /** The stock ledger, newest first, in keyset pages on the id. */
    async *stockMovements(q: StockMovementsExportQuery): AsyncGenerator<StockMovementExportRow[]> {
      let before: number | null = null;
      for (;;) {
        const page: StockMovementExportRow[] = await movementsPage(q, before);
        if (page.length > 0) yield page;
        if (page.length < EXPORT_PAGE) return;
        before = page[page.length - 1]!.id;
      }
    },
  };
}
export type ExportsRepository = ReturnType<typeof createExportsRepository>;
