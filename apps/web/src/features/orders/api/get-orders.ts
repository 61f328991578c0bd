import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { CountedPage, OrderSummary, OrdersListQuery } from '@gestco/contract';
import { api } from '@/lib/api-client';
import { ordersKeys } from '@/lib/query-keys';

export type OrdersQuery = Omit<OrdersListQuery, 'limit' | 'cursor'>;

/** A dense table: a screenful of rows per page. */
const PAGE_SIZE = 50;
/** Someone else's change shows up within this delay (issue #5: "within a few seconds"). */
export const ORDERS_LIST_REFRESH_MS = 10_000;

export function getOrders(
  query: OrdersListQuery,
  signal?: AbortSignal,
): Promise<CountedPage<OrderSummary>> {
  return api.get<CountedPage<OrderSummary>>('/orders', { query, ...(signal ? { signal } : {}) });
}

export const ordersQueryOptions = (query: OrdersQuery) =>
  infiniteQueryOptions({
    queryKey: ordersKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      getOrders(
        { ...query, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    refetchInterval: ORDERS_LIST_REFRESH_MS,
  });

export function useOrders(query: OrdersQuery) {
  return useInfiniteQuery(ordersQueryOptions(query));
}
