import { queryOptions } from '@tanstack/react-query';
import type { Order } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

/** The order with exactly this reference (404 ORDER_NOT_FOUND when none): the global search. */
export function lookupOrder(reference: string, signal?: AbortSignal): Promise<Order> {
  return api.get<Order>('/orders/lookup', { query: { reference }, ...(signal ? { signal } : {}) });
}

/** Read with `queryClient.fetchQuery`: the answer also fills the order page's cache. */
export const orderLookupQueryOptions = (reference: string) =>
  queryOptions({
    queryKey: [...ordersKeys.all, 'lookup', reference] as const,
    queryFn: ({ signal }) => lookupOrder(reference, signal),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
