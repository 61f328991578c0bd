import type {
  CreateSupplierBody,
  Page,
  Supplier,
  SuppliersListQuery,
  UpdateSupplierBody,
} from '@gestco/contract';
import type { Database, Executor } from '../../db/client.ts';
import { AppError, versionConflict } from '../../lib/app-error.ts';
import { toE164, toNational } from '../../lib/phone.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { SupplierPatch, SupplierRow, SuppliersRepository } from './suppliers-repository.ts';

const toWire = (row: SupplierRow, productCount: number): Supplier => ({
  id: row.id,
  name: row.name,
  contactPerson: row.contactPerson,
  email: row.email,
  phone: row.phone,
  phoneNational: row.phone ? toNational(row.phone) : null,
  address: {
    line1: row.addressLine1,
    line2: row.addressLine2,
    postalCode: row.postalCode,
    city: row.city,
    country: row.country,
  },
  notes: row.notes,
  productCount,
  archived: row.archivedAt !== null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});
const auditView = ({ createdAt: _c, updatedAt: _u, ...row }: SupplierRow) => ({
  ...row,
  archivedAt: row.archivedAt?.toISOString() ?? null,
});

export function createSuppliersService(deps: {
  db: Database;
  suppliersRepository: SuppliersRepository;
  auditService: Pick<AuditService, 'record'>;
  settingsService: Pick<SettingsService, 'get'>;
  hasReceipts: (supplierId: number) => Promise<boolean>;
}) {
  const { db, suppliersRepository: repo, auditService } = deps;

  async function requireSupplier(id: number, tx?: Executor, forUpdate = false) {
    const row = await repo.findById(id, tx, forUpdate);
    if (!row) throw new AppError('SUPPLIER_NOT_FOUND', `Supplier ${id} does not exist.`);
    return row;
  }
  async function wire(row: SupplierRow) {
    return toWire(row, (await repo.productCounts([row.id])).get(row.id) ?? 0);
  }

  async function columnsOf(
    body: Omit<Partial<CreateSupplierBody>, never>,
    current?: SupplierRow,
  ): Promise<SupplierPatch> {
    const patch: SupplierPatch = {};
    if (body.name !== undefined) {
      patch.name = body.name.trim();
      if (!patch.name)
        throw new AppError('VALIDATION_FAILED', '/name must not be blank', {
          errors: [{ path: '/name', message: 'must not be blank' }],
        });
    }
    if (body.contactPerson !== undefined) patch.contactPerson = body.contactPerson?.trim() || null;
    if (body.email !== undefined) patch.email = body.email?.trim().toLowerCase() || null;
    if (body.notes !== undefined) patch.notes = body.notes?.trim() || null;
    if (body.address !== undefined) {
      const a = body.address;
      if (a.line1 !== undefined) patch.addressLine1 = a.line1?.trim() || null;
      if (a.line2 !== undefined) patch.addressLine2 = a.line2?.trim() || null;
      if (a.postalCode !== undefined) patch.postalCode = a.postalCode?.trim() || null;
      if (a.city !== undefined) patch.city = a.city?.trim() || null;
      if (a.country !== undefined) patch.country = a.country;
    }
    if (body.phone !== undefined) {
      if (!body.phone?.trim()) patch.phone = null;
      else {
        const country =
          patch.country ??
          current?.country ??
          (await deps.settingsService.get('general')).defaultCountry;
        const e164 = toE164(body.phone, country);
        if (!e164)
          throw new AppError('VALIDATION_FAILED', '/phone is not a valid phone number', {
            errors: [{ path: '/phone', message: 'is not a valid phone number' }],
          });
        patch.phone = e164;
      }
    }
    return patch;
  }

  return {
    async list(query: SuppliersListQuery): Promise<Page<Supplier>> {
      const page = await repo.list(query);
      const counts = await repo.productCounts(page.items.map((r) => r.id));
      return { ...page, items: page.items.map((r) => toWire(r, counts.get(r.id) ?? 0)) };
    },
    get: async (id: number) => wire(await requireSupplier(id)),
    name: async (id: number) => (await repo.findById(id))?.name ?? '',

    /** For receipts and product links: exists and is not archived. */
    async requireActive(id: number, tx: Executor) {
      const row = await requireSupplier(id, tx);
      if (row.archivedAt)
        throw new AppError('SUPPLIER_ARCHIVED', `Supplier ${row.name} is archived.`);
      return row;
    },

    async create(actor: ActorContext, body: CreateSupplierBody) {
      const columns = await columnsOf(body);
      const row = await db.transaction(async (tx) => {
        const id = await repo.insert({ ...columns, name: columns.name! }, tx);
        const created = (await repo.findById(id, tx))!;
        await auditService.record(
          actor,
          {
            action: 'supplier.create',
            entity: 'supplier',
            entityId: id,
            after: auditView(created),
          },
          tx,
        );
        return created;
      });
      return wire(row);
    },

    async update(actor: ActorContext, id: number, body: UpdateSupplierBody) {
      const { version, ...fields } = body;
      const row = await db.transaction(async (tx) => {
        const before = await requireSupplier(id, tx, true);
        if (before.archivedAt)
          throw new AppError(
            'SUPPLIER_ARCHIVED',
            `Supplier ${before.name} is archived; unarchive it first.`,
          );
        if (before.version !== version) throw versionConflict('supplier');
        const patch = await columnsOf(fields, before);
        if ((await repo.update(id, version, patch, tx)) === 0) throw versionConflict('supplier');
        const after = (await repo.findById(id, tx))!;
        await auditService.record(
          actor,
          {
            action: 'supplier.update',
            entity: 'supplier',
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

    async setArchived(actor: ActorContext, id: number, version: number, archived: boolean) {
      const row = await db.transaction(async (tx) => {
        const before = await requireSupplier(id, tx, true);
        if (before.version !== version) throw versionConflict('supplier');
        if ((before.archivedAt !== null) === archived) return before;
        await repo.update(id, version, { archivedAt: archived ? new Date() : null }, tx);
        const after = (await repo.findById(id, tx))!;
        await auditService.record(
          actor,
          {
            action: archived ? 'supplier.archive' : 'supplier.unarchive',
            entity: 'supplier',
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
      const before = await requireSupplier(id);
      const used = (await repo.productCounts([id])).get(id) ?? 0;
      if (used > 0 || (await deps.hasReceipts(id))) {
        throw new AppError(
          'CONFLICT',
          `Supplier ${before.name} has products or receipts: archive it instead.`,
        );
      }
      await db.transaction(async (tx) => {
        await repo.delete(id, tx);
        await auditService.record(
          actor,
          {
            action: 'supplier.delete',
            entity: 'supplier',
            entityId: id,
            before: auditView(before),
          },
          tx,
        );
      });
    },
  };
}
export type SuppliersService = ReturnType<typeof createSuppliersService>;
