import type {
  CatalogueOptions,
  CreateProductBody,
  Page,
  Product,
  ProductsListQuery,
  UpdateProductBody,
} from '@gestco/contract';
import type { Database, Executor } from '../../db/client.ts';
import { AppError, versionConflict } from '../../lib/app-error.ts';
import { basisPointsToPercent, percentToBasisPoints } from '../../lib/percent.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type {
  ProductPatch,
  ProductRow,
  ProductsRepository,
  SupplierLinkRow,
} from './products-repository.ts';

/** "5.50" → "5.5", "20.00" → "20": the way rates are written in the settings list. */
const vatLabel = (bp: number) => basisPointsToPercent(bp).replace(/\.?0+$/, '');

function stockStatus(row: ProductRow): Product['stockStatus'] {
  if (!row.trackStock) return 'untracked';
  if (row.onHand <= 0) return 'out';
  return row.onHand <= row.reorderPoint ? 'low' : 'ok';
}

const toWire = (row: ProductRow, links: SupplierLinkRow[], currency: string): Product => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  description: row.description,
  category: row.category,
  specs: row.specs,
  unitPrice: row.unitPrice,
  currency,
  vatRate: vatLabel(row.vatBp),
  salesUnit: row.salesUnit,
  active: row.active,
  trackStock: row.trackStock,
  allowBackorder: row.allowBackorder,
  reorderPoint: row.reorderPoint,
  onHand: row.onHand,
  stockStatus: stockStatus(row),
  imageUrl: row.imageUrl,
  suppliers: links.map((l) => ({
    supplierId: l.supplierId,
    supplierName: l.supplierName,
    reference: l.reference,
    costPrice: l.costPrice,
    leadTimeDays: l.leadTimeDays,
  })),
  archived: row.archivedAt !== null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

const auditView = (
  { createdAt: _c, updatedAt: _u, ...row }: ProductRow,
  links?: SupplierLinkRow[],
) => ({
  ...row,
  archivedAt: row.archivedAt?.toISOString() ?? null,
  ...(links
    ? {
        suppliers: links.map((l) => ({
          supplierId: l.supplierId,
          reference: l.reference,
          costPrice: l.costPrice,
          leadTimeDays: l.leadTimeDays,
        })),
      }
    : {}),
});

const isDuplicateSku = (error: unknown) => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code === 'ER_DUP_ENTRY' && (cause.message ?? '').includes('products_sku_uq');
};

