import type {
  ChangeChannel,
  OrderOrigin,
  OrderStatus,
  PaymentStatus,
  Role,
} from '@gestco/contract';

/*
 * The contract's lists as plain values: the global search (in the shell, loaded
 * eagerly) reads some of them, and the contract's runtime brings typebox along.
 * `satisfies Record<…>` keeps them in step with the contract's types.
 */
const keysOf = <K extends string>(record: Record<K, true>) => Object.keys(record) as K[];

export const ORDER_STATUS_LIST = keysOf({
  pending: true,
  in_progress: true,
  shipped: true,
  completed: true,
  cancelled: true,
} satisfies Record<OrderStatus, true>);

export const PAYMENT_STATUS_LIST = keysOf({
  unpaid: true,
  paid: true,
  partially_refunded: true,
  refunded: true,
} satisfies Record<PaymentStatus, true>);

export const ORIGIN_LIST = keysOf({
  phone: true,
  store: true,
  manual: true,
  quick_link: true,
  import: true,
  api: true,
} satisfies Record<OrderOrigin, true>);

/** What a person can pick on the order form: the others are set by the system. */
export const FORM_ORIGINS: OrderOrigin[] = ['phone', 'store', 'manual'];

export const CHANNEL_LIST = keysOf({
  web: true,
  scan: true,
  bulk: true,
  api: true,
  quick_link: true,
  system: true,
} satisfies Record<ChangeChannel, true>);

export const ORDER_SORT_LIST = [
  '-createdAt',
  'createdAt',
  '-updatedAt',
  'updatedAt',
  '-total',
  'total',
] as const;
export type OrderSort = (typeof ORDER_SORT_LIST)[number];

/** Who may do what (the API enforces it; this only hides buttons that would answer 403). */
export function orderPermissions(role: Role) {
  const manager = role === 'admin' || role === 'manager';
  return {
    /** Operators and up: take orders, change statuses, record payments, add notes. */
    canWrite: role !== 'viewer',
    /** Managers and up: refunds, and the lines of an order already shipped. */
    canManage: manager,
  };
}
