import type { Role, StockMovementKind, StockStatus } from '@gestco/contract';

/*
 * The contract's own lists are runtime values: importing them would bring typebox
 * into these eagerly loaded pages (see the README). `satisfies Record<…>` keeps these
 * in step with the contract's types: a value added there fails to compile here.
 */
const keysOf = <K extends string>(record: Record<K, true>) => Object.keys(record) as K[];

export const STOCK_MOVEMENT_KINDS = keysOf({
  receipt: true,
  adjustment: true,
  order_reserve: true,
  order_deduct: true,
  order_restore: true,
  return: true,
} satisfies Record<StockMovementKind, true>);

export const STOCK_STATUSES = keysOf({
  ok: true,
  low: true,
  out: true,
  untracked: true,
} satisfies Record<StockStatus, true>);

export const ADJUSTMENT_MODES = ['delta', 'count'] as const;
export type AdjustmentMode = (typeof ADJUSTMENT_MODES)[number];

/** Who may do what (the API enforces it; this only hides buttons that would answer 403). */
export function cataloguePermissions(role: Role) {
  return {
    /** Operators and up: adjust stock, record receipts. */
    canMoveStock: role !== 'viewer',
    /** Managers and up: create, edit, archive, delete products and suppliers. */
    canManage: role === 'admin' || role === 'manager',
  };
}
