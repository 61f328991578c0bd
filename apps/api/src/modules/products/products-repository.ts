import {
  and,
  asc,
  eq,
  inArray,
  isNotNull,
  isNull,
  like,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { ProductsListQuery } from '@gestco/contract';
import type { Executor } from '../../db/client.ts';
import { productSuppliers, products, suppliers } from '../../db/schema/catalogue.ts';
import { DEFAULT_LIMIT, cappedCount, keyset, parseSort, toPage } from '../../lib/pagination.ts';
import { escapeLike } from '../../lib/search-text.ts';

export type ProductRow = typeof products.$inferSelect;
export type ProductPatch = Partial<
  Omit<typeof products.$inferInsert, 'id' | 'createdAt' | 'version' | 'onHand'>
>;
export type SupplierLinkRow = typeof productSuppliers.$inferSelect & { supplierName: string };

export function createProductsRepository(db: Executor) {
  const byId = db
    .select()
    .from(products)
    .where(eq(products.id, sql.placeholder('id')))
    .prepare();

  return {
    async insert(row: typeof products.$inferInsert, tx: Executor) {
      const [result] = await tx.insert(products).values(row);
      return result.insertId;
    },
    async findById(id: number, tx: Executor = db, forUpdate = false) {
      if (tx === db && !forUpdate) return (await byId.execute({ id }))[0];
      const q = tx.select().from(products).where(eq(products.id, id));
      const [row] = forUpdate ? await q.for('update') : await q;
      return row;
    },
    async findBySku(sku: string) {
      const [row] = await db
        .select({ id: products.id })
        .from(products)
        .where(eq(products.sku, sku));
      return row;
    },
    async update(id: number, expectedVersion: number, patch: ProductPatch, tx: Executor) {
      const [result] = await tx
        .update(products)
        .set({ ...patch, version: expectedVersion + 1, updatedAt: new Date() })
        .where(and(eq(products.id, id), eq(products.version, expectedVersion)));
      return result.affectedRows;
    },
    async delete(id: number, tx: Executor) {
      await tx.delete(products).where(eq(products.id, id));
    },
    async replaceSupplierLinks(
      productId: number,
      links: (typeof productSuppliers.$inferInsert)[],
      tx: Executor,
    ) {
      await tx.delete(productSuppliers).where(eq(productSuppliers.productId, productId));
      if (links.length > 0) await tx.insert(productSuppliers).values(links);
    },
    async supplierLinks(productIds: number[], tx: Executor = db) {
      if (productIds.length === 0) return new Map<number, SupplierLinkRow[]>();
      const rows = await tx
        .select({ link: productSuppliers, supplierName: suppliers.name })
        .from(productSuppliers)
        .innerJoin(suppliers, eq(suppliers.id, productSuppliers.supplierId))
        .where(inArray(productSuppliers.productId, productIds))
        .orderBy(asc(suppliers.name));
      const map = new Map<number, SupplierLinkRow[]>();
      for (const { link, supplierName } of rows) {
        const list = map.get(link.productId) ?? [];
        list.push({ ...link, supplierName });
        map.set(link.productId, list);
      }
      return map;
    },
    /** What a client may order (quick-order page): active, not archived, by category then name. */
    async forSale(limit: number) {
      return db
        .select({
          id: products.id,
          sku: products.sku,
          name: products.name,
          description: products.description,
          category: products.category,
          specs: products.specs,
          salesUnit: products.salesUnit,
          imageUrl: products.imageUrl,
          unitPrice: products.unitPrice,
          vatBp: products.vatBp,
          trackStock: products.trackStock,
          allowBackorder: products.allowBackorder,
          reorderPoint: products.reorderPoint,
          onHand: products.onHand,
        })
        .from(products)
        .where(and(eq(products.active, true), isNull(products.archivedAt)))
        .orderBy(sql`${products.category} IS NULL`, asc(products.category), asc(products.name))
        .limit(limit);
    },
    async categories() {
      const rows = await db
        .selectDistinct({ category: products.category })
        .from(products)
        .where(and(isNotNull(products.category), isNull(products.archivedAt)))
        .orderBy(products.category)
        .limit(200);
      return rows.map((r) => r.category!).filter(Boolean);
    },
    async list(query: ProductsListQuery, opts: { lowStockOrder?: boolean } = {}) {
      const term = query.q?.trim();
      const filters: (SQL | undefined)[] = [
        query.archived ? isNotNull(products.archivedAt) : isNull(products.archivedAt),
        query.active === undefined ? undefined : eq(products.active, query.active),
        query.lowStock
          ? and(eq(products.trackStock, true), lte(products.onHand, products.reorderPoint))
          : undefined,
        query.category ? eq(products.category, query.category) : undefined,
        query.supplierId
          ? inArray(
              products.id,
              db
                .select({ id: productSuppliers.productId })
                .from(productSuppliers)
                .where(eq(productSuppliers.supplierId, query.supplierId)),
            )
          : undefined,
        term
          ? or(
              like(products.sku, `${escapeLike(term)}%`),
              like(products.name, `%${escapeLike(term)}%`),
            )
          : undefined,
      ];
      const where = and(...filters);
      const sort = opts.lowStockOrder
        ? { field: 'onHand' as const, descending: false }
        : parseSort<'name' | 'sku' | 'createdAt' | 'onHand'>(query.sort, 'name');
      const column = {
        name: products.name,
        sku: products.sku,
        createdAt: products.createdAt,
        onHand: products.onHand,
      }[sort.field];
      const kind =
        sort.field === 'createdAt' ? 'date' : sort.field === 'onHand' ? 'number' : 'string';
      const page = keyset(
        { column, id: products.id, descending: sort.descending, kind },
        query.cursor,
      );
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await db
        .select()
        .from(products)
        .where(and(where, page.where))
        .orderBy(...page.orderBy)
        .limit(limit + 1);
      const total =
        !query.cursor && rows.length <= limit
          ? rows.length
          : await cappedCount(db, products, where);
      return { ...toPage(rows, limit, (r) => [r[sort.field], r.id]), total };
    },
  };
}
export type ProductsRepository = ReturnType<typeof createProductsRepository>;