export function createProductsService(deps: {
  db: Database;
  productsRepository: ProductsRepository;
  auditService: Pick<AuditService, 'record'>;
  settingsService: Pick<SettingsService, 'get'>;
  requireActiveSupplier: (id: number, tx: Executor) => Promise<unknown>;
  hasHistory: (productId: number) => Promise<boolean>;
}) {
  const { db, productsRepository: repo, auditService } = deps;

  async function requireProduct(id: number, tx?: Executor, forUpdate = false) {
    const row = await repo.findById(id, tx, forUpdate);
    if (!row) throw new AppError('PRODUCT_NOT_FOUND', `Product ${id} does not exist.`);
    return row;
  }

  async function wireAll(rows: ProductRow[]) {
    const [links, general] = await Promise.all([
      repo.supplierLinks(rows.map((r) => r.id)),
      deps.settingsService.get('general'),
    ]);
    return rows.map((r) => toWire(r, links.get(r.id) ?? [], general.baseCurrency));
  }
  const wire = async (row: ProductRow) => (await wireAll([row]))[0]!;

  /** Body → columns, checking what the schema cannot: VAT rate in the settings list, known suppliers. */
  async function columnsOf(
    body: Partial<Omit<CreateProductBody, 'suppliers'>>,
  ): Promise<ProductPatch> {
    const patch: ProductPatch = {};
    if (body.sku !== undefined) patch.sku = body.sku.trim().toUpperCase();
    if (body.name !== undefined) {
      patch.name = body.name.trim();
      if (!patch.name)
        throw new AppError('VALIDATION_FAILED', '/name must not be blank', {
          errors: [{ path: '/name', message: 'must not be blank' }],
        });
    }
    if (body.description !== undefined) patch.description = body.description?.trim() || null;
    if (body.category !== undefined) patch.category = body.category?.trim() || null;
    if (body.specs !== undefined)
      patch.specs = body.specs.map((s) => ({
        name: s.name.trim(),
        value: s.value.trim(),
        unit: s.unit?.trim() || null,
      }));
    if (body.unitPrice !== undefined) patch.unitPrice = body.unitPrice;
    if (body.vatRate !== undefined) {
      const { vatRates } = await deps.settingsService.get('catalogue');
      const bp = percentToBasisPoints(body.vatRate);
      if (!vatRates.some((rate) => percentToBasisPoints(rate) === bp)) {
        throw new AppError(
          'VALIDATION_FAILED',
          `VAT rate ${body.vatRate} % is not in the settings list.`,
          {
            errors: [{ path: '/vatRate', message: `must be one of ${vatRates.join(', ')}` }],
          },
        );
      }
      patch.vatBp = bp;
    }
    if (body.salesUnit !== undefined) patch.salesUnit = body.salesUnit.trim();
    if (body.active !== undefined) patch.active = body.active;
    if (body.trackStock !== undefined) patch.trackStock = body.trackStock;
    if (body.allowBackorder !== undefined) patch.allowBackorder = body.allowBackorder;
    if (body.reorderPoint !== undefined) patch.reorderPoint = body.reorderPoint;
    if (body.imageUrl !== undefined) patch.imageUrl = body.imageUrl;
    return patch;
  }

  async function saveLinks(
    productId: number,
    links: NonNullable<CreateProductBody['suppliers']>,
    tx: Executor,
  ) {
    const seen = new Set<number>();
    for (const [index, link] of links.entries()) {
      if (seen.has(link.supplierId)) {
        throw new AppError('VALIDATION_FAILED', 'A supplier is listed twice.', {
          errors: [{ path: `/suppliers/${index}/supplierId`, message: 'is listed twice' }],
        });
      }
      seen.add(link.supplierId);
      try {
        await deps.requireActiveSupplier(link.supplierId, tx);
      } catch (error) {
        if (error instanceof AppError) {
          throw new AppError(
            error.code === 'SUPPLIER_ARCHIVED' ? 'SUPPLIER_ARCHIVED' : 'VALIDATION_FAILED',
            error.message,
            {
              errors: [
                {
                  path: `/suppliers/${index}/supplierId`,
                  message:
                    error.code === 'SUPPLIER_ARCHIVED' ? 'is archived' : 'is not a known supplier',
                },
              ],
            },
          );
        }
        throw error;
      }
    }
    await repo.replaceSupplierLinks(
      productId,
      links.map((l) => ({
        productId,
        supplierId: l.supplierId,
        reference: l.reference?.trim() || null,
        costPrice: l.costPrice ?? null,
        leadTimeDays: l.leadTimeDays ?? null,
      })),
      tx,
    );
  }

  async function skuTaken(error: unknown, sku: string | undefined) {
    if (!isDuplicateSku(error) || !sku) return error;
    const existing = await repo.findBySku(sku);
    return new AppError('SKU_TAKEN', `The SKU ${sku} is already used.`, {
      ...(existing ? { existingId: existing.id } : {}),
      errors: [{ path: '/sku', message: 'is already used by another product' }],
    });
  }

  return {
    async list(
      query: ProductsListQuery,
      opts: { lowStockOrder?: boolean } = {},
    ): Promise<Page<Product>> {
      const page = await repo.list(query, opts);
      return { ...page, items: await wireAll(page.items) };
    },

    get: async (id: number) => wire(await requireProduct(id)),

    /** Rows for the public quick-order page (the caller decides what leaves the server). */
    forSale: (limit: number) => repo.forSale(limit),

    async options(): Promise<CatalogueOptions> {
      const [catalogue, general, categories] = await Promise.all([
        deps.settingsService.get('catalogue'),
        deps.settingsService.get('general'),
        repo.categories(),
      ]);
      return {
        vatRates: catalogue.vatRates,
        defaultVatRate: catalogue.defaultVatRate,
        currency: general.baseCurrency,
        categories,
      };
    },

    async create(actor: ActorContext, body: CreateProductBody) {
      const { defaultVatRate } = await deps.settingsService.get('catalogue');
      const columns = await columnsOf({ ...body, vatRate: body.vatRate ?? defaultVatRate });
      try {
        const row = await db.transaction(async (tx) => {
          const id = await repo.insert(
            {
              specs: [],
              salesUnit: 'pièce',
              ...columns,
              sku: columns.sku!,
              name: columns.name!,
              unitPrice: columns.unitPrice!,
              vatBp: columns.vatBp!,
            },
            tx,
          );
          if (body.suppliers) await saveLinks(id, body.suppliers, tx);
          const created = (await repo.findById(id, tx))!;
          const links = (await repo.supplierLinks([id], tx)).get(id) ?? [];
          await auditService.record(
            actor,
            {
              action: 'product.create',
              entity: 'product',
              entityId: id,
              after: auditView(created, links),
            },
            tx,
          );
          return created;
        });
        return wire(row);
      } catch (error) {
        throw await skuTaken(error, columns.sku);
      }
    },

    async update(actor: ActorContext, id: number, body: UpdateProductBody) {
      const { version, suppliers, ...fields } = body;
      const columns = await columnsOf(fields);
      try {
        const row = await db.transaction(async (tx) => {
          const before = await requireProduct(id, tx, true);
          if (before.archivedAt)
            throw new AppError(
              'PRODUCT_ARCHIVED',
              `Product ${before.sku} is archived; unarchive it first.`,
            );
          if (before.version !== version) throw versionConflict('product');
          const linksBefore = (await repo.supplierLinks([id], tx)).get(id) ?? [];
          if ((await repo.update(id, version, columns, tx)) === 0) throw versionConflict('product');
          if (suppliers) await saveLinks(id, suppliers, tx);
          const after = (await repo.findById(id, tx))!;
          const linksAfter = (await repo.supplierLinks([id], tx)).get(id) ?? [];
          await auditService.record(
            actor,
            {
              action: 'product.update',
              entity: 'product',
              entityId: id,
              before: auditView(before, linksBefore),
              after: auditView(after, linksAfter),
            },
            tx,
          );
          return after;
        });
        return wire(row);
      } catch (error) {
        throw await skuTaken(error, columns.sku);
      }
    },

    async setArchived(actor: ActorContext, id: number, version: number, archived: boolean) {
      const row = await db.transaction(async (tx) => {
        const before = await requireProduct(id, tx, true);
        if (before.version !== version) throw versionConflict('product');
        if ((before.archivedAt !== null) === archived) return before;
        await repo.update(id, version, { archivedAt: archived ? new Date() : null }, tx);
        const after = (await repo.findById(id, tx))!;
        await auditService.record(
          actor,
          {
            action: archived ? 'product.archive' : 'product.unarchive',
            entity: 'product',
            entityId: id,
            before: auditView(before),
            after: auditView(after),
          },
          tx,
        );
        return after;
      });
      return wire(row);
    },

    async remove(actor: ActorContext, id: number) {
      const before = await requireProduct(id);
      if (await deps.hasHistory(id)) {
        throw new AppError(
          'CONFLICT',
          `Product ${before.sku} has stock history: archive it instead of deleting it.`,
        );
      }
      await db.transaction(async (tx) => {
        await repo.delete(id, tx);
        await auditService.record(
          actor,
          { action: 'product.delete', entity: 'product', entityId: id, before: auditView(before) },
          tx,
        );
      });
    },
  };
}
export type ProductsService = ReturnType<typeof createProductsService>;
