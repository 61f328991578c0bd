import type { OrderFilters, OrderStatus } from '@gestco/contract';
import type { OrdersQuery } from '../api/get-orders';
import { dayToIso } from '@/lib/format-date';
import {
  ORDER_SORT_LIST,
  ORDER_STATUS_LIST,
  ORIGIN_LIST,
  PAYMENT_STATUS_LIST,
  type OrderSort,
} from './order-options';

/**
 * The list's state lives in the URL: a search can be bookmarked, shared, saved as
 * a view, and survives a reload. Amounts are minor units (as the API has them);
 * dates are days (YYYY-MM-DD), turned into instants in the reader's time zone.
 */
export const LIST_PARAMS = [
  'q',
  'reference',
  'clientId',
  'status',
  'paymentStatus',
  'paymentMethod',
  'shippingMethod',
  'tag',
  'operatorId',
  'origin',
  'totalMin',
  'totalMax',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
  'sort',
] as const;
export type ListParam = (typeof LIST_PARAMS)[number];
export type ListParams = Partial<Record<ListParam, string>>;

export const DEFAULT_SORT: OrderSort = '-createdAt';

/** The known, non-empty parameters of the address. */
export function listParamsFrom(search: URLSearchParams): ListParams {
  const params: ListParams = {};
  for (const name of LIST_PARAMS) {
    const value = search.get(name)?.trim();
    if (value) params[name] = value;
  }
  return params;
}

const positiveInt = (value: string | undefined) => {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};
const nonNegativeInt = (value: string | undefined) => (value === '0' ? 0 : positiveInt(value));

function csvOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
): string | undefined {
  const picked = (value ?? '')
    .split(',')
    .filter((item): item is T => (allowed as readonly string[]).includes(item));
  return picked.length > 0 ? [...new Set(picked)].join(',') : undefined;
}

/**
 * The filters as the API wants them; values it would refuse (a hand-edited
 * address) are left out rather than failing the whole page.
 */
export function filtersFrom(params: ListParams): OrderFilters {
  const filters: OrderFilters = {};
  if (params.q) filters.q = params.q.slice(0, 100);
  if (params.reference) filters.reference = params.reference.slice(0, 40);
  const clientId = positiveInt(params.clientId);
  if (clientId) filters.clientId = clientId;
  const status = csvOf(params.status, ORDER_STATUS_LIST);
  if (status) filters.status = status;
  const paymentStatus = csvOf(params.paymentStatus, PAYMENT_STATUS_LIST);
  if (paymentStatus) filters.paymentStatus = paymentStatus;
  if (params.paymentMethod) filters.paymentMethod = params.paymentMethod;
  if (params.shippingMethod) filters.shippingMethod = params.shippingMethod;
  if (params.tag) filters.tag = params.tag.slice(0, 40);
  const operatorId = positiveInt(params.operatorId);
  if (operatorId) filters.operatorId = operatorId;
  const origin = ORIGIN_LIST.find((candidate) => candidate === params.origin);
  if (origin) filters.origin = origin;
  const totalMin = nonNegativeInt(params.totalMin);
  if (totalMin !== undefined) filters.totalMin = totalMin;
  const totalMax = nonNegativeInt(params.totalMax);
  if (totalMax !== undefined) filters.totalMax = totalMax;
  const createdFrom = params.createdFrom && dayToIso(params.createdFrom, 'start');
  if (createdFrom) filters.createdFrom = createdFrom;
  const createdTo = params.createdTo && dayToIso(params.createdTo, 'end');
  if (createdTo) filters.createdTo = createdTo;
  const updatedFrom = params.updatedFrom && dayToIso(params.updatedFrom, 'start');
  if (updatedFrom) filters.updatedFrom = updatedFrom;
  const updatedTo = params.updatedTo && dayToIso(params.updatedTo, 'end');
  if (updatedTo) filters.updatedTo = updatedTo;
  return filters;
}

export function sortFrom(params: ListParams): OrderSort {
  return ORDER_SORT_LIST.find((sort) => sort === params.sort) ?? DEFAULT_SORT;
}

export function queryFrom(params: ListParams): OrdersQuery {
  const sort = sortFrom(params);
  return { ...filtersFrom(params), ...(sort !== DEFAULT_SORT ? { sort } : {}) };
}

/** The tabs: one status at a time (the URL may hold several, from a saved view). */
export function statusOf(params: ListParams): OrderStatus | null {
  const status = params.status;
  return ORDER_STATUS_LIST.find((candidate) => candidate === status) ?? null;
}

/** Whether two sets of parameters mean the same list (a saved view is the current one). */
export function sameParams(a: ListParams, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => (a as Record<string, string>)[key] === b[key]);
}
