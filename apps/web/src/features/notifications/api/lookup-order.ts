import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { Order } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

/** The order with exactly this reference (404 ORDER_NOT_FOUND when none). */
export function lookupOrder(reference: string, signal?: AbortSignal): Promise<Order> {
  return api.get<Order>('/orders/lookup', { query: { reference }, ...(signal ? { signal } : {}) });
}

/** The history's order filter and the preview's real order name an order by its reference. */
export const orderLookupQueryOptions = (reference: string | null) =>
  queryOptions({
    queryKey: [...ordersKeys.all, 'lookup', reference ?? ''] as const,
    queryFn: reference ? ({ signal }) => lookupOrder(reference, signal) : skipToken,
    // A reference never moves to another order: one answer is enough for the page.
    staleTime: Infinity,
    retry: false,
  });

export function useOrderLookup(reference: string | null) {
  return useQuery(orderLookupQueryOptions(reference));
}
