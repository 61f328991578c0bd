import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { OrderSummary, OrdersListQuery, Page } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

const PAGE_SIZE = 10;

/** The client's orders, newest first (GET /orders?clientId=): the client page's list. */
export function getClientOrders(
  query: OrdersListQuery,
  signal?: AbortSignal,
): Promise<Page<OrderSummary>> {
  return api.get<Page<OrderSummary>>('/orders', { query, ...(signal ? { signal } : {}) });
}

// Under the orders' list keys: whatever changes an order refreshes this list too.
export const clientOrdersQueryOptions = (clientId: number) =>
  infiniteQueryOptions({
    queryKey: ordersKeys.list({ clientId, view: 'client-page' }),
    queryFn: ({ pageParam, signal }) =>
      getClientOrders(
        { clientId, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

export function useClientOrders(clientId: number) {
  return useInfiniteQuery(clientOrdersQueryOptions(clientId));
}
