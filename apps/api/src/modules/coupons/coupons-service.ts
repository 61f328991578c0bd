import type { Coupon, CreateCouponBody, UpdateCouponBody } from '@gestco/contract';
import type { Database, Executor } from '../../db/client.ts';
import { AppError, versionConflict } from '../../lib/app-error.ts';
import { basisPointsToPercent, percentToBasisPoints } from '../../lib/percent.ts';
import type { ActorContext } from '../../lib/request-context.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { CouponRow, CouponsRepository, NewCouponRow } from './coupons-repository.ts';

const toWire = (row: CouponRow): Coupon => ({
  id: row.id,
  code: row.code,
  kind: row.kind,
  percent: row.percentBp === null ? null : basisPointsToPercent(row.percentBp),
  amount: row.amount,
  validFrom: row.validFrom?.toISOString() ?? null,
  validUntil: row.validUntil?.toISOString() ?? null,
  usageLimit: row.usageLimit,
  usedCount: row.usedCount,
  active: row.active,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path} ${message}`, { errors: [{ path, message }] });

const notApplicable = (message: string, path = '/couponCode') =>
  new AppError('COUPON_NOT_APPLICABLE', `This coupon ${message}.`, { errors: [{ path, message }] });

function isDuplicate(error: unknown) {
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  return cause?.code === 'ER_DUP_ENTRY';
}

/** Coupons are managed with the settings (managers) and applied to orders. */
export function createCouponsService(deps: {
  db: Database;
  couponsRepository: CouponsRepository;
  auditService: Pick<AuditService, 'record'>;
}) {
  const { db, couponsRepository: repo, auditService } = deps;

  async function requireCoupon(id: number, tx?: Executor, forUpdate = false) {
    const row = await repo.findById(id, tx, forUpdate);
    if (!row) throw new AppError('COUPON_NOT_FOUND', `Coupon ${id} does not exist.`);
    return row;
  }

  /** The value fields of a coupon, checked against its kind and dates. */
  function checked(
    row: Pick<NewCouponRow, 'kind' | 'percentBp' | 'amount' | 'validFrom' | 'validUntil'>,
  ) {
    if (row.kind === 'percent' && (row.percentBp === null || row.percentBp === undefined))
      throw invalid('/percent', 'is required for a percent coupon');
    if (row.kind === 'amount' && (row.amount === null || row.amount === undefined))
      throw invalid('/amount', 'is required for an amount coupon');
    if (row.kind === 'percent' && row.amount !== null && row.amount !== undefined)
      throw invalid('/amount', 'must be null for a percent coupon');
    if (row.kind === 'amount' && row.percentBp !== null && row.percentBp !== undefined)
      throw invalid('/percent', 'must be null for an amount coupon');
    if (row.validFrom && row.validUntil && row.validFrom >= row.validUntil)
      throw invalid('/validUntil', 'must be after validFrom');
  }

  const date = (v: string | null | undefined) => (v ? new Date(v) : null);

  return {
    async list() {
      return (await repo.list()).map(toWire);
    },

    async create(actor: ActorContext, body: CreateCouponBody): Promise<Coupon> {
      const row: NewCouponRow = {
        code: body.code,
        kind: body.kind,
        percentBp: body.percent ? percentToBasisPoints(body.percent) : null,
        amount: body.amount ?? null,
        validFrom: date(body.validFrom),
        validUntil: date(body.validUntil),
        usageLimit: body.usageLimit ?? null,
        active: body.active ?? true,
      };
      checked(row);
      try {
        const id = await db.transaction(async (tx) => {
          const insertId = await repo.insert(row, tx);
          await auditService.record(
            actor,
            { action: 'coupon.create', entity: 'coupon', entityId: insertId, after: { ...row } },
            tx,
          );
          return insertId;
        });
        return toWire((await repo.findById(id))!);
      } catch (error) {
        if (isDuplicate(error)) {
          throw new AppError('COUPON_CODE_TAKEN', `The coupon code ${body.code} is already used.`, {
            errors: [{ path: '/code', message: 'is already used' }],
          });
        }
        throw error;
      }
    },

    async update(actor: ActorContext, id: number, body: UpdateCouponBody): Promise<Coupon> {
      const { version, ...fields } = body;
      await db.transaction(async (tx) => {
        const before = await requireCoupon(id, tx, true);
        if (before.version !== version) throw versionConflict('coupon');
        const patch: Partial<NewCouponRow> = {};
        if (fields.percent !== undefined)
          patch.percentBp = fields.percent === null ? null : percentToBasisPoints(fields.percent);
        if (fields.amount !== undefined) patch.amount = fields.amount;
        if (fields.validFrom !== undefined) patch.validFrom = date(fields.validFrom);
        if (fields.validUntil !== undefined) patch.validUntil = date(fields.validUntil);
        if (fields.usageLimit !== undefined) patch.usageLimit = fields.usageLimit;
        if (fields.active !== undefined) patch.active = fields.active;
        checked({ ...before, ...patch });
        await repo.update(id, version, patch, tx);
        await auditService.record(
          actor,
          {
            action: 'coupon.update',
            entity: 'coupon',
            entityId: id,
            before: toWire(before),
            after: patch,
          },
          tx,
        );
      });
      return toWire((await repo.findById(id))!);
    },

    async remove(actor: ActorContext, id: number) {
      await db.transaction(async (tx) => {
        const before = await requireCoupon(id, tx, true);
        if (before.usedCount > 0) {
          throw new AppError(
            'CONFLICT',
            `Coupon ${before.code} was used on ${before.usedCount} order(s); deactivate it instead.`,
          );
        }
        await repo.remove(id, tx);
        await auditService.record(
          actor,
          { action: 'coupon.delete', entity: 'coupon', entityId: id, before: toWire(before) },
          tx,
        );
      });
    },

    /**
     * The coupon behind a code, if it can be applied now; with `consume`, one
     * use is taken inside the caller's transaction (exhausted → 422).
     */
    async resolve(code: string, opts: { consume: boolean; tx?: Executor; path?: string }) {
      const path = opts.path ?? '/couponCode';
      const row = await repo.findByCode(code.trim().toUpperCase(), opts.tx);
      if (!row || !row.active) throw notApplicable('is unknown or inactive', path);
      const now = new Date();
      if (row.validFrom && row.validFrom > now) throw notApplicable('is not valid yet', path);
      if (row.validUntil && row.validUntil <= now) throw notApplicable('has expired', path);
      if (row.usageLimit !== null && row.usedCount >= row.usageLimit)
        throw notApplicable('has been used up', path);
      if (opts.consume && opts.tx && !(await repo.consume(row.id, opts.tx)))
        throw notApplicable('has been used up', path);
      return row;
    },

    toWire,
  };
}
export type CouponsService = ReturnType<typeof createCouponsService>;
